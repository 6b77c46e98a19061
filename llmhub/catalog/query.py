"""What the read commands run: filtered listings, text search and user SQL.

Every function opens the catalog read-only. Values from the user are bound parameters; the only
identifiers placed in SQL text come from fixed allow-lists.
"""

from __future__ import annotations

import contextlib
import difflib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmhub.catalog.reader import open_catalog
from llmhub.errors import InputError
from llmhub.sqlquote import quote_identifier
from llmhub.text import shorten

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "SHOW_COLUMNS",
    "QueryResult",
    "run_sql",
    "search_models",
    "show_models",
    "source_table",
]

SHOW_COLUMNS = (
    "canonical_id",
    "mode",
    "price_input_per_million",
    "price_output_per_million",
    "cost_tier",
    "quality_tier",
    "arena_score",
    "quality_overall",
    "quality_overall_low",
    "quality_overall_high",
    # the effort the quality figures are of: the reasoning_effort generate writes, the lab's
    # default, or the headline variant (the default never measured)
    "case when quality_effort_basis = 'effort' then quality_effort"
    " else quality_effort_basis end as quality_at",
    "ttft_seconds",
    "output_tokens_per_second",
    "speed_variant",
    "context_tokens",
    "coalesce(status, 'active') as status",
    "coalesce(price_blended_per_million = 0, false) as is_free",
    "litellm_model is not null as is_callable",
    "tags",
)
# Only models litellm can call are candidates for a role; listings show those unless asked.
_CALLABLE = "litellm_model is not null"
SOURCE_COLUMNS = (
    "source",
    "origin",
    "data_as_of",
    "row_count",
    "quarantined",
    "matched_share",
    "license",
    "attribution",
)
# Statement kinds a read-only query may use; everything else is refused before it runs.
_READ_STATEMENTS = {"SELECT", "EXPLAIN", "PRAGMA"}
_SEARCH_COLUMNS = ("canonical_id", "display_name", "family", "litellm_model", "arena_name")


