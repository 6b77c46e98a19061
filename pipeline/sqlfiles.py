"""Find the SQL files under ``sql/``, render their Jinja, and create the views in order.

A view file holds one SELECT and is named after its view. Layers are created in the order
staging -> intermediate -> marts; inside a layer a view that names another view of the same
layer is created after it. Jinja is for shaping SQL (macros that remove repetition); values
from a spec or a user never pass through it. The one exception is seed rows, bundled and
reviewed data: a file may render them in as quoted literals with ``seed_rows(name, *columns)``
where DuckDB needs a constant (a regex pattern read from a column is compiled once per row it
is tested on, a pattern in the SQL text once). ``create_views`` renders such a file again from
the seeds of the catalog it builds, so the SQL sees the same rows a join would.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from llmhub.paths import resource
from llmhub.sqlquote import quote_identifier, quote_literal

if TYPE_CHECKING:
    import datetime
    from importlib.abc import Traversable

    import duckdb
    import jinja2

__all__ = ["LAYERS", "SqlFile", "create_views", "history_ddl", "sql_files", "test_files"]

# seed_rows(name, *columns) -> the rows of seeds.<name>, those columns, sorted
SeedRows = Callable[..., list[tuple[Any, ...]]]

LAYERS = ("staging", "intermediate", "marts")
# How each layer is created unless its file says otherwise with a "-- materialized: view" or
# "-- materialized: table" line. Staging views only rename and cast; intermediate and marts
# are computed once per build, because a catalog is written once and read many times (the
# generator, the data tests and ad-hoc SQL would otherwise redo the matching on every query).
DEFAULT_MATERIALIZATION = {"staging": "view", "intermediate": "table", "marts": "table"}
_MATERIALIZED = re.compile(r"^--\s*materialized:\s*(view|table)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SqlFile:
    """One SQL file: its relation (or test) name, layer and SELECT text."""

    name: str
    layer: str
    # the SELECT, Jinja rendered; "" for a file that renders seed rows (``template``)
    text: str
    # The Jinja text of a file that renders seed rows (seed_rows(...)), else "": create_views
    # renders it from the seeds of the catalog it builds.
    template: str = ""

    @cached_property
    def sql(self) -> str:
        """The SELECT text. A file that renders seed rows is rendered from the bundled seeds
        only when asked (reading them loads polars, which a refresh does not need: create_views
        renders it from the catalog's own seeds)."""
        return _render(self.template) if self.template else self.text

    @property
    def source(self) -> str:
        """The file's text as written (Jinja left in): what the views it names are read from."""
        return self.template or self.text

    @property
    def materialized(self) -> str:
        """'view' or 'table': the file's own "-- materialized:" line, else its layer's default."""
        declared = _MATERIALIZED.search(self.source)
        return declared.group(1) if declared else DEFAULT_MATERIALIZATION.get(self.layer, "view")


_JINJA_MARKERS = ("{{", "{%", "{#")


@cache
def _jinja() -> jinja2.Environment:
    import jinja2  # only the files that hold Jinja need it

    # a view imports shared macros by file name from sql/macros/ ({% from "ids.sql" import ... %})
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: resource("sql", "macros", name).read_text("utf-8")
        ),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["literal"] = quote_literal
    return env


def _bundled_seed_rows(name: str, *columns: str) -> list[tuple[Any, ...]]:
    """The rows of a bundled seed file: what ``load_seeds`` loads into every catalog."""
    from .seeds import SEEDS, read_seed  # polars: only a file that renders seed rows needs it

    (seed,) = (s for s in SEEDS if s.name == name)
    return sorted(read_seed(seed).select(columns).rows())


def _catalog_seed_rows(con: duckdb.DuckDBPyConnection) -> SeedRows:
    def rows(name: str, *columns: str) -> list[tuple[Any, ...]]:
        names = ", ".join(quote_identifier(c) for c in columns)
        table = quote_identifier("seeds", name)
        return con.execute(f"select {names} from {table} order by all").fetchall()

    return rows


def _render(text: str, seed_rows: SeedRows = _bundled_seed_rows) -> str:
    # Most files hold no Jinja at all: importing jinja2 and compiling 50 templates cost a
    # tenth of a second of every refresh, for output identical to the text itself.
    if any(marker in text for marker in _JINJA_MARKERS):
        text = _template(text).render(seed_rows=seed_rows)
    return text.strip().rstrip(";")


@cache
def _template(text: str) -> jinja2.Template:
    # compiled once: a file that renders seed rows is rendered again by every create_views
    return _jinja().from_string(text)


def _read_file(path: Traversable, layer: str) -> SqlFile:
    text = path.read_text("utf-8")
    if "seed_rows(" in text:
        return SqlFile(path.name[: -len(".sql")], layer, "", text)
    return SqlFile(path.name[: -len(".sql")], layer, _render(text))


def _read_layer(layer: str) -> list[SqlFile]:
    folder = resource("sql", layer)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [_read_file(f, layer) for f in files]


def _referenced(sql: str) -> set[str]:
    """Relation names after FROM or JOIN, minus the file's own CTE names and comments."""
    code = re.sub(r"--[^\n]*", "", sql)
    ctes = set(re.findall(r"\b(\w+)\s+as\s*\(", code, flags=re.IGNORECASE))
    used = set(re.findall(r"\b(?:from|join)\s+\"?(\w+)", code, flags=re.IGNORECASE))
    return used - ctes


def _dependency_order(files: list[SqlFile]) -> list[SqlFile]:
    """Order files so that each comes after the files of its layer it names."""
    names = {f.name for f in files}
    needs = {f.name: (_referenced(f.source) & names) - {f.name} for f in files}
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


AS_OF_ENV = "LLMHUB_AS_OF"


def build_date() -> datetime.date | None:
    """``$LLMHUB_AS_OF``, the day a build counts as today, or None (the real today).

    For a reproducible build of old data (the tests pin the bundled snapshots' day). Raises
    InputError when it is set but not a YYYY-MM-DD date.
    """
    import datetime

    from llmhub.errors import InputError

    value = os.environ.get(AS_OF_ENV, "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{AS_OF_ENV}={value[:40]!r} is not a date",
            field=AS_OF_ENV,
            fix="set it to a day as YYYY-MM-DD, or unset it to build as of today",
        ) from None


def create_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create every relation of ``sql/`` in the default schema, in dependency order, each as
    its file's materialization (see DEFAULT_MATERIALIZATION); return their names.

    The history tables come first: the ``builds`` mart reads them. A file that renders seed
    rows is rendered from the seeds in ``con``.
    """
    con.execute(history_ddl())
    as_of = build_date()
    if as_of is not None:
        # the day the build counts as today (cost-map retirement dates); SQL reads it as
        # coalesce(getvariable('llmhub_as_of'), current_date)
        con.execute(f"set variable llmhub_as_of = date '{as_of.isoformat()}'")
    seed_rows = _catalog_seed_rows(con)
    for file in sql_files():
        name = quote_identifier(file.name)
        sql = _render(file.template, seed_rows) if file.template else file.sql
        con.execute(f"create or replace {file.materialized} {name} as\n{sql}")
    return [file.name for file in sql_files()]
