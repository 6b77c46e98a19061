"""Frames reach DuckDB unchanged without pyarrow: List(String) columns and the Arrow C stream hand-off."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from llmhub.pipeline.columns import _string_lists
from llmhub.pipeline.frames import create_table_from_frame
from tests.helpers import cli_env

lists = st.lists(st.none() | st.lists(st.text(max_size=5), max_size=4), max_size=30)


@given(lists)
def test_string_lists_keep_nulls_empty_lists_and_order(values: list[list[str] | None]) -> None:
    series = _string_lists("tags", values)
    assert series.name == "tags"
    assert series.dtype == pl.List(pl.String)
    assert series.to_list() == values


def test_frame_reaches_duckdb_with_its_types_nulls_and_order() -> None:
    frame = pl.DataFrame(
        [
            pl.Series("key", ["b", "a", None, "ü'x"], pl.String),
            pl.Series("count", [3, None, 0, 2**40], pl.Int64),
            pl.Series("price", [0.1, 2.5e-7, None, 1e300], pl.Float64),
            pl.Series("flag", [True, None, False, True], pl.Boolean),
            _string_lists("modalities", [["text", "image"], [], None, ["ü"]]),
            pl.Series("record", ['{"a":1}', '{"b":[1,2]}', "{}", '{"ü":null}'], pl.String),
        ]
    )
    con = duckdb.connect()
    con.execute("create schema raw")
    create_table_from_frame(con, 'raw."t"', frame, "* replace (record::json as record)")
    types = dict(
        con.execute(
            "select column_name, data_type from duckdb_columns() where table_name = 't'"
        ).fetchall()
    )
    assert types == {
        "key": "VARCHAR",
        "count": "BIGINT",
        "price": "DOUBLE",
        "flag": "BOOLEAN",
        "modalities": "VARCHAR[]",
        "record": "JSON",
    }
    rows = con.execute('select * exclude (record), record::varchar from raw."t"').fetchall()
    expected = [r[:-1] for r in frame.rows()]
    assert [r[:-1] for r in rows] == expected
    assert [json.loads(r[-1]) for r in rows] == [json.loads(t) for t in frame["record"]]


def test_frame_with_no_rows_keeps_its_columns() -> None:
    frame = pl.DataFrame(schema={"key": pl.String, "n": pl.Int64})
    con = duckdb.connect()
    create_table_from_frame(con, '"empty"', frame)
    assert con.execute('select count(*) from "empty"').fetchone() == (0,)
    assert [d[0] for d in con.execute('select * from "empty"').description] == ["key", "n"]


def test_loading_every_source_imports_neither_pyarrow_nor_numpy() -> None:
    # pyarrow and numpy cost half a second of every refresh; the load path needs neither.
    code = (
        "import sys, duckdb\n"
        "from llmhub.pipeline import fetch_all, load_payloads\n"
        "report = load_payloads(duckdb.connect(), fetch_all('snapshot'))\n"
        "print(report.sources['models_dev'].row_count, sorted(\n"
        "    m for m in ('pyarrow', 'numpy') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), timeout=300
    )
    assert result.returncode == 0, result.stderr
    # The last line: DuckDB draws a progress bar on stdout first when a query takes over 2 s.
    rows, heavy = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert int(rows) > 5000, result.stdout
    assert heavy.strip() == "[]", result.stdout
