"""What ``llmhub plot`` draws: each role's feasible candidates, the frontier, the pick.

The data comes from the same selection query as ``generate`` (every candidate, not only the
top few), so the picture and the runtime file can never disagree about who passed the filters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["CatalogPoint", "Point", "RolePlot", "catalog_points", "pareto_front", "role_plots"]

# Enough to rank every callable model of one kind: the plot shows all feasible candidates.
_ALL = 100_000


@dataclass(frozen=True)
class Point:
    """One candidate: its blended price (USD per 1M tokens) and the role's task quality (0–1)."""

    label: str
    provider: str
    price: float | None
    quality: float | None
    score: float
    rank: int


@dataclass(frozen=True)
class RolePlot:
    """Everything one role's chart shows."""

    role: str
    kind: str
    points: list[Point]
    pick: str | None
    fallbacks: list[str]
    runners_up: list[str]
    frontier: list[str]
    quality_counts: bool = True
    relaxed: list[str] = field(default_factory=list)

    @property
    def unknown(self) -> list[Point]:
        """Candidates without a price or a quality: drawn apart, never on the axes."""
        return [p for p in self.points if p.price is None or p.quality is None]


@dataclass(frozen=True)
class CatalogPoint:
    """One callable model in the catalog-wide chart."""

    label: str
    provider: str
    mode: str
    price: float | None
    quality: float | None


def pareto_front(points: list[Point]) -> list[str]:
    """Labels of the points no other point beats on both price (lower) and quality (higher)."""
    known = sorted(
        (p for p in points if p.price is not None and p.quality is not None),
        key=lambda p: (p.price, -(p.quality or 0.0), p.label),
    )
    front, best = [], -1.0
    for p in known:
        if p.quality is not None and p.quality > best:
            front.append(p.label)
            best = p.quality
    return front


def role_plots(
    spec: str | Path,
    *,
    db_path: str | Path | None = None,
    config: str | Path | None = None,
    roles: list[str] | None = None,
    no_llm: bool = False,
) -> list[RolePlot]:
    """One ``RolePlot`` per role of ``spec`` (or only ``roles``).

    The pick and fallbacks are those of ``config`` (a runtime file) when given, else those a
    fresh ``generate`` would write.

    Raises:
        SpecError, CatalogError, SelectionError: as ``generate`` does.
        InputError: a role name the spec does not have.
    """
    from llmhub.catalog.reader import open_catalog, read_catalog_info, resolve_catalog_path
    from llmhub.errors import InputError
    from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
    from llmhub.generator.interpreter import default_cache_path, interpreter_from, read_needs
    from llmhub.generator.plan import plan_role
    from llmhub.generator.query import run_selection
    from llmhub.spec.loader import load_spec

    loaded = load_spec(spec)
    names = sorted(loaded.roles)
    for wanted in roles or []:
        if wanted not in loaded.roles:
            import difflib

            from llmhub.text import shorten

            close = difflib.get_close_matches(wanted, names, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise InputError(
                f"unknown role {shorten(wanted)!r}",
                path=Path(spec),
                field="--role",
                fix=f"{hint}roles: {', '.join(names)}",
            )
    chosen = sorted(roles) if roles else names
    result = generate_runtime_from_spec(spec, GeneratorOptions(db_path=db_path, no_llm=no_llm))
    runtime = result.runtime
    if config is not None:
        from llmhub.runtime.config import load_runtime

        runtime = load_runtime(config)
    con = open_catalog(db_path)
    try:
        info = read_catalog_info(con, resolve_catalog_path(db_path))
        readings = read_needs(
            (loaded.roles[n].description for n in chosen),
            interpreter_from(loaded.interpreter),
            default_cache_path(info.path),
            no_llm=no_llm,
        )
        plans = {
            n: plan_role(
                loaded, n, loaded.roles[n], readings[loaded.roles[n].description].needs, info
            )
            for n in chosen
        }
        ranked = run_selection(con, [plans[n].query for n in chosen], _ALL)
    finally:
        con.close()
    out = []
    for name in chosen:
        rows = ranked[name].rows
        passing = [r for r in rows if r.passes] or list(rows)
        points = [
            Point(
                label=r.litellm_model,
                provider=r.provider,
                price=r.price_blended_per_million,
                quality=r.task_quality,
                score=r.score,
                rank=r.rank,
            )
            for r in passing
        ]
        role = runtime.roles.get(name)
        pick = f"{role.provider}/{role.model}" if role else None
        fallbacks = [f"{f.provider}/{f.model}" for f in role.fallbacks] if role else []
        marked = {pick, *fallbacks}
        ordered = sorted(points, key=lambda p: p.rank)
        runners = [p.label for p in ordered if p.label not in marked][:3]
        explanation = result.explanations.get(name)
        out.append(
            RolePlot(
                role=name,
                kind=loaded.roles[name].kind.value,
                points=points,
                pick=pick,
                fallbacks=fallbacks,
                runners_up=runners,
                frontier=pareto_front(points),
                quality_counts=plans[name].query.w_quality > 0,
                relaxed=list(explanation.relaxations) if explanation else [],
            )
        )
    return out


def catalog_points(db_path: str | Path | None = None) -> list[CatalogPoint]:
    """Every callable model with its blended price and normalised arena quality (0–1)."""
    from llmhub.catalog.reader import open_catalog

    con = open_catalog(db_path)
    try:
        rows: list[Any] = con.execute(
            """
            with callable as (
                select litellm_model, provider, mode, price_blended_per_million, arena_score
                from models
                where litellm_model is not null and coalesce(status, '') <> 'deprecated'
            ),
            bounds as (select min(arena_score) as lo, max(arena_score) as hi from callable)
            select litellm_model, provider, mode, price_blended_per_million,
                   case when hi > lo then (arena_score - lo) / (hi - lo) end as quality
            from callable, bounds
            order by mode, provider, litellm_model
            """
        ).fetchall()
    finally:
        con.close()
    return [CatalogPoint(str(r[0]), str(r[1]), str(r[2] or "other"), r[3], r[4]) for r in rows]
