"""Copy a polars frame into a DuckDB table through the Arrow C stream, without pyarrow.

Registering a frame with DuckDB (``con.register(name, frame)``) converts it with
``frame.to_arrow()``, which needs pyarrow, and importing it (with numpy) costs about half a
second of every ``catalog refresh``: more than loading the data. The Arrow PyCapsule interface
(polars' ``DataFrame.__arrow_c_stream__``, consumed by DuckDB's ``from_arrow`` since 1.1) hands
the columns over in memory with neither: String -> VARCHAR, Int64 -> BIGINT, Float64 -> DOUBLE,
Boolean -> BOOLEAN, List(String) -> VARCHAR[], with nulls and row order kept. It replaced a
round trip through a temporary Parquet file, which cost twice as long.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb
    import polars as pl

__all__ = ["create_table_from_frame"]


def create_table_from_frame(
    con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, columns: str = "*"
) -> None:
    """``create or replace table <table> as select <columns> from <frame>``.

    Args:
        con: an open DuckDB connection.
        table: the quoted, schema-qualified table name (e.g. ``raw."litellm_models"``).
        frame: the rows, in order.
        columns: the select list over the frame's columns (e.g. ``* replace (...)``).
    """
    # The bare capsule, not the frame: DuckDB converts a polars frame it recognises through
    # pyarrow, while a capsule is scanned as it is.
    rows = con.from_arrow(frame.__arrow_c_stream__())
    rows.query("frame", f"create or replace table {table} as select {columns} from frame")
