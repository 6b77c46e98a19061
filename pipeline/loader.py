"""The one loader every source shares: parsed frames -> DuckDB ``raw.*`` (Arrow C stream), the load
ledger, the seed tables, and the views of ``sql/``.

``load_payloads`` parses every payload before it writes anything, so an unusable payload
(DataQualityError) leaves the database as it was; the writes then run in one transaction, so a
failure half-way rolls them all back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from llmhub.catalog_mark import mark_catalog
from llmhub.errors import CatalogError
from llmhub.gcpause import paused_gc
from llmhub.sqlquote import quote_identifier

from .core import SOURCES, Parsed, Payload
from .frames import create_table_from_frame
from .seeds import load_seeds
from .sqlfiles import create_views

if TYPE_CHECKING:
    import duckdb
    import polars as pl

__all__ = ["LEDGER_DDL", "LoadReport", "SourceLoad", "load_frame", "load_payloads", "one_thread"]

LEDGER_DDL = """
create table if not exists raw.load_ledger (
    source varchar not null,
    origin varchar not null,
    location varchar,
    fetched_at timestamptz not null,
    data_as_of timestamptz,
    sha256 varchar not null,
    row_count bigint not null,
    quarantined bigint not null,
    status varchar not null,
    message varchar,
    loaded_at timestamptz not null
)
"""


@dataclass(frozen=True)
class SourceLoad:
    """What one source contributed to a build."""

    source: str
    origin: str
    location: str
    sha256: str
    row_counts: dict[str, int]
    quarantined: int
    problems: list[str]

    @property
    def row_count(self) -> int:
        return sum(self.row_counts.values())


@dataclass(frozen=True)
class LoadReport:
    """Per-source counts and problems, seed counts, the views created and match coverage."""

    sources: dict[str, SourceLoad]
    seeds: dict[str, int]
    views: list[str]
    coverage: dict[str, float] = field(default_factory=dict)

    @property
    def quarantined(self) -> int:
        return sum(s.quarantined for s in self.sources.values())

    @property
    def problems(self) -> list[str]:
        return [p for s in self.sources.values() for p in s.problems]


@contextmanager
def one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run DuckDB on one thread inside the block, then restore the connection's setting.

    Every relation of a build is far smaller than one DuckDB row group (122,880 rows), so no
    statement has work to split; with more threads each statement still pays for waking and
    joining the workers, and on a busy machine waits for the slowest one to be scheduled. One
    thread halved the wall time of creating the views under load (1.5-2.6 s -> 0.7-0.9 s) and
    made float sums deterministic.
    """
    (threads,) = con.execute("select current_setting('threads')").fetchone()  # type: ignore[misc]  # a setting always returns one row
    con.execute("set threads = 1")
    try:
        yield
    finally:
        con.execute(f"set threads = {int(threads)}")


def load_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Replace ``raw.<table>`` with ``frame``; a ``record`` column becomes JSON."""
    columns = "* replace (record::json as record)" if "record" in frame.columns else "*"
    create_table_from_frame(con, quote_identifier("raw", table), frame, columns)


def _ledger_row(payload: Payload, parsed: Parsed, loaded_at: datetime) -> tuple:
    rows = sum(frame.height for frame in parsed.tables.values())
    status = "quarantined" if parsed.quarantined else "ok"
    message = "; ".join(parsed.problems) if parsed.problems else f"{rows} rows loaded"
    return (
        payload.source,
        payload.origin,
        payload.location,
        payload.fetched_at,
        payload.data_as_of,
        payload.sha256,
        rows,
        parsed.quarantined,
        status,
        message,
        loaded_at,
    )


COVERAGE_SQL = """
select
    count(*) as models,
    count(*) filter (where arena_name is not null) as models_with_arena_score,
    count(*) filter (where quality_overall is not null) as models_with_quality,
    count(*) filter (where litellm_model is not null) as models_with_litellm_model,
    (select count(distinct arena_name) from int_arena__name_matches) as arena_names_matched,
    (select count(*) from int_arena__names) as arena_names,
    (
        select count(*) filter (
            where arena_name in (select arena_name from int_arena__name_matches)
        )
        from (
            select arena_name from stg_lmarena__scores
            where leaderboard = 'text' and category = 'full'
            order by score desc
            limit 100
        )
    ) as top100_full_matched
