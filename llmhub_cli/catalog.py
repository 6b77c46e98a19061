"""Compatibility module ``llmhub_cli.catalog``: building and reading the model catalog."""

from llmhub.catalog import (
    CanonicalModel,
    Catalog,
    build_catalog,
    get_catalog,
    open_catalog,
    refresh_catalog,
)
from llmhub.errors import CatalogError

__all__ = [
    "CanonicalModel",
    "Catalog",
    "CatalogError",
    "build_catalog",
    "get_catalog",
    "open_catalog",
    "refresh_catalog",
]
