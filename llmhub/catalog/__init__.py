"""The catalog: refresh it atomically, keep its build history, and read it.

    refresh_catalog   lock -> TTL -> fetch (live/cache/snapshot) -> build a candidate file ->
                      data tests + thresholds -> carry history -> publish by one rename
    open_catalog      a read-only DuckDB connection
    get_catalog       the ``models`` view as ``Catalog(catalog_version, built_at, models)``
    diff_builds       models added/removed, price and score changes between two builds

Importing this package is cheap; DuckDB loads when a function needs it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from llmhub.catalog.refresh import SOURCE_MODES, RefreshResult, refresh_catalog
from llmhub.errors import CatalogError, CatalogNotFoundError

if TYPE_CHECKING:
    from llmhub.catalog.api import (
        build_catalog,
        get_catalog,
        open_catalog,
        resolve_catalog_path,
    )
    from llmhub.catalog.models import CanonicalModel, Catalog

# The readers' names load on first use: the pydantic models cost a refresh (which never reads
# them) about 0.2 s of CPU, a tenth of its work.
_LAZY = {
    "CanonicalModel": "llmhub.catalog.models",
    "Catalog": "llmhub.catalog.models",
    "build_catalog": "llmhub.catalog.api",
    "get_catalog": "llmhub.catalog.api",
    "open_catalog": "llmhub.catalog.api",
    "resolve_catalog_path": "llmhub.catalog.api",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "SOURCE_MODES",
    "CanonicalModel",
    "Catalog",
    "CatalogError",
    "CatalogNotFoundError",
    "RefreshResult",
    "build_catalog",
    "get_catalog",
    "open_catalog",
    "refresh_catalog",
    "resolve_catalog_path",
]
