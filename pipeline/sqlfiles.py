"""Find the SQL files under ``sql/``, render their Jinja, and create the views in order.

A view file holds one SELECT and is named after its view. Layers are created in the order
staging -> intermediate -> marts; inside a layer a view that names another view of the same
layer is created after it. Jinja is only for shaping SQL (macros that remove repetition);
values never pass through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from llmhub.paths import resource
from llmhub.sqlquote import quote_identifier

if TYPE_CHECKING:
    import duckdb
    import jinja2

__all__ = ["LAYERS", "SqlFile", "create_views", "history_ddl", "sql_files", "test_files"]

LAYERS = ("staging", "intermediate", "marts")
# How each layer is created unless its file says otherwise with a "-- materialized: view" or
# "-- materialized: table" line. Staging views only rename and cast; intermediate and marts
# are computed once per build, because a catalog is written once and read many times (the
# generator, the data tests and ad-hoc SQL would otherwise redo the matching on every query).
DEFAULT_MATERIALIZATION = {"staging": "view", "intermediate": "table", "marts": "table"}
_MATERIALIZED = re.compile(r"^--\s*materialized:\s*(view|table)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SqlFile:
    """One rendered SQL file: its relation (or test) name, layer and SELECT text."""

    name: str
    layer: str
    sql: str

    @property
    def materialized(self) -> str:
        """'view' or 'table': the file's own "-- materialized:" line, else its layer's default."""
        declared = _MATERIALIZED.search(self.sql)
        return declared.group(1) if declared else DEFAULT_MATERIALIZATION.get(self.layer, "view")


_JINJA_MARKERS = ("{{", "{%", "{#")


@cache
def _jinja() -> jinja2.Environment:
    import jinja2  # only the files that hold Jinja need it

    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


def _render(text: str) -> str:
    # Most files hold no Jinja at all: importing jinja2 and compiling 50 templates cost a
    # tenth of a second of every refresh, for output identical to the text itself.
    if any(marker in text for marker in _JINJA_MARKERS):
        text = _jinja().from_string(text).render()
    return text.strip().rstrip(";")


def _read_layer(layer: str) -> list[SqlFile]:
    folder = resource("sql", layer)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [SqlFile(f.name[: -len(".sql")], layer, _render(f.read_text("utf-8"))) for f in files]


def _referenced(sql: str) -> set[str]:
    """Relation names after FROM or JOIN, minus the file's own CTE names and comments."""
    code = re.sub(r"--[^\n]*", "", sql)
    ctes = set(re.findall(r"\b(\w+)\s+as\s*\(", code, flags=re.IGNORECASE))
    used = set(re.findall(r"\b(?:from|join)\s+\"?(\w+)", code, flags=re.IGNORECASE))
    return used - ctes


def _dependency_order(files: list[SqlFile]) -> list[SqlFile]:
    """Order files so that each comes after the files of its layer it names."""
    names = {f.name for f in files}
    needs = {f.name: (_referenced(f.sql) & names) - {f.name} for f in files}
    ordered: list[SqlFile] = []
    done: set[str] = set()
    pending = list(files)
    while pending:
        ready = [f for f in pending if needs[f.name] <= done]
        if not ready:
            cycle = ", ".join(sorted(f.name for f in pending))
            raise ValueError(f"sql views reference each other in a cycle: {cycle}")
        ordered.extend(ready)
        done.update(f.name for f in ready)
        pending = [f for f in pending if f.name not in done]
    return ordered


@cache
def sql_files() -> tuple[SqlFile, ...]:
    """Every view file, in the order the views must be created."""
    ordered: list[SqlFile] = []
    for layer in LAYERS:
        ordered.extend(_dependency_order(_read_layer(layer)))
    return tuple(ordered)


@cache
def test_files() -> tuple[SqlFile, ...]:
    """Every data test under ``sql/tests/`` (each returns the rows that break its rule)."""
    return tuple(_read_layer("tests"))


@cache
def history_ddl() -> str:
    """``sql/history/tables.sql``: the build history tables, created when missing."""
    return resource("sql", "history", "tables.sql").read_text("utf-8")


def create_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create every relation of ``sql/`` in the default schema, in dependency order, each as
    its file's materialization (see DEFAULT_MATERIALIZATION); return their names.

    The history tables come first: the ``builds`` mart reads them.
    """
    con.execute(history_ddl())
    for file in sql_files():
        name = quote_identifier(file.name)
        con.execute(f"create or replace {file.materialized} {name} as\n{file.sql}")
    return [file.name for file in sql_files()]