@dataclass(frozen=True)
class QueryResult:
    """Column names, rows, and how many rows matched before ``limit``."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    total: int

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def show_models(
    db_path: str | Path | None = None,
    *,
    provider: str | None = None,
    tags: list[str] | None = None,
    mode: str | None = None,
    limit: int = 50,
    columns: tuple[str, ...] | None = SHOW_COLUMNS,
    include_all: bool = False,
) -> QueryResult:
    """Models filtered by provider, tags (all must match) and mode, best quality first.

    Only models litellm can call are listed unless ``include_all``.

    Raises:
        InputError: a provider, tag or mode the catalog does not know (with a suggestion).
    """
    con = open_catalog(db_path)
    try:
        where: list[str] = [] if include_all else [_CALLABLE]
        params: list[Any] = []
        if provider:
            _known(con, "provider", provider, "select distinct provider from models")
            where.append("provider = ?")
            params.append(provider)
        if mode:
            _known(con, "mode", mode, "select distinct mode from models where mode is not null")
            where.append("mode = ?")
            params.append(mode)
        for tag in tags or []:
            _known(con, "tag", tag, "select distinct unnest(tags) from models")
        if tags:
            where.append("list_has_all(tags, ?::varchar[])")
            params.append(sorted(set(tags)))
        return _select(con, where, params, limit, columns)
    finally:
        con.close()


def search_models(
    text: str, db_path: str | Path | None = None, *, limit: int = 50, include_all: bool = False
) -> QueryResult:
    """Models whose id, name, family, litellm name or arena name contain ``text`` (any case).

    Exact ids come first, then prefixes, then the best arena score. Only models litellm can call
    are listed unless ``include_all``.
    """
    needle = text.strip().lower()
    if not needle:
        raise InputError(
            "search text is empty", field="text", fix="e.g. llmhub catalog search gpt-4o"
        )
    con = open_catalog(db_path)
    try:
        haystack = " or ".join(
            f"contains(lower(coalesce({quote_identifier(c)}, '')), ?)" for c in _SEARCH_COLUMNS
        )
        params: list[Any] = [needle] * len(_SEARCH_COLUMNS)
        order = (
            "case when lower(model_id) = ? or lower(canonical_id) = ? then 0 "
            "when starts_with(lower(model_id), ?) then 1 else 2 end, "
        )
        where = [f"({haystack})"] + ([] if include_all else [_CALLABLE])
        return _select(con, where, params, limit, SHOW_COLUMNS, order, [needle] * 3)
    finally:
        con.close()


def _select(
    con: duckdb.DuckDBPyConnection,
    where: list[str],
    params: list[Any],
    limit: int,
    columns: tuple[str, ...] | None,
    order_prefix: str = "",
    order_params: list[Any] | tuple[()] = (),
) -> QueryResult:
    clause = (" where " + " and ".join(where)) if where else ""
    total = con.execute(f"select count(*) from models{clause}", params).fetchone()[0]  # type: ignore[index]  # count(*) always returns one row
    picked = ", ".join(columns) if columns else "*"  # expressions, not names
    sql = (
        f"select {picked} from models{clause} "
        f"order by {order_prefix}quality_overall desc nulls last, arena_score desc nulls last,"
        " canonical_id"
    )
    if limit > 0:
        sql += f" limit {int(limit)}"
    cursor = con.execute(sql, [*params, *order_params])
    names = [d[0] for d in cursor.description]
    return QueryResult(names, cursor.fetchall(), int(total))


def _known(con: duckdb.DuckDBPyConnection, field: str, value: str, sql: str) -> None:
    known = sorted(str(r[0]) for r in con.execute(sql).fetchall() if r[0] is not None)
    if value in known:
        return
    close = difflib.get_close_matches(value, known, n=3)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise InputError(
        f"no model has {field} {shorten(value)!r}",
        field=field,
        fix=f'{hint}see `llmhub catalog sql "select distinct {field if field != "tag" else "unnest(tags)"} from models"`',
    )


def source_table(db_path: str | Path | None = None) -> QueryResult:
    """Per source of the build: origin, data date, rows, matched share, license, attribution."""
    con = open_catalog(db_path)
    try:
        picked = ", ".join(map(quote_identifier, SOURCE_COLUMNS))
        cursor = con.execute(f"select {picked} from sources order by source")
        rows = cursor.fetchall()
    finally:
        con.close()
    return QueryResult(list(SOURCE_COLUMNS), rows, len(rows))


# C901 waived: one guarded path (read-only, timeout, row cap, Ctrl-C) whose checks read in order.
def run_sql(  # noqa: C901
    sql: str,
    db_path: str | Path | None = None,
    *,
    timeout: float | None = 30.0,
    max_rows: int | None = None,
) -> QueryResult:
    """Run one read-only statement on the catalog, with file access switched off.

    The query runs in a worker thread, so Ctrl-C (and ``timeout``) interrupt it at once.

    Args:
        sql: one SELECT, EXPLAIN or PRAGMA statement.
        db_path: the catalog file.
        timeout: seconds before the query is interrupted (None or 0: no limit).
        max_rows: keep at most this many rows (``total`` is then ``max_rows + 1``, meaning
            "more"); None keeps all.

    Raises:
        InputError: not a single read statement, DuckDB rejected it, or it ran out of time.
    """
    import threading

    import duckdb

    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise _sql_error(exc) from None
    if len(statements) != 1:
        raise InputError(
            f"expected one SQL statement, got {len(statements)}",
            field="sql",
            fix='run one query at a time, e.g. "select count(*) from models"',
        )
    kind = statements[0].type.name
    if kind not in _READ_STATEMENTS:
        raise InputError(
            f"{kind} statements are not allowed: the catalog is opened read-only",
            field="sql",
            fix="use SELECT; the catalog is rebuilt by `llmhub catalog refresh`",
        )
    con = open_catalog(db_path, sandboxed=True)
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            cursor = con.execute(sql)
            names = [d[0] for d in cursor.description or []]
            if not cursor.description:
                rows = []
            elif max_rows is None:
                rows = cursor.fetchall()
            else:
                rows = cursor.fetchmany(max_rows + 1)
            box["result"] = (names, rows)
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=work, name="llmhub-sql", daemon=True)
    deadline = time.monotonic() + timeout if timeout else None
    try:
        worker.start()
        while worker.is_alive():
            worker.join(0.05)
            if deadline is not None and time.monotonic() > deadline and worker.is_alive():
                con.interrupt()
                worker.join(2)
                raise InputError(
                    f"the query ran longer than {timeout:g} s and was stopped",
                    field="sql",
                    fix="narrow it (where, limit), or pass a larger --timeout",
                )
    except KeyboardInterrupt:
        con.interrupt()
        worker.join(0.5)
        raise
    finally:
        if not worker.is_alive():
            with contextlib.suppress(duckdb.Error):
                con.close()
    error = box.get("error")
    if isinstance(error, duckdb.Error):
        raise _sql_error(error) from None
    if error is not None:
        raise error
    names, rows = box["result"]
    total = len(rows)
    if max_rows is not None and len(rows) > max_rows:
        rows = rows[:max_rows]
    return QueryResult(names, rows, total)


def _sql_error(exc: Exception) -> InputError:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    return InputError(
        # DuckDB quotes the query near the error: a long query must not come back whole
        f"the query failed: {shorten(first, 200)}",
        field="sql",
        fix='list tables with "show tables"; columns with "describe models"',
    )
