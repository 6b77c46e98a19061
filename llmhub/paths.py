"""Where llmhub finds its own resources and the user's files.

Bundled SQL and data are read through ``importlib.resources`` so that they are found the same way
in a checkout and in an installed wheel. The catalog lives in ``data/catalog.duckdb`` inside a
checkout, and in a per-user data folder otherwise; ``LLMHUB_CATALOG`` overrides both.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # importlib.resources.abc is new in Python 3.11; importing it at run time broke 3.10.
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = [
    "CATALOG_ENV",
    "CONFIG_ENV",
    "SPEC_ENV",
    "checkout_root",
    "default_catalog_path",
    "default_runtime_path",
    "default_spec_path",
    "resource",
    "user_data_dir",
]

CATALOG_ENV = "LLMHUB_CATALOG"
CONFIG_ENV = "LLMHUB_CONFIG"
SPEC_ENV = "LLMHUB_SPEC"


def resource(*parts: str) -> Traversable:
    """A file or folder shipped inside the ``llmhub`` package, e.g. ``resource("sql", "marts")``."""
    node = resources.files("llmhub")
    for part in parts:
        node = node / part
    return node


def checkout_root() -> Path | None:
    """The repository root when llmhub runs from a source checkout, else None."""
    here = Path(__file__).resolve().parent.parent
    if (
        (here / "pyproject.toml").is_file()
        and (here / "pipeline").is_dir()
        and (here / "sql").is_dir()
    ):
        return here
    return None


def user_data_dir() -> Path:
    """The per-user data folder (XDG on Linux, the platform's usual place elsewhere)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "llmhub"


def default_catalog_path() -> Path:
    """``$LLMHUB_CATALOG``, else ``data/catalog.duckdb`` in a checkout, else the user data dir."""
    if os.environ.get(CATALOG_ENV):
        return Path(os.environ[CATALOG_ENV])
    root = checkout_root()
    if root is not None:
        return root / "data" / "catalog.duckdb"
    return user_data_dir() / "catalog.duckdb"


def default_spec_path() -> Path:
    """``$LLMHUB_SPEC``, else ``./llmhub.spec.yaml``."""
    return Path(os.environ.get(SPEC_ENV) or "llmhub.spec.yaml")


def default_runtime_path() -> Path:
    """``$LLMHUB_CONFIG``, else ``./llmhub.yaml``."""
    return Path(os.environ.get(CONFIG_ENV) or "llmhub.yaml")
