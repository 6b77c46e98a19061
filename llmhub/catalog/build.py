"""Build one candidate catalog file from payloads: load, test, validate, carry history, close.

The candidate is a temporary file next to the target; ``refresh`` publishes it with one rename
only when this returns, so nothing here can damage the published catalog.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmhub import __version__
from llmhub.catalog.history import PreviousCatalog, append_build, carry_over, make_build_id
from llmhub.catalog.progress import ProgressCallback, emit
from llmhub.catalog.validate import Violation, check_build
from llmhub.errors import CatalogError

if TYPE_CHECKING:
    from llmhub.pipeline import Payload

__all__ = ["BuildRejected", "BuiltCatalog", "SourceSummary", "build_candidate"]


@dataclass(frozen=True)
class SourceSummary:
    """One row of the ``sources`` view of a build."""

    source: str
    origin: str
    location: str
    fetched_at: datetime | None
    row_count: int
    quarantined: int
    status: str
    message: str | None


@dataclass(frozen=True)
class BuiltCatalog:
    """A candidate that passed every gate and waits to be published."""

    path: Path
    build_id: str
    built_at: datetime
    model_count: int
    sources: list[SourceSummary]
    match_coverage: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


class BuildRejected(Exception):
    """The candidate broke a threshold; ``violations`` say which and by how much."""

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__("; ".join(v.message for v in violations))
        self.violations = violations


def build_candidate(
    target: Path,
    payloads: Mapping[str, Payload],
    previous: PreviousCatalog | None,
    *,
    started: float,
    progress: ProgressCallback | None = None,
) -> BuiltCatalog:
    """Build a complete catalog from ``payloads`` into a new temporary file next to ``target``.

    Raises:
        BuildRejected: the build failed its data tests or a validation threshold.
        DataQualityError: the pipeline found a payload unusable as a whole.
    """
    import duckdb

    from llmhub.pipeline import load_payloads, run_data_tests
    from llmhub.pipeline.loader import one_thread

    tmp = target.with_name(f"{target.name}.{os.getpid()}-{time.monotonic_ns()}.tmp")
    try:
        try:
            con = duckdb.connect(str(tmp))
        except duckdb.Error as exc:
            raise CatalogError(
                f"cannot create {tmp}: {str(exc).splitlines()[0]}",
                fix="check free space and permissions of the catalog folder",
            ) from None
        try:
            emit(progress, "load", "start", "parse and load raw tables, create views")
            # One transaction from the load to the history, committed once at the end: the
            # commit writes every table to the file, so a second one (the history) wrote the
            # blocks it touched again. A rejected build is discarded with its file anyway.
            report = load_payloads(con, dict(payloads), commit=False)
            emit(progress, "load", "done")
            emit(progress, "test", "start", "data tests and thresholds")
            violations = check_build(con, run_data_tests(con), previous)
            if violations:
                emit(progress, "test", "fail", f"{len(violations)} problem(s)")
                raise BuildRejected(violations)
            emit(progress, "test", "done", "all passed")
            emit(progress, "history", "start")
            carry_over(con, previous)
            built_at = datetime.now(timezone.utc)
            hashes = {name: p.sha256 for name, p in payloads.items()}
            build_id = make_build_id(built_at, hashes, previous.build_ids if previous else ())
            model_count = append_build(
                con,
                build_id=build_id,
                built_at=built_at,
                version=__version__,
                source_hashes=hashes,
                source_origins={name: p.origin for name, p in payloads.items()},
                duration_seconds=round(time.perf_counter() - started, 3),
            )
            sources = [
                SourceSummary(*row)
                for row in con.execute(
                    "select source, origin, location, fetched_at, row_count, quarantined, "
                    "status, message from sources order by source"
                ).fetchall()
            ]
            # On one thread, as the load was: the commit writes every table (see one_thread).
            with one_thread(con):
                con.execute("commit")
                con.execute("checkpoint")
            emit(progress, "history", "done", build_id)
        finally:
            con.close()
        _fsync(tmp)
    except BaseException:
        discard(tmp)
        raise
    return BuiltCatalog(
        tmp,
        build_id,
        built_at,
        model_count,
        sources,
        _coverage(report),
        [str(p) for p in getattr(report, "problems", []) or []],
    )


def discard(tmp: Path) -> None:
    """Remove a candidate file and its write-ahead log."""
    for path in (tmp, tmp.with_name(tmp.name + ".wal")):
        path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _coverage(report: object) -> dict[str, Any]:
    value = getattr(report, "match_coverage", None) or getattr(report, "coverage", None)
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return dict(value)
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(value)
    return {"coverage": value}
