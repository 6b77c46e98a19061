"""Per-role decisions on top of the ranked rows: relaxation, forced picks, fallbacks, runners-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from llmhub.errors import SelectionError
from llmhub.generator.plan import RolePlan
from llmhub.generator.query import CandidateRow, RoleQuery, RoleRows, run_selection
from llmhub.generator.weights import RELAXATION_ORDER

__all__ = ["RoleSelection", "RunnerUp", "decide_role", "find_forced_model"]


@dataclass(frozen=True)
class RunnerUp:
    """A candidate ranked just below the pick, and what decided against it."""

    candidate: CandidateRow
    reason: str


@dataclass
class RoleSelection:
    """The outcome for one role before it is written: pick, fallbacks and the reasons."""

    role: str
    pick: CandidateRow | None
    forced_provider: str | None = None
    forced_model: str | None = None
    fallbacks: list[CandidateRow] = field(default_factory=list)
    runners_up: list[RunnerUp] = field(default_factory=list)
    rows: RoleRows | None = None
    relaxations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _passing(rows: RoleRows) -> list[CandidateRow]:
    return [r for r in rows.rows if r.passes]


def relax_until_found(con: Any, query: RoleQuery, rows: RoleRows) -> tuple[RoleRows, list[str]]:
    """Drop relaxable filters in RELAXATION_ORDER until a candidate passes.

    Raises:
        SelectionError: nothing passes even then; names the constraint that removed the last
            candidates and lists the closest ones.
    """
    relaxations: list[str] = []
    current = query
    while not _passing(rows):
        step = next((n for n in RELAXATION_ORDER if current.active(n)), None)
        if step is None:
            # Rank every model, wrong kind and provider included, to show the closest ones.
            everything = run_selection(con, [current], prefilter=False)[query.role]
            raise _no_candidates(query.role, everything)
        before = dict(rows.counts)
        current = current.relaxed(step)
        rows = run_selection(con, [current])[query.role]
        relaxations.append(_relaxation_note(step, query, before))
    return rows, relaxations


def _relaxation_note(step: str, query: RoleQuery, counts: dict[str, int]) -> str:
    value = "deprecated models excluded" if step == "status" else f"{step}={getattr(query, step)}"
    return f"relaxed {step} ({value}): no candidate passed every requirement"


def _no_candidates(role: str, rows: RoleRows) -> SelectionError:
    culprit = next((name for name, n in rows.counts if n == 0), None)
    previous = rows.callable_count
    for _name, n in rows.counts:
        if n == 0:
            break
        previous = n
    # Closest: those that got furthest through the filters in order, then fail the fewest.
    order = {name: i for i, (name, _) in enumerate(rows.counts)}
    closest = sorted(
        rows.rows,
        key=lambda r: (
            -min((order.get(f, 0) for f in r.failed_filters), default=len(order)),
            len(r.failed_filters),
            r.rank,
        ),
    )[:3]
    shown = "; ".join(
        f"{c.litellm_provider}/{c.model} (fails {', '.join(c.failed_filters)})" for c in closest
    )
    what = f"`{culprit}` removed the last {previous} candidate(s)" if culprit else "no candidates"
    return SelectionError(
        f"role {role!r}: no model satisfies the role: {what}"
        + (f"; closest: {shown}" if shown else ""),
        role=role,
        constraint=culprit,
        fix=f"loosen `{culprit}` for this role, or enable more providers"
        if culprit
        else "refresh the catalog",
    )


def _deciding_factor(pick: CandidateRow, other: CandidateRow, query: RoleQuery) -> str:
    if other.failed_filters:
        return "fails " + ", ".join(other.failed_filters)
    if other.is_dominated and not pick.is_dominated:
        return "Pareto-dominated on (quality, blended price)"
    if abs(pick.score - other.score) < 1e-12:
        if pick.price_blended_per_million != other.price_blended_per_million:
            return "tie on score; broken by lower blended price"
        return "tie on score and price; broken by release date, then canonical id"
    parts = {
        "quality": query.w_quality * (pick.quality_part - other.quality_part),
        "cost": query.w_cost * (pick.cost_part - other.cost_part),
        "latency (proxy)": query.w_latency * (pick.latency_part - other.latency_part),
    }
    name, _gap = max(parts.items(), key=lambda kv: kv[1])
    mine = {"quality": pick.quality_part, "cost": pick.cost_part}.get(name, pick.latency_part)
    theirs = {"quality": other.quality_part, "cost": other.cost_part}.get(name, other.latency_part)
    return f"lower {name} ({theirs:.2f} vs {mine:.2f}); score {other.score:.3f} vs {pick.score:.3f}"


def _key(row: CandidateRow) -> tuple[str, str]:
    return (row.litellm_provider, row.model)


def choose_fallbacks(pick_key: tuple[str, str], rows: RoleRows, n: int) -> list[CandidateRow]:
    """The next ``n`` distinct passing candidates; at least one on another provider if any."""
    if n <= 0:
        return []
    seen = {pick_key}
    ordered = []
    for row in _passing(rows):
        if _key(row) not in seen:
            seen.add(_key(row))
            ordered.append(row)
    chosen = ordered[:n]
    if chosen and all(r.litellm_provider == pick_key[0] for r in chosen):
        other = next((r for r in ordered if r.litellm_provider != pick_key[0]), None)
        if other is not None:
            chosen = [*chosen[: n - 1], other]
    return chosen


def decide_role(
    con: Any, plan: RolePlan, rows: RoleRows, fallbacks: int, forced: CandidateRow | None
) -> RoleSelection:
    """Pick, fallbacks and runners-up for one role from its ranked rows."""
    query = plan.query
    relaxations: list[str] = []
    if forced is None:
        rows, relaxations = relax_until_found(con, query, rows)
        passing = _passing(rows)
        pick = passing[0]
    else:
        pick = forced
    selection = RoleSelection(query.role, pick, rows=rows, relaxations=relaxations)
    selection.fallbacks = choose_fallbacks(_key(pick), rows, fallbacks)
    seen = {_key(pick)}
    for row in rows.rows:
        if len(selection.runners_up) == 3:
            break
        if _key(row) in seen:
            continue
        seen.add(_key(row))
        reason = (
            "the role pins its model with force_model"
            if forced is not None
            else _deciding_factor(pick, row, query)
        )
        selection.runners_up.append(RunnerUp(row, reason))
    return selection


def find_forced_model(
    con: Any, model: str, providers: set[str] | None, modes: tuple[str, ...]
) -> CandidateRow | None:
    """The callable catalog model ``force_model`` names (model id, canonical id or litellm id)."""
    sql = """
        select canonical_id, provider, model_id, litellm_provider, litellm_model, mode,
               supports_temperature, max_output_tokens, context_tokens,
               price_input_per_million, price_output_per_million, price_blended_per_million,
               env_key, quality_source
        from models
        where litellm_model is not null
          and (lower(model_id) = $m or lower(canonical_id) = $m or lower(litellm_model) = $m)
          and ($providers is null
               or list_contains($providers, lower(provider))
               or list_contains($providers, lower(litellm_provider)))
        order by list_contains($modes, mode) desc, canonical_id
        limit 1
    """
    params = {
        "m": model.lower(),
        "providers": sorted(providers) if providers is not None else None,
        "modes": list(modes),
    }
    found = con.execute(sql, params).fetchone()
    if found is None:
        return None
    return CandidateRow(0, *found, None, 0.0, 0.0, 0.0, 0.0, False, ())
