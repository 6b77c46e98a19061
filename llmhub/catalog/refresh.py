"""``refresh_catalog``: lock, TTL, fetch with fallbacks, build a candidate, publish by one rename.

Readers never see a half-built file: the candidate is complete, tested and closed before
``os.replace`` swaps it in, and a refresh that fails or is killed at any point leaves the
published catalog byte-for-byte as it was (at worst a stray ``*.tmp`` that the next refresh
removes).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from llmhub.catalog.acquire import LADDERS, Acquirer, FetchOptions
from llmhub.catalog.build import BuildRejected, SourceSummary, build_candidate, discard
from llmhub.catalog.cache import write_cached
from llmhub.catalog.history import PreviousCatalog, history_keep, read_previous
from llmhub.catalog.integrity import inspect_catalog, ownership
from llmhub.catalog.locking import DEFAULT_LOCK_TIMEOUT, catalog_lock
from llmhub.catalog.progress import ProgressCallback, emit
from llmhub.errors import CatalogError, DataQualityError, InputError
from llmhub.fsutil import guard_target, replace_atomically
from llmhub.paths import default_catalog_path

__all__ = ["SOURCE_MODES", "RefreshResult", "refresh_catalog"]

SOURCE_MODES = tuple(LADDERS)


@dataclass(frozen=True)
class RefreshResult:
    """What a refresh did: ``status`` is ``published`` or ``skipped`` (within the TTL)."""

    path: Path
    status: str
    duration_seconds: float
    build_id: str | None = None
    built_at: datetime | None = None
    model_count: int | None = None
    sources: list[SourceSummary] = field(default_factory=list)
    match_coverage: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (paths and times as strings)."""
        from dataclasses import asdict

        data = asdict(self)
        data["path"] = str(self.path)
        return data


def refresh_catalog(
    db_path: str | Path | None = None,
    *,
    source: str = "auto",
    force: bool = False,
    overwrite: bool = False,
    ttl_hours: float = 24.0,
    progress: ProgressCallback | None = None,
    fetch_timeout: float = 20.0,
    retries: int = 3,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> RefreshResult:
    """Rebuild the catalog and publish it atomically, unless it is younger than ``ttl_hours``.

    Args:
        db_path: the catalog file; default ``llmhub.paths.default_catalog_path()``.
        source: ``auto`` (live per source, else the last good data, else the bundled snapshot),
            ``live`` (fail if a live source fails) or ``snapshot`` (bundled data only).
        force: rebuild even within the TTL.
        overwrite: replace ``db_path`` even when it is not an llmhub catalog (a user's own
            DuckDB file, a text file). ``force`` alone never does: it means "rebuild now".
        ttl_hours: do nothing when the last build is younger than this (0: always rebuild).
        progress: called with a ``ProgressEvent`` at each stage.
        fetch_timeout: seconds per live HTTP request.
        retries: live retries per source after the first attempt.
        lock_timeout: seconds to wait for another refresh of the same catalog.

    Returns:
        The result; ``status`` says whether a build was published or skipped.

    Raises:
        InputError: a bad argument (exit 2), or ``db_path`` is not an llmhub catalog and
            ``overwrite`` is false.
        SourceFetchError: ``source="live"`` and a live fetch failed after its retries.
        DataQualityError: the build failed validation and no fallback was left.
        CatalogError: another refresh held the lock past ``lock_timeout``.
    """
    if source not in LADDERS:
        raise InputError(
            f"unknown source mode {source!r}",
            field="source",
            fix="use one of: " + ", ".join(SOURCE_MODES),
        )
    if ttl_hours < 0:
        raise InputError("ttl_hours must be >= 0", field="ttl_hours", fix="e.g. --ttl-hours 24")
    history_keep()  # a bad $LLMHUB_HISTORY_KEEP stops the refresh before any work, not after
    started = time.perf_counter()
    target = Path(db_path) if db_path is not None else default_catalog_path()
    target = target.expanduser()
    if target.is_dir():
        raise InputError(
            f"{target} is a folder", field="db", fix="give a file path, e.g. data/catalog.duckdb"
        )
    # A typo such as `--db llmhub.spec.yaml`, or a user's own DuckDB file, must not be replaced
    # by a catalog; a symlink is written through to its target.
    target = guard_target(target, force=overwrite, owner=ownership, field="db")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create {target.parent}: {exc.strerror}",
            field="db",
            fix="choose a writable location with --db or LLMHUB_CATALOG",
        ) from None
    emit(progress, "lock", "start", str(target))
    with catalog_lock(target, lock_timeout):
        emit(progress, "lock", "done")
        _remove_stale_candidates(target)
        previous = read_previous(target)
        if previous is not None and previous.readable:
            # A catalog that fails its check is rebuilt, even within the TTL.
            check = inspect_catalog(target, deep=True)
            if not check.ok:
                previous = replace(previous, readable=False, error=check.detail or check.state)
        skipped = _within_ttl(target, previous, force, ttl_hours, started)
        if skipped is not None:
            emit(progress, "ttl", "skip", skipped.reason or "")
            return skipped
        try:
            return _refresh_locked(
                target, source, previous, FetchOptions(fetch_timeout, retries), progress, started
            )
        except Exception as exc:
            failure = _write_failure(target, exc)
            if failure is exc:
                raise
            raise failure from None


