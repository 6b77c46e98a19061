"""What a reviewer should know besides a pick's figures: caveats about one role's pick (its data,
price, host, fallbacks and retirements) and about the whole run (data ages, the catalog build),
printed once per run."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from llmhub.catalog.reader import CatalogInfo, SourceAge
from llmhub.generator.fallbacks import nearest_known
from llmhub.generator.figures import fmt_quality
from llmhub.generator.plan import RolePlan
from llmhub.generator.select import RoleSelection
from llmhub.generator.weights import FIRST_PARTY_HOSTS, PRIOR_HALFWIDTH, weight

if TYPE_CHECKING:
    from llmhub.generator.explain import RoleExplanation
    from llmhub.generator.query import CandidateRow, RoleRows

__all__ = ["LATENCY_ESTIMATED", "pick_caveats", "run_caveats"]

LATENCY_ESTIMATED = (
    "latency is estimated where the catalog has no speed measurement: the median measured "
    "time to first token of the models of the same size (the size word in the model id: mini, "
    "flash, pro, ...) and kind (reasoning or not); price is not used"
)


def _first_host_miss(pick: CandidateRow | None, rows: RoleRows | None) -> CandidateRow | None:
    """The pick's model on the lab's own API or a major cloud, when the role cannot use it and
    the pick is on another host (the query returns that listing, ranked last)."""
    if pick is None or rows is None or pick.host_class in FIRST_PARTY_HOSTS:
        return None
    return next(
        (
            r
            for r in rows.rows
            if r.model_group == pick.model_group
            and r.host_class in FIRST_PARTY_HOSTS
            and r.failed_filters
        ),
        None,
    )


def pick_caveats(selection: RoleSelection, plan: RolePlan) -> list[str]:
    """What a reviewer should know about the pick's figures, price and host."""
    pick, q = selection.pick, plan.query
    if pick is None:
        return ["forced model is not in the catalog: no prices, capabilities unchecked"]
    caveats: list[str] = []
    ranked = not selection.forced_model
    if ranked and pick.is_inferred:
        caveats.append(
            f"{pick.canonical_id}'s quality is inferred, not measured: no source scores it "
            f"yet, so it carries the figures of {pick.quality_inferred_from}, the newest "
            "measured model of its line, with a wider interval"
        )
    if ranked and pick.task_quality is None:
        if q.w_quality > 0:
            caveats.append(
                f"{pick.canonical_id} has no {plan.task} quality figure: counted at the prior "
                f"{fmt_quality(pick.quality_prior)} (+-{PRIOR_HALFWIDTH:g}) arena-equivalent"
            )
        elif plan.task == "none":
            asked = [
                f"{a}={level.value}"
                for a in ("quality", "coding", "reasoning", "creative", "latency")
                if (level := plan.levels.get(a)) is not None
            ]
            caveats.append(
                "no leaderboard or speed measurement covers this kind in the catalog: quality "
                "and speed are unknown for every candidate, so "
                + (
                    "price decides"
                    if q.w_cost > 0
                    else "the full model before a sized-down variant of it, then one its host "
                    "does not retire within a year, then the newer release, then the lower "
                    "price decides ("
                    + (
                        "price is no concern)"
                        if weight("cost", plan.levels.get("cost")) == 0
                        else "price is not weighed: the role asks for the best)"
                    )
                )
                + (
                    f"; the role's {', '.join(asked)} could not be weighed (set force_model to "
                    "the model you judge best)"
                    if asked
                    else ""
                )
            )
    if ranked and pick.mode == "embedding":
        hosts = len(selection.fallbacks)
        caveats.append(
            "an embedding role falls back only to the same model on another host "
            f"({hosts} found): another model's vectors would not match an index built with "
            "this one"
        )
    caveats.extend(_retirements(selection))
    if selection.no_fallback:
        caveats.append(selection.no_fallback)
    elif (
        ranked
        and pick.mode != "embedding"
        and selection.fallbacks
        and all(f.litellm_provider == pick.litellm_provider for f in selection.fallbacks)
    ):
        caveats.append(
            f"every fallback is on {pick.litellm_provider}, the pick's provider: an outage there "
            "takes them all down; " + _why_one_provider(pick, selection, plan)
        )
    miss = _first_host_miss(pick, selection.rows)
    if miss is not None:
        where = "its lab's own API" if miss.host_class == "lab" else "a major cloud"
        caveats.append(
            f"{miss.litellm_provider}/{miss.model}, this model on {where}, fails "
            f"{', '.join(miss.failed_filters)}: the pick is another host's listing of it"
        )
    if pick.is_free_listing:
        caveats.append(
            f"{pick.canonical_id} is a free listing (free tier, trial or plan): its limits "
            "and terms are the host's"
        )
    elif pick.unit_price is None:
        caveats.append(f"{pick.canonical_id} is unpriced in the catalog: cost counted as worst")
    return caveats


def _retirements(selection: RoleSelection) -> list[str]:
    """The retirement dates litellm's cost map gives a ranked pick and its fallbacks."""
    pick = selection.pick
    if pick is None or selection.forced_model:
        return []
    return [
        f"{row.litellm_provider}/{row.model} ({'the pick' if row is pick else 'a fallback'}) "
        f"retires on {row.deprecation_date}, per litellm's cost map: regenerate before then"
        for row in (pick, *selection.fallbacks)
        if row.deprecation_date is not None
    ]


def _why_one_provider(pick: CandidateRow, selection: RoleSelection, plan: RolePlan) -> str:
    """Why every fallback is on the pick's provider, and what would spread them."""
    rows = selection.rows
    away = [
        r
        for r in (rows.passing() if rows else [])
        if r.litellm_provider != pick.litellm_provider and not r.is_alt_host
    ]
    if not away:
        return "enable another provider (or loosen the role) to spread them"
    distance = plan.query.fallback_distance
    found = nearest_known(pick, away)
    if pick.task_quality is not None and found is None:
        return (
            "the candidates on other providers have no quality figure, so none is known to be "
            f"within {distance:g} points of the pick's"
        )
    if found is not None:
        nearest, gap = found
        if gap > distance:
            return (
                f"the candidates on other providers are more than {distance:g} points under the "
                f"pick's quality (the nearest, {nearest.litellm_provider}/{nearest.model}, is "
                f"{fmt_quality(gap)} points below)"
            )
    if len(selection.fallbacks) == 1:
        # one within the floor exists elsewhere: a single fallback keeps to the role's price or
        # speed ratio; a second goes to another provider whatever its price or speed
        return "ask for two fallbacks: the second goes to another provider whatever its price"
    return "no candidate on another provider is within the role's fallback rules"


def _age(source: SourceAge) -> str:
    """How old a source's data is: a bundled snapshot is as old as its upstream commit."""
    when = source.data_as_of
    if when is None:
        return "date of the data unknown" if source.origin == "snapshot" else "fetch time unknown"
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    days = (datetime.now(timezone.utc) - when).days
    return f"data as of {when.date().isoformat()} ({days} days old)"


def run_caveats(info: CatalogInfo, explanations: list[RoleExplanation]) -> list[str]:
    """Caveats that hold for the whole run, printed once (not once per role)."""
    out = []
    if any("estimated" in e.pick_facts for e in explanations):
        out.append(LATENCY_ESTIMATED)
    out.extend(f"source {s.source} ({s.origin}): {_age(s)}" for s in info.sources)
    out.append(f"catalog build: {info.build_id}")
    return out