from models
"""


def _coverage(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    (row,) = con.execute(COVERAGE_SQL).fetchall()
    models, scored, with_quality, callable_, names_matched, names, top100 = row
    return {
        "models": models,
        "models_with_arena_score": scored,
        "models_with_quality": with_quality,
        "models_with_litellm_model": callable_,
        "arena_names_matched": names_matched,
        "arena_names": names,
        "top100_full_names_matched": top100,
        "arena_score_share": scored / models if models else 0.0,
        "quality_share": with_quality / models if models else 0.0,
        "litellm_model_share": callable_ / models if models else 0.0,
    }


def load_payloads(
    con: duckdb.DuckDBPyConnection, payloads: dict[str, Payload], *, commit: bool = True
) -> LoadReport:
    """Parse every payload, load ``raw.*`` and the ledger, the seeds, then create the views.

    Args:
        con: an open read-write DuckDB connection (the build's temporary file) with no
            transaction open: the load runs in one transaction of its own and commits it.
        payloads: one payload per name of ``SOURCES``.
        commit: False leaves the load's transaction open on success, for a caller that adds
            to it and commits once (a failure still rolls it back).

    Returns:
        A LoadReport with rows, quarantined rows and problems per source, and match coverage.

    Raises:
        DataQualityError: a payload is unusable as a whole (nothing is written then).
        CatalogError: a source is missing or unknown.
    """
    missing = sorted(set(SOURCES) - set(payloads))
    unknown = sorted(set(payloads) - set(SOURCES))
    if missing or unknown:
        raise CatalogError(
            f"load_payloads needs exactly the sources {sorted(SOURCES)};"
            f" missing {missing}, unknown {unknown}",
            fix="fetch every source (SOURCES[name].fetch()) and pass them all",
        )
    with paused_gc():
        parsed = {name: SOURCES[name].parse(payloads[name]) for name in sorted(SOURCES)}
    loaded_at = datetime.now(timezone.utc)
    # One transaction for the whole load: one commit (one WAL flush) instead of one per table,
    # and a failure half-way leaves the database as it was.
    with one_thread(con):
        con.execute("begin transaction")
        try:
            report = _write(con, payloads, parsed, loaded_at)
            seeds = load_seeds(con)
            views = create_views(con)
            coverage = _coverage(con)
            # Every catalog the pipeline builds carries llmhub's mark (see
            # llmhub.catalog.integrity).
            mark_catalog(con)
            if commit:
                con.execute("commit")
        except BaseException:
            import duckdb

            # A failed commit (a full disk) ends the transaction: keep the first error.
            with contextlib.suppress(duckdb.Error):
                con.execute("rollback")
            raise
    return LoadReport(sources=report, seeds=seeds, views=views, coverage=coverage)


def _write(
    con: duckdb.DuckDBPyConnection,
    payloads: dict[str, Payload],
    parsed: dict[str, Parsed],
    loaded_at: datetime,
) -> dict[str, SourceLoad]:
    """Load each source's frames into ``raw.*`` and record it in the ledger."""
    con.execute("create schema if not exists raw")
    con.execute(LEDGER_DDL)
    report: dict[str, SourceLoad] = {}
    for name, result in parsed.items():
        payload = payloads[name]
        for table, frame in result.tables.items():
            load_frame(con, table, frame)
        con.execute(
            "insert into raw.load_ledger values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _ledger_row(payload, result, loaded_at),
        )
        report[name] = SourceLoad(
            source=name,
            origin=payload.origin,
            location=payload.location,
            sha256=payload.sha256,
            row_counts={table: frame.height for table, frame in result.tables.items()},
            quarantined=result.quarantined,
            problems=list(result.problems),
        )
    return report