def _write_failure(target: Path, exc: Exception) -> Exception:
    """A full or read-only disk while building: one line naming the catalog, else ``exc``."""
    import duckdb

    if isinstance(exc, OSError) and exc.errno is not None:
        reason = exc.strerror or str(exc)
    elif isinstance(exc, duckdb.IOException) or (
        isinstance(exc, duckdb.Error)
        and any(
            m in str(exc) for m in ("No space left", "Read-only file system", "Could not write")
        )
    ):
        # A failed commit on a full disk surfaces as a TransactionException: same fix.
        text = str(exc).splitlines()[0]
        reason = text.split(": ", 1)[1] if text.startswith("TransactionContext Error") else text
    else:
        return exc
    return CatalogError(
        f"{target}: cannot build the new catalog: {reason}",
        fix="free space or choose a writable folder (--db); the previous catalog is unchanged",
    )


def _refresh_locked(
    target: Path,
    mode: str,
    previous: PreviousCatalog | None,
    options: FetchOptions,
    progress: ProgressCallback | None,
    started: float,
) -> RefreshResult:
    notes: list[str] = []
    if previous is not None and not previous.readable:
        notes.append(
            f"the current {target.name} cannot be read ({previous.error}); "
            "it will be replaced and its history is lost"
        )
    acquirer = Acquirer(target, mode, options, progress)
    # The build's own duration (recorded in history) starts once the lock is held.
    locked_at = time.perf_counter()
    while True:
        payloads = acquirer.payloads()
        try:
            built = build_candidate(
                target, payloads, previous, started=locked_at, progress=progress
            )
            break
        except DataQualityError as exc:
            culprits = [exc.source] if exc.source else list(payloads)
            reason = str(exc.message)
            if not _fall_back(acquirer, culprits, reason, notes):
                raise
        except BuildRejected as exc:
            # A source named by a violation explains the build-wide ones (an empty models
            # view, failed data tests) too; only when none is named are all suspects.
            named = sorted({v.source for v in exc.violations if v.source})
            culprits = named or list(payloads)
            reason = "; ".join(v.message for v in exc.violations)
            if not _fall_back(acquirer, culprits, reason, notes):
                raise DataQualityError(
                    f"{target.name} not published: " + "\n".join(v.message for v in exc.violations),
                    source=culprits[0] if len(culprits) == 1 else None,
                    failures=[v.message for v in exc.violations],
                    fix="the published catalog is unchanged; fix the source or use --source auto",
                ) from None
    notes = [*notes, *acquirer.notes]
    emit(progress, "publish", "start", str(target))
    try:
        replace_atomically(built.path, target)
    except BaseException:
        discard(built.path)
        raise
    emit(progress, "publish", "done", built.build_id)
    for name, payload in payloads.items():
        if payload.origin == "live":
            try:
                write_cached(target, payload)
            except OSError as exc:  # the catalog is published; a cache miss only weakens auto
                notes.append(f"{name}: could not keep the last good data ({exc})")
    return RefreshResult(
        path=target,
        status="published",
        duration_seconds=round(time.perf_counter() - started, 3),
        build_id=built.build_id,
        built_at=built.built_at,
        model_count=built.model_count,
        sources=built.sources,
        match_coverage=built.match_coverage,
        notes=notes,
        problems=built.problems,
    )


def _fall_back(acquirer: Acquirer, culprits: list[str], reason: str, notes: list[str]) -> bool:
    """Move every culprit not already on the snapshot one rung down; False if none could move."""
    moved = False
    for name in culprits:
        origin = acquirer.origin(name) if name in acquirer.rung else None
        if origin is None or origin == "snapshot":
            continue
        if acquirer.fall_back(name, reason):
            notes.append(f"{name}: {origin} data rejected ({reason}); falling back")
            moved = True
    return moved


def _within_ttl(
    target: Path,
    previous: PreviousCatalog | None,
    force: bool,
    ttl_hours: float,
    started: float,
) -> RefreshResult | None:
    if force or ttl_hours == 0 or previous is None or not previous.readable:
        return None
    if previous.last_built_at is None:
        return None
    built_at = previous.last_built_at
    if built_at.tzinfo is None:
        built_at = built_at.replace(tzinfo=timezone.utc)
    age_hours = (datetime.now(timezone.utc) - built_at).total_seconds() / 3600
    if age_hours >= ttl_hours:
        return None
    return RefreshResult(
        path=target,
        status="skipped",
        duration_seconds=round(time.perf_counter() - started, 3),
        build_id=previous.build_ids[-1] if previous.build_ids else None,
        built_at=built_at,
        reason=(
            f"{target} was built {_age(age_hours)} ago, within the TTL of {ttl_hours:g} h; "
            "nothing to do (use --force to rebuild)"
        ),
    )


def _age(hours: float) -> str:
    if hours < 1:
        return f"{hours * 60:.0f} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"


def _remove_stale_candidates(target: Path) -> None:
    """Candidates left by a killed refresh; safe to delete because we hold the lock."""
    for stale in target.parent.glob(f"{target.name}.*.tmp*"):
        stale.unlink(missing_ok=True)


def _source_hashes(payloads: Mapping[str, Any]) -> dict[str, str]:
    return {name: p.sha256 for name, p in payloads.items()}
