"""The catalog: refresh it atomically, keep its build history, and read it.

    refresh_catalog   lock -> TTL -> fetch (live/cache/snapshot) -> build a candidate file ->
                      data tests + thresholds -> carry history -> publish by one rename
    open_catalog      a read-only DuckDB connection
    get_catalog       the ``models`` view as ``Catalog(catalog_version, built_at, models)``
    diff_builds       models added/removed, price and score changes between two builds

Importing this package is cheap: names load on first use, and DuckDB when a function needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmhub._lazy import lazy_namespace

# name -> module that defines it; loaded on first use, so that `generate`, which needs only
# the reader, does not import the refresh machinery.
_EXPORTS: dict[str, str] = {
    "SOURCE_MODES": "llmhub.catalog.refresh",
    "CanonicalModel": "llmhub.catalog.models",
    "Catalog": "llmhub.catalog.models",
    "CatalogError": "llmhub.errors",
    "CatalogNotFoundError": "llmhub.errors",
    "RefreshResult": "llmhub.catalog.refresh",
    "build_catalog": "llmhub.catalog.api",
    "get_catalog": "llmhub.catalog.api",
    "open_catalog": "llmhub.catalog.reader",
    "refresh_catalog": "llmhub.catalog.refresh",
    "resolve_catalog_path": "llmhub.catalog.reader",
}

if TYPE_CHECKING:
    from llmhub.catalog.api import build_catalog, get_catalog
    from llmhub.catalog.models import CanonicalModel, Catalog
    from llmhub.catalog.reader import open_catalog, resolve_catalog_path
    from llmhub.catalog.refresh import SOURCE_MODES, RefreshResult, refresh_catalog
    from llmhub.errors import CatalogError, CatalogNotFoundError

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


__getattr__, __dir__ = lazy_namespace(__name__, _EXPORTS, __all__)
