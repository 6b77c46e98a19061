"""The last good raw payload of each source, kept next to the catalog for ``--source auto``.

Layout: ``<catalog dir>/cache/<source>/<part>.bin`` plus ``meta.json`` (location, fetched_at,
sha256 and a sha256 per part). ``meta.json`` is written last, so a cache entry whose parts do not
match it (a refresh killed mid-write) is ignored rather than trusted.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from llmhub.fsutil import atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:
    from llmhub.pipeline import Payload

__all__ = ["cache_dir", "read_cached", "write_cached"]

_SAFE_PART = re.compile(r"^[A-Za-z0-9_.-]+$")


def cache_dir(catalog: Path) -> Path:
    """The cache folder that belongs to ``catalog``."""
    return catalog.parent / "cache"


def write_cached(catalog: Path, payload: Payload) -> None:
    """Keep ``payload`` as the last good data of its source (replacing the previous one)."""
    folder = cache_dir(catalog) / payload.source
    folder.mkdir(parents=True, exist_ok=True)
    part_hashes = {}
    for name, data in payload.parts.items():
        if not _SAFE_PART.match(name):
            raise ValueError(f"unsafe part name {name!r}")
        atomic_write_bytes(folder / f"{name}.bin", data)
        part_hashes[name] = hashlib.sha256(data).hexdigest()
    meta = {
        "source": payload.source,
        "location": payload.location,
        "fetched_at": payload.fetched_at.isoformat(),
        "sha256": payload.sha256,
        "parts": part_hashes,
    }
    atomic_write_text(folder / "meta.json", json.dumps(meta, indent=2) + "\n")


def read_cached(catalog: Path, source: str) -> Payload | None:
    """The cached payload of ``source`` with origin ``cache``, or None if absent or damaged."""
    from llmhub.pipeline import Payload

    folder = cache_dir(catalog) / source
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        parts = {}
        for name, digest in meta["parts"].items():
            data = (folder / f"{name}.bin").read_bytes()
            if hashlib.sha256(data).hexdigest() != digest:
                return None
            parts[name] = data
        fetched_at = datetime.fromisoformat(meta["fetched_at"])
        return Payload(
            source=source,
            origin="cache",
            location=f"{meta['location']} (cached in {folder})",
            fetched_at=fetched_at,
            parts=parts,
            sha256=str(meta["sha256"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
