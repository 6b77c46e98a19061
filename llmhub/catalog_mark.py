"""The mark every catalog llmhub builds carries: a ``llmhub_meta`` table.

The pipeline writes it in the load's own transaction; ``llmhub.catalog.integrity`` reads it to
tell llmhub's catalogs from other DuckDB files. It sits below both (and imports nothing), so the
pipeline need not reach up into the catalog package to write it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

__all__ = ["CATALOG_KIND", "SCHEMA_VERSION", "mark_catalog"]

CATALOG_KIND = "llmhub-catalog"
SCHEMA_VERSION = 1


def mark_catalog(con: duckdb.DuckDBPyConnection) -> None:
    """Write llmhub's mark into a catalog being built."""
    con.execute("create or replace table llmhub_meta (key varchar primary key, value varchar)")
    con.execute(
        "insert into llmhub_meta values ('kind', ?), ('schema_version', ?)",
        [CATALOG_KIND, str(SCHEMA_VERSION)],
    )
