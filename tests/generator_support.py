"""Small helpers shared by the spec and generator tests."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    """Hash of a file's bytes, to prove a file was left untouched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
