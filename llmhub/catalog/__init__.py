"""The catalog: refresh it atomically, keep its build history, and read it.

    refresh_catalog   lock -> TTL -> fetch (live/cache/snapshot) -> build a candidate file ->
                      data tests + thresholds -> carry history -> publish by one rename
    open_catalog      a read-only DuckDB connection
    get_catalog       the ``models`` view as ``Catalog(catalog_version, built_at, models)``
    diff_builds       models added/removed, price and score changes between two builds

Importing this package is cheap; DuckDB loads when a function needs it.
"""

from __future__ import annotations

from llmhub.catalog.api import (
    build_catalog,
    get_catalog,
    open_catalog,
    resolve_catalog_path,
)
from llmhub.catalog.models import CanonicalModel, Catalog
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
