"""Copy a polars frame into a DuckDB table through a Parquet file, without pyarrow.

Registering a frame with DuckDB (``con.register(name, frame.to_arrow())``) needs pyarrow, and
importing it (with numpy) costs about half a second of every ``catalog refresh``: more than
loading the data. polars writes Parquet natively and DuckDB reads it natively, with the same
column types (String -> VARCHAR, Int64 -> BIGINT, Float64 -> DOUBLE, Boolean -> BOOLEAN,
List(String) -> VARCHAR[]), nulls and row order.
"""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING

from llmhub.sqlquote import quote_literal

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
    with tempfile.TemporaryDirectory(prefix="llmhub-frame-") as folder:
        path = os.path.join(folder, "frame.parquet")
        # Uncompressed and without statistics: the file lives for one statement.
        frame.write_parquet(path, compression="uncompressed", statistics=False)
        con.execute(
            f"create or replace table {table} as select {columns} "
            f"from read_parquet({quote_literal(path)})"
        )
