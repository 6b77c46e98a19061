"""``diff_builds``: what changed between two builds recorded in the catalog's history."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from llmhub.catalog.history import QUALITY_TASKS
from llmhub.errors import InputError
from llmhub.text import shorten

if TYPE_CHECKING:
    import duckdb

__all__ = ["CatalogDiff", "Change", "diff_builds", "resolve_build"]

_PRICE_COLUMNS = ("price_input_per_million", "price_output_per_million")
_SCORE_COLUMNS = ("arena_score",)
_QUALITY_COLUMNS = tuple(f"quality_{task}" for task in QUALITY_TASKS)
_SPEED_COLUMNS = ("ttft_seconds", "output_tokens_per_second")
# Scores and prices are floats; a change smaller than this is rounding noise, not news.
_EPSILON = 1e-9


@dataclass(frozen=True)
class Change:
    """One model's value that moved between the two builds (None: absent on that side)."""

    canonical_id: str
    field: str
    old: float | None
    new: float | None


@dataclass(frozen=True)
class CatalogDiff:
    """Models added and removed, and price, arena score, calibrated quality and measured speed
    changes, from one build to another."""

    from_build: str | None
    to_build: str | None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    price_changes: list[Change] = field(default_factory=list)
    score_changes: list[Change] = field(default_factory=list)
    quality_changes: list[Change] = field(default_factory=list)
    speed_changes: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.price_changes
            or self.score_changes
            or self.quality_changes
            or self.speed_changes
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _build_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    import duckdb

    try:
        rows = con.execute(
            "select build_id from history.builds order by built_at, build_id"
        ).fetchall()
    except duckdb.CatalogException:
        return []
    return [r[0] for r in rows]


def resolve_build(ref: str, builds: list[str]) -> str:
    """A build id from ``ref``: an exact id, a unique prefix, or ``-N`` (``-1`` is the newest).

    Raises:
        InputError: no build, or several, match ``ref``.
    """
    if ref.startswith("-") and ref[1:].isdigit():
        index = int(ref)
        if -len(builds) <= index < 0:
            return builds[index]
        raise InputError(
            f"build {ref}: the history holds {len(builds)} build(s)",
            field="build",
            fix=f"use -1 .. -{len(builds)}, or a build id from `llmhub catalog sql 'select * from builds'`",
        )
    if ref in builds:
        return ref
    matches = [b for b in builds if b.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise InputError(
            f"build {shorten(ref)!r} is ambiguous: {', '.join(matches[:5])}",
            field="build",
            fix="give more characters of the build id",
        )
    close = difflib.get_close_matches(ref, builds, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise InputError(
        f"no build {shorten(ref)!r} in the catalog history",
        field="build",
        fix=f"{hint}list builds with `llmhub catalog sql 'select * from builds'`",
    )


def diff_builds(
    con: duckdb.DuckDBPyConnection, from_build: str | None = None, to_build: str | None = None
) -> CatalogDiff:
    """Compare two builds of the history in ``con`` (default: the previous and the newest).

    With fewer than two builds and no explicit refs, the diff is empty and ``from_build`` None.
    """
    builds = _build_ids(con)
    if not builds:
        return CatalogDiff(None, None)
    to_id = resolve_build(to_build, builds) if to_build else builds[-1]
    if from_build:
        from_id = resolve_build(from_build, builds)
    else:
        position = builds.index(to_id)
        if position == 0:
            return CatalogDiff(None, to_id)
        from_id = builds[position - 1]
    if builds.index(from_id) > builds.index(to_id):
        from_id, to_id = to_id, from_id  # builds given newest first: compare old to new
    columns = (*_PRICE_COLUMNS, *_SCORE_COLUMNS, *_QUALITY_COLUMNS, *_SPEED_COLUMNS)
    picks = ", ".join(f"o.{c}, n.{c}" for c in columns)
    rows = con.execute(
        f"""
        with old as (select * from history.model_snapshots where build_id = ?),
             new as (select * from history.model_snapshots where build_id = ?)
        select coalesce(n.canonical_id, o.canonical_id) as canonical_id,
               o.canonical_id is not null as in_old,
               n.canonical_id is not null as in_new,
               {picks}
        from old as o full outer join new as n using (canonical_id)
        order by canonical_id
        """,
        [from_id, to_id],
    ).fetchall()
    result = CatalogDiff(from_id, to_id)
    for row in rows:
        canonical_id, in_old, in_new, values = row[0], row[1], row[2], row[3:]
        if not in_old:
            result.added.append(canonical_id)
            continue
        if not in_new:
            result.removed.append(canonical_id)
            continue
        for i, column in enumerate(columns):
            old, new = values[2 * i], values[2 * i + 1]
            if _moved(old, new):
                _bucket(result, column).append(Change(canonical_id, column, old, new))
    return result


def _bucket(result: CatalogDiff, column: str) -> list[Change]:
    if column in _SCORE_COLUMNS:
        return result.score_changes
    if column in _QUALITY_COLUMNS:
        return result.quality_changes
    if column in _SPEED_COLUMNS:
        return result.speed_changes
    return result.price_changes


def _moved(old: float | None, new: float | None) -> bool:
    if old is None or new is None:
        return (old is None) != (new is None)
    return abs(old - new) > _EPSILON
