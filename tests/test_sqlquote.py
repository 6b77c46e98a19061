"""The one quoting helper keeps a nasty name one name, in real DuckDB, and the code uses it."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl
import pytest

from llmhub.catalog.integrity import verify
from llmhub.pipeline.frames import create_table_from_frame
from llmhub.sqlquote import quote_identifier, quote_literal

ROOT = Path(__file__).resolve().parent.parent

NASTY = [
    'a"b',
    '""',
    "it's",
    "with space",
    "dot.ted",
    "select",
    "from",
    "Mixed Case",
    "ünïcødé 名前",
    'x"; drop table victim; --',
    "trailing\\",
    "new\nline",
    "semi;colon",
]


@pytest.mark.parametrize("name", NASTY)
def test_a_nasty_table_and_column_name_round_trip_as_one_name(name: str) -> None:
    con = duckdb.connect()
    con.execute("create table victim (x int)")
    con.execute(f"create schema {quote_identifier(name)}")
    table = quote_identifier(name, name)
    con.execute(f"create table {table} ({quote_identifier(name)} varchar)")
    con.execute(f"insert into {table} values (?)", [name])
    assert con.execute(f"select {quote_identifier(name)} from {table}").fetchall() == [(name,)]
    described = con.execute(f"describe {table}").fetchall()
    assert [row[0] for row in described] == [name]
    found = con.execute(
        "select schema_name, table_name from duckdb_tables() where table_name = ?", [name]
    ).fetchall()
    assert found == [(name, name)]
    # the injection attempt stayed a name: the other table is still there
    assert con.execute("select count(*) from victim").fetchone() == (0,)


@pytest.mark.parametrize("bad", ["", "a\x00b"])
def test_names_no_quoting_can_carry_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a usable SQL name"):
        quote_identifier("main", bad)
    with pytest.raises(ValueError):
        quote_identifier()


def test_a_path_with_quotes_reads_back_through_quote_literal(tmp_path: Path) -> None:
    folder = tmp_path / 'it\'s a "folder"; drop'
    folder.mkdir()
    path = folder / "o'brien.csv"
    path.write_text("name\nO'Brien\n")
    con = duckdb.connect()
    rows = con.execute(f"select name from read_csv({quote_literal(str(path))})").fetchall()
    assert rows == [("O'Brien",)]
    with pytest.raises(ValueError):
        quote_literal("a\x00b")


def test_the_loader_and_the_integrity_check_take_nasty_names(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "c.duckdb"))
    con.execute(f"create schema {quote_identifier(NASTY[0])}")
    frame = pl.DataFrame({"v": [1, 2, 3]})
    for name in NASTY:
        create_table_from_frame(con, quote_identifier(NASTY[0], name), frame)
    con.execute("create table models as select 1 as id")
    verify(con)  # reads every table by its quoted name; raises on any it cannot name
    counts = con.execute(
        "select count(*) from duckdb_tables() where schema_name = ?", [NASTY[0]]
    ).fetchone()
    assert counts == (len(NASTY),)


# Hand-made quoting the helper replaced: `"` + name + `"` in an f-string, or a replace('"', ...).
HAND_QUOTED = re.compile(
    r"""f'[^']*"\{|f"[^"]*\\"\{|replace\(\s*(['"])["']\1\s*,|replace\(\s*"'"\s*,"""
)


def test_no_module_quotes_sql_by_hand() -> None:
    found = []
    for top in ("llmhub", "pipeline"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if path.is_relative_to(ROOT / "llmhub" / "pipeline") or path.name == "sqlquote.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if HAND_QUOTED.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "use llmhub.sqlquote:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "line",
    [
        """        con.execute(f'create or replace {kind} "{file.name}" as {sql}')""",
        """    create_table_from_frame(con, f'raw."{table}"', frame)""",
        """        quoted = '"' + schema.replace('"', '""') + '"'""",
        """        literal = "'" + path.replace("'", "''") + "'\"""",
    ],
)
def test_the_scan_finds_hand_quoting(line: str) -> None:
    assert HAND_QUOTED.search(line)
