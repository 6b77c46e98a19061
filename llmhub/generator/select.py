"""Per-role decisions on top of the ranked rows: relaxation, forced picks, fallbacks, runners-up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from llmhub.errors import SelectionError
from llmhub.generator.facts import fmt_latency_vs_budget, latency_unit
from llmhub.generator.fallbacks import (
    choose_fallbacks,
    fallback_reason,
    listing_key,
    no_fallback_reason,
)
from llmhub.generator.plan import RolePlan
from llmhub.generator.query import (
    CandidateRow,
    RoleQuery,
    RoleRows,
    catalog_features,
    run_selection,
)
from llmhub.generator.reasons import deciding_factor
from llmhub.generator.weights import (
    FALLBACK_MAX_LATENCY_RATIO,
    FALLBACK_MAX_PRICE_RATIO,
    FILTERS,
    RELAXABLE,
    weight,
)
from llmhub.spec.models import Level

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "RoleSelection",
    "RunnerUp",
    "decide_role",
    "find_forced_model",
    "smallest_relaxation",
    "speed_weighed",
]


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
    relaxed: list[str] = field(default_factory=list)
    fallback_reasons: list[str] = field(default_factory=list)
    # why a role that asks for fallbacks has none (an embedding role's caveat says it already)
    no_fallback: str | None = None


def _failed(mask: int) -> frozenset[str]:
    return frozenset(f for i, f in enumerate(FILTERS) if mask >> i & 1)


def smallest_relaxation(masks: tuple[int, ...], allowed: tuple[str, ...]) -> tuple[str, ...] | None:
    """The fewest filters of ``allowed`` whose removal lets some candidate pass, or None.

    Every candidate of the right kind and provider is one failure mask; a candidate passes
    once every filter it fails is dropped. So the answer is the smallest mask made only of
    allowed filters: it drops only what blocks, and nothing it drops is unnecessary. Equal
    sizes go to the filters earlier in RELAXABLE.
    """
    order = {f: i for i, f in enumerate(RELAXABLE)}
    best: tuple[int, tuple[int, ...]] | None = None
    chosen: frozenset[str] | None = None
    for mask in masks:
        failed = _failed(mask)
        if not failed <= set(allowed):
            continue
        key = (len(failed), tuple(sorted(order[f] for f in failed)))
        if best is None or key < best:
            best, chosen = key, failed
    if chosen is None:
        return None
    return tuple(f for f in RELAXABLE if f in chosen)


def relaxed_query(plan: RolePlan, rows: RoleRows) -> tuple[RoleQuery, list[str]]:
    """The role's query with the smallest set of relaxable filters that blocks every candidate
    dropped (none when a candidate passes, or when no relaxation would help), and their names."""
    if rows.passing():
        return plan.query, []
    steps = smallest_relaxation(rows.masks, plan.relaxable()) or ()
    return ranked_query(plan.query, steps), list(steps)


def ranked_query(query: RoleQuery, steps: Sequence[str]) -> RoleQuery:
    """The role's ``query`` as its rows are ranked once ``steps`` are relaxed: without them,
    nearest a relaxed price cap first, and speed weighed as ``speed_weighed`` says."""
    current = query
    for step in steps:
        current = current.relaxed(step)
    caps = [c for c in ("max_price_blended", "max_price_output", "max_price_input") if c in steps]
    if caps:
        # After relaxing a cap, the candidates nearest it come first, by the price it caps.
        current = replace(current, near_price=getattr(query, caps[0]), near_price_of=caps[0])
    return speed_weighed(current, steps)


def speed_weighed(query: RoleQuery, relaxed: Sequence[str]) -> RoleQuery:
    """``query`` as ranked once ``relaxed`` were dropped: a latency budget no candidate met makes
    speed weigh as for latency: low at least, so the fastest that can be had comes first (a role
    with no latency level took a model at 7 s otherwise)."""
    if "max_latency_seconds" not in relaxed:
        return query
    return replace(query, w_latency=max(query.w_latency, weight("latency", Level.low)))


def relax_until_found(
    con: duckdb.DuckDBPyConnection, plan: RolePlan, rows: RoleRows
) -> tuple[RoleRows, list[str], list[str]]:
    """Relax only what blocks when no candidate passes every filter.

    Returns the rows, the relaxation notes and the names of the relaxed filters.

    Raises:
        SelectionError: no candidate passes even with every filter the role may relax
            dropped; names the filter that blocks and lists the closest candidates.
    """
    query = plan.query
    if rows.passing():
        return rows, [], []
    current, steps = relaxed_query(plan, rows)
    if not steps:
        everything = run_selection(con, [query], prefilter=False)[query.role]
        raise _no_candidates(plan, rows, everything)
    relaxed = run_selection(con, [current])[query.role]
    if not relaxed.passing():
        everything = run_selection(con, [query], prefilter=False)[query.role]
        raise _no_candidates(plan, rows, everything)
    return relaxed, [_relaxation_note(s, plan) for s in steps], list(steps)


def _relaxation_note(step: str, plan: RolePlan) -> str:
    query = plan.query
    if step == "status":
        return "status (deprecated models allowed): no active model met the other requirements"
    if step == "priced":
        return "priced (a free, trial or unpriced listing allowed): no priced model qualified"
    value = getattr(query, step)
    shown = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value
    # which price "nearest" is of: the one the cap is about
    which = step.removeprefix("max_price_")
    where = f"; nearest the cap first, by the {which} price" if step.startswith("max_price") else ""
    if step == "max_latency_seconds":
        shown, where = f"{value:g} s", "; speed weighed as for latency: low"
    origin = "read from the description" if step in plan.soft else "opted in with relax"
    return f"{step} ({shown}, {origin}): no candidate met it{where}"


def _no_candidates(plan: RolePlan, rows: RoleRows, everything: RoleRows) -> SelectionError:
    role = plan.query.role
    order = {f: i for i, f in enumerate(FILTERS)}
    # The blocking filters: the smallest set some candidate fails (ignoring the opt-in); among
    # sets as small, the one a spec can loosen (a text-to-speech role on Groq: Orpheus fails
    # `priced` and `open_weights`, the transcribers fail the modalities its kind sets).
    fewest = min(
        (_failed(m) for m in rows.masks),
        key=lambda f: (len(f), sum(x not in RELAXABLE for x in f), sorted(order[x] for x in f)),
        default=None,
    )
    blocking = sorted(fewest or (), key=order.__getitem__)
    if not blocking:
        blocking = [next((name for name, n in everything.counts if n == 0), "kind")]
    # a model of another kind is no near miss (a chat model for an embedding role), unless
    # every candidate is one
    everyone = rows.rows or everything.rows
    pool = [r for r in everyone if "kind" not in r.failed_filters] or list(everyone)
    closest = sorted(
        pool,
        key=lambda r: (
            len(r.failed_filters),
            sum(x not in RELAXABLE for x in r.failed_filters),
            r.rank,
        ),
    )[:3]
    shown = "; ".join(
        f"{c.litellm_provider}/{c.model} (fails {', '.join(c.failed_filters)})" for c in closest
    )
    names = ", ".join(f"`{b}`" for b in blocking)
    values = ", ".join(
        f"{b}={getattr(plan.query, b)}"
        for b in blocking
        if b in RELAXABLE and b not in ("status", "priced")
    )
    hard = [b for b in blocking if b in RELAXABLE and b not in plan.relaxable()]
    if hard:
        fix = (
            f"loosen {names} for this role, or let generate relax {'it' if len(hard) == 1 else 'them'} with "
            f"`relax: [{', '.join(hard)}]` under the role (or `defaults`)"
        )
    else:
        fix = f"loosen {names} for this role, or enable more providers"
    verb = "blocks" if len(blocking) == 1 else "block"
    return SelectionError(
        f"role {role!r}: no model satisfies the role: {names} {verb} every candidate"
        + (f" ({values})" if values else "")
        + (f"; closest: {shown}" if shown else ""),
        role=role,
        constraint=blocking[0],
        fix=fix,
    )


def decide_role(
    con: duckdb.DuckDBPyConnection,
    plan: RolePlan,
    rows: RoleRows,
    fallbacks: int,
    forced: CandidateRow | None,
) -> RoleSelection:
    """Pick, fallbacks and runners-up for one role from its ranked rows."""
    query = plan.query
    relaxations: list[str] = []
    relaxed: list[str] = []
    if forced is None:
        rows, relaxations, relaxed = relax_until_found(con, plan, rows)
        pick = rows.passing()[0]
    else:
        pick = forced
    query = speed_weighed(query, relaxed)  # as the rows were ranked
    ranked = ranked_query(plan.query, relaxed)  # ... nearest a relaxed price cap first, too
    selection = RoleSelection(query.role, pick, rows=rows, relaxations=relaxations)
    selection.relaxed = relaxed
    cheap = plan.levels.get("cost") is Level.low
    fast = plan.levels.get("latency") is Level.low and plan.task != "none"
    # a reply time read from the description is a wish: a fallback over it beats none
    soft_budget = "max_latency_seconds" in plan.soft and "max_latency_seconds" not in relaxed
    selection.fallbacks = choose_fallbacks(
        pick,
        rows,
        fallbacks,
        FALLBACK_MAX_PRICE_RATIO if cheap else None,
        FALLBACK_MAX_LATENCY_RATIO if fast else None,
        query.fallback_distance,
        spare=[r for r in rows.rows if r.failed_filters == ("max_latency_seconds",)]
        if soft_budget
        else (),
    )
    selection.fallback_reasons = [
        fallback_reason(pick, f, selection.fallbacks[:i]) + _over_budget(f, query)
        for i, f in enumerate(selection.fallbacks)
    ]
    if len(selection.fallbacks) < fallbacks and pick.mode != "embedding":
        selection.no_fallback = no_fallback_reason(
            pick, rows, query.fallback_distance, selection.fallbacks, fallbacks
        )
    seen = {listing_key(pick)}
    unknown_shown = 0
    for row in rows.rows:
        key = listing_key(row)
        if key in seen or row.is_alt_host:
            continue
        is_unknown = row.task_quality is None and query.w_quality > 0
        if len(selection.runners_up) >= 3 and not (is_unknown and unknown_shown < 2):
            continue
        seen.add(key)
        unknown_shown += is_unknown
        reason = (
            "the role pins its model with force_model"
            if forced is not None
            else deciding_factor(pick, row, ranked, rows.rows)
        )
        selection.runners_up.append(RunnerUp(row, reason))
        if len(selection.runners_up) >= 5:
            break
    return selection


def _over_budget(row: CandidateRow, query: RoleQuery) -> str:
    """For a fallback over the role's soft latency budget: by how much, and why it is there."""
    if "max_latency_seconds" not in row.failed_filters or query.max_latency_seconds is None:
        return ""
    took = (
        "speed unknown"
        if row.latency_seconds is None
        else f"{fmt_latency_vs_budget(row)} {latency_unit(query)}"
    )
    return (
        f"; over the {query.max_latency_seconds:g} s the description asks for ({took}): no "
        "other candidate within it is left"
    )


