"""Gates a freshly built catalog must pass before it replaces the published one.

Each failure is one line with the measured number and its threshold, e.g.
``models_dev: 312 of 5,276 rows quarantined (5.91%, threshold 5%)``. A failure that one source
explains names that source, so ``--source auto`` can fall back for that source alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from llmhub.catalog.history import PreviousCatalog

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "MAX_QUARANTINED_FRACTION",
    "MIN_ROWS_VS_PREVIOUS",
    "Violation",
    "check_build",
]

# The one quarantine gate: a source may lose at most this share of its rows (all its tables
# together) to quarantine. Past it the payload is distrusted as a whole (a schema change
# upstream, a wrong file): the build is not published, and --source auto falls back for that
# source. The parser only counts; it refuses a payload only when nothing of a table survives.
MAX_QUARANTINED_FRACTION = 0.05
# A live or cached source that shrinks below this share of its row count in the previous build
# is suspect (a truncated or filtered upstream file), not a real change in the market.
MIN_ROWS_VS_PREVIOUS = 0.5
_FAILED_STATUSES = {"error", "failed", "fail"}


@dataclass(frozen=True)
class Violation:
    """One reason not to publish; ``source`` is set when one source explains it."""

    message: str
    source: str | None = None

    def __str__(self) -> str:
        return self.message


def check_build(
    con: duckdb.DuckDBPyConnection,
    data_test_failures: Sequence[Any],
    previous: PreviousCatalog | None,
) -> list[Violation]:
    """Every threshold the build in ``con`` breaks (empty: publish it)."""
    found: list[Violation] = []
    rows = con.execute(
        "select source, origin, row_count, quarantined, status, message from sources order by source"
    ).fetchall()
    for source, origin, row_count, quarantined, status, message in rows:
        kept, dropped = int(row_count or 0), int(quarantined or 0)
        total = kept + dropped
        if str(status or "").lower() in _FAILED_STATUSES:
            found.append(Violation(f"{source}: load {status}: {message}", source))
        if kept == 0:
            found.append(Violation(f"{source}: 0 rows loaded (threshold: at least 1)", source))
            continue
        if total and dropped / total > MAX_QUARANTINED_FRACTION:
            detail = f": {message}" if message else ""
            found.append(
                Violation(
                    f"{source}: {dropped:,} of {total:,} rows quarantined "
                    f"({dropped / total:.2%}, threshold {MAX_QUARANTINED_FRACTION:.0%}){detail}",
                    source,
                )
            )
        before = previous.source_rows.get(source) if previous and previous.readable else None
        # The bundled snapshot is reviewed data: going back to it is a choice, not a breakage.
        if origin != "snapshot" and before and kept < MIN_ROWS_VS_PREVIOUS * before:
            found.append(
                Violation(
                    f"{source}: {kept:,} rows, the published catalog has {before:,} "
                    f"(threshold: at least {MIN_ROWS_VS_PREVIOUS:.0%} of it)",
                    source,
                )
            )
    model_count = int(con.execute("select count(*) from models").fetchone()[0])  # type: ignore[index]  # count(*) always returns one row
    if model_count == 0:
        found.append(Violation("models: 0 rows (threshold: at least 1)"))
    for failure in data_test_failures:
        sample = ""
        if getattr(failure, "sample_rows", None):
            sample = f", e.g. {failure.sample_rows[0]}"
        found.append(
            Violation(
                f"data test {failure.name}: {int(failure.row_count):,} offending rows "
                f"(threshold 0){sample}"
            )
        )
    return found
