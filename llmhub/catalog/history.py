"""Build history carried from one catalog file to the next: the ``history.*`` tables.

Each published build appends one row to ``history.builds`` and one row per model to
``history.model_snapshots`` (prices, arena score, tiers, calibrated qualities, measured speed), so ``llmhub catalog diff`` can compare
any two builds without keeping the old files. The history of the previous file is copied into
the new one before it is published; a previous file that cannot be read starts a fresh history.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmhub.sqlquote import quote_identifier
from llmhub.text import shorten

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "DEFAULT_HISTORY_KEEP",
    "SNAPSHOT_COLUMNS",
    "PreviousCatalog",
    "append_build",
    "carry_over",
    "history_keep",
    "make_build_id",
    "read_previous",
]

QUALITY_TASKS = (
    "overall",
    "coding",
    "reasoning",
    "creative",
    "agentic",
    "vision",
    "instruction_following",
)
# Per model and build: what `catalog diff` compares.
SNAPSHOT_COLUMNS = (
    "price_input_per_million",
    "price_output_per_million",
    "price_blended_per_million",
    "arena_score",
    "cost_tier",
    "quality_tier",
    "reasoning_tier",
    "creative_tier",
    "coding_tier",
    *(f"quality_{task}" for task in QUALITY_TASKS),
    "ttft_seconds",
    "output_tokens_per_second",
)


@dataclass(frozen=True)
class PreviousCatalog:
    """What a refresh needs to know about the catalog it may replace."""

    path: Path
    readable: bool
    last_built_at: datetime | None = None
    build_ids: tuple[str, ...] = ()
    source_rows: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def read_previous(path: Path) -> PreviousCatalog | None:
    """Facts about the catalog at ``path`` (None when there is none), read-only."""
    import duckdb

    if not path.exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        return PreviousCatalog(path, readable=False, error=str(exc).splitlines()[0])
    try:
        tables = {
            (schema, name)
            for schema, name in con.execute(
                "select schema_name, table_name from duckdb_tables() "
                "union all select schema_name, view_name from duckdb_views() where not internal"
            ).fetchall()
        }
        built_at, build_ids = None, ()
        if ("history", "builds") in tables:
            rows = con.execute(
                "select build_id, built_at from history.builds order by built_at, build_id"
            ).fetchall()
            build_ids = tuple(r[0] for r in rows)
            built_at = rows[-1][1] if rows else None
        source_rows = {}
        if ("main", "sources") in tables:
            source_rows = {
                str(s): int(n or 0)
                for s, n in con.execute("select source, row_count from sources").fetchall()
            }
        return PreviousCatalog(path, True, built_at, build_ids, source_rows)
    except duckdb.Error as exc:
        return PreviousCatalog(path, readable=False, error=str(exc).splitlines()[0])
    finally:
        con.close()


def carry_over(con: duckdb.DuckDBPyConnection, previous: PreviousCatalog | None) -> None:
    """Copy the previous file's history into ``con``'s history tables.

    The pipeline created the tables (``sql/history/tables.sql``), empty, and the ``builds``
    mart over them (``sql/marts/builds.sql``) with the other views.
    """
    if previous is None or not previous.readable or not previous.build_ids:
        return
    con.execute("attach ? as previous (read_only)", [str(previous.path)])
    try:
        for table in ("builds", "model_snapshots"):
            old = {
                r[0]
                for r in con.execute(
                    "select column_name from duckdb_columns() "
                    "where database_name = 'previous' and schema_name = 'history' "
                    "and table_name = ?",
                    [table],
                ).fetchall()
            }
            new = [
                r[0]
                for r in con.execute(
                    "select column_name from duckdb_columns() where database_name = "
                    "current_database() and schema_name = 'history' and table_name = ?",
                    [table],
                ).fetchall()
            ]
            # Columns are matched by name so that a newer llmhub can add history columns.
            shared = ", ".join(quote_identifier(c) for c in new if c in old)
            # Only the newest builds are kept: the new build makes history_keep() in all.
            con.execute(
                f"insert into {quote_identifier('history', table)} ({shared}) "
                f"select {shared} from {quote_identifier('previous', 'history', table)} "
                "where build_id in ("
                "select build_id from previous.history.builds "
                "order by built_at desc, build_id desc limit ?)",
                [max(history_keep() - 1, 0)],
            )
    finally:
        con.execute("detach previous")


HISTORY_KEEP_ENV = "LLMHUB_HISTORY_KEEP"
DEFAULT_HISTORY_KEEP = 90


# More builds than any schedule makes in decades; a larger number overflowed DuckDB's LIMIT.
MAX_HISTORY_KEEP = 1_000_000


def history_keep() -> int:
    """How many builds a catalog's history keeps: ``$LLMHUB_HISTORY_KEEP``, default 90.

    Raises:
        InputError: the variable is set to something other than a whole number from 1 to
            MAX_HISTORY_KEEP (it was silently ignored, and a huge one failed the refresh).
    """
    import os

    from llmhub.errors import InputError

    value = os.environ.get(HISTORY_KEEP_ENV, "").strip()
    if not value:
        return DEFAULT_HISTORY_KEEP
    try:
        keep = int(value)
    except ValueError:
        keep = 0
    if not 1 <= keep <= MAX_HISTORY_KEEP:
        raise InputError(
            f"{shorten(value, 40)!r} is not a number of builds",
            field=HISTORY_KEEP_ENV,
            fix=f"set it to a whole number from 1 to {MAX_HISTORY_KEEP:,}, or unset it to keep "
            f"{DEFAULT_HISTORY_KEEP}",
        )
    return keep


def make_build_id(
    built_at: datetime, source_hashes: Mapping[str, str], taken: tuple[str, ...] = ()
) -> str:
    """A sortable, unique build id: UTC time plus a short hash of the sources' content."""
    digest = hashlib.sha256(
        json.dumps(dict(sorted(source_hashes.items()))).encode("utf-8")
    ).hexdigest()[:8]
    base = f"{built_at:%Y%m%dT%H%M%SZ}-{digest}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def append_build(
    con: duckdb.DuckDBPyConnection,
    *,
    build_id: str,
    built_at: datetime,
    version: str,
    source_hashes: Mapping[str, str],
    source_origins: Mapping[str, str],
    duration_seconds: float,
) -> int:
    """Record this build and a snapshot of every model; return the model count."""
    model_count = int(con.execute("select count(*) from models").fetchone()[0])  # type: ignore[index]  # count(*) always returns one row
    columns = ", ".join(map(quote_identifier, SNAPSHOT_COLUMNS))
    con.execute(
        f"insert into history.model_snapshots (build_id, canonical_id, {columns}) "
        f"select ?, canonical_id, {columns} from models",
        [build_id],
    )
    params: list[Any] = [
        build_id,
        built_at,
        version,
        json.dumps(dict(sorted(source_hashes.items()))),
        json.dumps(dict(sorted(source_origins.items()))),
        model_count,
        duration_seconds,
    ]
    con.execute("insert into history.builds values (?, ?, ?, ?, ?, ?, ?)", params)
    return model_count