def find_forced_model(
    con: duckdb.DuckDBPyConnection,
    model: str,
    providers: set[str] | None,
    modes: tuple[str, ...],
    declared: Sequence[str] | None = None,
) -> CandidateRow | None:
    """The callable catalog model ``force_model`` names (model id, canonical id or litellm id).

    Of several listings that match, the first of: the kind the role calls, a match on the whole
    canonical id, then on the litellm id (``openai/gpt-4o-mini`` is OpenAI's listing, not GitHub
    Models' whose model id is that string), a provider the spec declares (``declared``), a
    priced listing, the host order (lab, major cloud, other, free), the canonical id.
    """
    # The price a role ranks the model on: selection_candidates' unit_price (per 1M tokens in
    # for an embedding model, per audio minute for a transcription model, per image for an
    # image generation model); a catalog built
    # before it has the blended price only.
    features = catalog_features(con)
    unit, source = "m.price_blended_per_million as unit_price, '1M blended'", ""
    if features.marts and features.unit_prices:
        unit = "units.unit_price, units.price_unit"
        source = "left join selection_candidates as units on units.canonical_id = m.canonical_id"
    hosts = ""
    if features.hosts:  # a catalog built before host classes orders by id alone
        hosts = """coalesce(m.is_free_listing, false),
                 case m.host_class when 'lab' then 0 when 'cloud' then 1 when 'other' then 2
                     else 3 end,"""
    sql = f"""
        select m.canonical_id, m.provider, m.model_id, m.litellm_provider, m.litellm_model,
               m.mode, m.supports_temperature, m.max_output_tokens, m.context_tokens,
               m.price_input_per_million, m.price_output_per_million,
               m.price_blended_per_million, {unit} as price_unit, m.env_key, m.quality_source
        from models as m {source}
        where m.litellm_model is not null
          and (lower(m.model_id) = $m or lower(m.canonical_id) = $m
               or lower(m.litellm_model) = $m)
          and ($providers is null
               or list_contains($providers, lower(m.provider))
               or list_contains($providers, lower(m.litellm_provider)))
        order by list_contains($modes, m.mode) desc,
                 lower(m.canonical_id) = $m desc,
                 lower(m.litellm_model) = $m desc,
                 coalesce(list_contains($declared, lower(m.provider))
                          or list_contains($declared, lower(m.litellm_provider)), false) desc,
                 {hosts}
                 m.canonical_id
        limit 1
    """
    params = {
        "m": model.lower(),
        "providers": sorted(providers) if providers is not None else None,
        "modes": list(modes),
        "declared": [p.lower() for p in declared] if declared else [],
    }
    cursor = con.execute(sql, params)
    found = cursor.fetchone()
    if found is None:
        return None
    columns = dict(zip((d[0] for d in cursor.description), found, strict=True))
    return CandidateRow(
        rank=0,
        **columns,
        task_quality=None,
        quality_part=0.0,
        cost_part=0.0,
        latency_part=0.0,
        score=0.0,
        is_dominated=False,
    )
