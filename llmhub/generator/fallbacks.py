"""A role's fallbacks: which candidates, in which order, and what each protects against.

A fallback passes the role's filters, stays within the role's fallback distance of the pick's
task quality (FALLBACK_QUALITY_DISTANCE, or FALLBACK_QUALITY_DISTANCE_LOW for a role that asks
for no quality above low), and is not an alias of a model already chosen. The first is on another
provider or host when one qualifies. A role that wants cheap takes those within
FALLBACK_MAX_PRICE_RATIO times the pick's price first (docs/picking.md, "Fallbacks").
"""

from __future__ import annotations

from collections.abc import Sequence

from llmhub.generator.facts import per_unit, price_digits
from llmhub.generator.figures import fmt_price_ratio, fmt_quality
from llmhub.generator.query import CandidateRow, RoleRows
from llmhub.generator.weights import FALLBACK_QUALITY_DISTANCE, FIRST_PARTY_HOSTS

__all__ = [
    "FALLBACK_PRICE_NOTE_RATIO",
    "choose_fallbacks",
    "fallback_reason",
    "listing_key",
    "nearest_known",
    "no_fallback_reason",
]

# A fallback this many times the pick's price says so: a reviewer of a cheap role should see
# that its fallback costs nine times as much before a bill does.
FALLBACK_PRICE_NOTE_RATIO = 2.0

_ORDINALS = ("first", "second", "third", "fourth", "fifth")


def listing_key(row: CandidateRow) -> tuple[str, str]:
    """A listing as the runtime file calls it: (litellm provider, model)."""
    return (row.litellm_provider, row.model)


def _alias(row: CandidateRow) -> tuple[object, ...]:
    if row.task_quality is None:
        return (row.provider, row.model_group)
    return (row.provider, row.unit_price, row.task_quality)


def _within_floor(pick: CandidateRow, row: CandidateRow, distance: float) -> bool:
    if pick.task_quality is None:
        return True
    if row.task_quality is None:
        return False
    return row.task_quality >= pick.task_quality - distance


def _elsewhere(pick: CandidateRow, row: CandidateRow) -> bool:
    return row.litellm_provider != pick.litellm_provider or row.provider != pick.provider


def _candidates(
    pick: CandidateRow, passing: Sequence[CandidateRow], distance: float
) -> list[CandidateRow]:
    """The rows of ``passing`` a fallback may be, in rank order: within the floor, no aliases."""
    if pick.mode == "embedding":
        # another model's vectors do not match an index built with the pick's
        passing = [r for r in passing if r.model_group == pick.model_group]
    seen = {listing_key(pick)}
    # An alias of a chosen model (same provider, price and quality: "-latest", dated ids)
    # protects against nothing.
    aliases = {_alias(pick)}
    out = []
    for row in passing:
        key = listing_key(row)
        if key in seen or not _within_floor(pick, row, distance):
            continue
        alias = _alias(row)
        if alias not in aliases:
            seen.add(key)
            aliases.add(alias)
            out.append(row)
    return out


def choose_fallbacks(
    pick: CandidateRow,
    rows: RoleRows,
    n: int,
    max_price_ratio: float | None = None,
    max_latency_ratio: float | None = None,
    distance: float = FALLBACK_QUALITY_DISTANCE,
    spare: Sequence[CandidateRow] = (),
) -> list[CandidateRow]:
    """Up to ``n`` fallbacks for ``pick`` from ``rows``, another provider or host first.

    With ``max_price_ratio`` (a role that wants cheap) or ``max_latency_ratio`` (one that wants
    fast), the candidates within that many times the pick's price (latency) come first, another
    provider first among them; when none of those is on another provider and the role has two
    fallbacks or more, the last is the best one that is, whatever its price or speed (its reason
    says how much dearer): the role keeps a way around an outage, and a single fallback keeps
    to the budget.

    ``spare`` are rows that fail only a soft requirement (a reply time read from the
    description): they fill the places no passing row does, in rank order, since a fallback a
    little slow beats none when the pick is down.
    """
    if n <= 0:
        return []
    chosen = _choose(pick, rows.passing(), n, max_price_ratio, max_latency_ratio, distance)
    if len(chosen) < n and spare:
        taken = {listing_key(r) for r in chosen}
        aliases = {_alias(r) for r in chosen}
        extra = [
            r
            for r in _candidates(pick, spare, distance)
            if listing_key(r) not in taken and _alias(r) not in aliases
        ]
        if not any(_elsewhere(pick, r) for r in chosen):
            extra = _spread(pick, extra)
        chosen += extra[: n - len(chosen)]
    return chosen


def _choose(
    pick: CandidateRow,
    passing: Sequence[CandidateRow],
    n: int,
    max_price_ratio: float | None,
    max_latency_ratio: float | None,
    distance: float,
) -> list[CandidateRow]:
    ordered = _candidates(pick, passing, distance)
    price_cap = latency_cap = None
    # a hair over, so that 3 x $0.175 admits $0.525 (float products fall just under it)
    if max_price_ratio is not None and pick.unit_price:
        price_cap = max_price_ratio * pick.unit_price * (1 + 1e-9)
    if max_latency_ratio is not None and pick.latency_seconds:
        latency_cap = max_latency_ratio * pick.latency_seconds * (1 + 1e-9)

    def fits(r: CandidateRow) -> bool:
        cheap = price_cap is None or (
            r.unit_price is not None
            and r.price_unit == pick.price_unit
            and r.unit_price <= price_cap
        )
        fast = latency_cap is None or (
            r.latency_seconds is not None and r.latency_seconds <= latency_cap
        )
        return cheap and fast

    if price_cap is not None or latency_cap is not None:
        chosen = _spread(pick, [r for r in ordered if fits(r)])[:n]
        if n > 1 and chosen and not any(_elsewhere(pick, r) for r in chosen):
            away = _first_away(pick, ordered)
            if away is not None:
                chosen = [*chosen[: n - 1], away]
        if len(chosen) < n:
            chosen += [r for r in _spread(pick, ordered) if r not in chosen][: n - len(chosen)]
        return chosen
    return _spread(pick, ordered)[:n]


def _first_away(pick: CandidateRow, ordered: Sequence[CandidateRow]) -> CandidateRow | None:
    """The first candidate on another provider or host; when the pick is on a lab's API or a
    major cloud, one on such a host before any other (a pick on Alibaba's API had its own model
    on DeepInfra as its first fallback, ahead of GPT-5.6 Luna on OpenAI's)."""
    away = [r for r in ordered if _elsewhere(pick, r)]
    if pick.host_class in FIRST_PARTY_HOSTS:
        first_party = next((r for r in away if r.host_class in FIRST_PARTY_HOSTS), None)
        if first_party is not None:
            return first_party
    return away[0] if away else None


def _spread(pick: CandidateRow, ordered: list[CandidateRow]) -> list[CandidateRow]:
    """``ordered`` with its first candidate on another provider or host moved to the front,
    and after it, a model not yet in the chain before a second listing of one, and a provider
    not yet in it before one that is: each fallback guards against what the ones before it do
    not (a live translator's third fallback was its second's model again, on Azure, where
    Mistral Small passed; a voice agent's was another model on the pick's own host)."""
    away = _first_away(pick, ordered)
    rest = [r for r in ordered if r is not away]
    chain = [pick] if away is None else [pick, away]
    groups = {r.model_group for r in chain}
    hosts = {r.litellm_provider for r in chain}
    out = [] if away is None else [away]
    while rest:
        # the first of the best: a new model on a new provider, else a new model, else a new
        # provider, else the next in rank order
        best, best_repeats = 0, 3
        for i, r in enumerate(rest):
            repeats = 2 * (r.model_group in groups) + (r.litellm_provider in hosts)
            if repeats < best_repeats:
                best, best_repeats = i, repeats
                if not repeats:
                    break
        row = rest.pop(best)
        groups.add(row.model_group)
        hosts.add(row.litellm_provider)
        out.append(row)
    return out


def fallback_reason(
    pick: CandidateRow, row: CandidateRow, earlier: Sequence[CandidateRow] = ()
) -> str:
    """What a fallback protects against, in a few words, and its price when much dearer.

    ``earlier`` are the fallbacks before it: a later fallback on an earlier one's provider, or
    of an earlier one's model, says so rather than repeat its reason. Providers are named as in
    the ids the runtime file calls (``gemini``, ``together_ai``).
    """
    p, r = pick.unit_price, row.unit_price
    dearer = ""
    if (
        p
        and r is not None
        and r >= FALLBACK_PRICE_NOTE_RATIO * p
        and row.price_unit == pick.price_unit
    ):
        # the ratio of the prices printed beside it, not of prices a reviewer cannot see
        a, b, ratio = fmt_price_ratio(r, p, price_digits(pick))
        dearer = f"; {ratio}x the pick's price ({a} vs {b} {per_unit(pick)})"
    host, down = row.litellm_provider, pick.litellm_provider
    same_model = next((i for i, e in enumerate(earlier, 1) if e.model_group == row.model_group), 0)
    same_host = [i for i, e in enumerate(earlier, 1) if e.litellm_provider == host]
    if row.model_group == pick.model_group:
        what = f"the same model on another host ({host}) if {down} fails"
    elif same_model and host == down:
        what = f"fallback {same_model}'s model on {host} if {pick.model} is unavailable or rate-limited"
    elif same_model:
        first_host = earlier[same_model - 1].litellm_provider
        what = f"fallback {same_model}'s model on another host ({host}) if {first_host} fails too"
    elif host != down and same_host:
        nth = _ORDINALS[min(len(same_host), len(_ORDINALS) - 1)]
        which = " and ".join(f"fallback {i}" for i in same_host)
        verb = "is" if len(same_host) == 1 else "are"
        what = f"a {nth} model on {host} if {down} fails and {which} {verb} unavailable"
    elif host != down:
        what = f"another provider ({host}) if {down} fails"
    elif p is not None and r is not None and r < p:
        what = f"a cheaper model on {host} if {pick.model} is unavailable or rate-limited"
    else:
        what = f"another model on {host} if {pick.model} is unavailable or rate-limited"
    return what + dearer


def nearest_known(
    pick: CandidateRow, rows: Sequence[CandidateRow]
) -> tuple[CandidateRow, float] | None:
    """The row of ``rows`` with the best known task quality, and how many points it is under
    the pick's; None when the pick's quality or every row's is unknown."""
    known = [r for r in rows if r.task_quality is not None]
    if pick.task_quality is None or not known:
        return None
    nearest = max(known, key=lambda r: r.task_quality or 0.0)
    return nearest, pick.task_quality - (nearest.task_quality or 0.0)


def no_fallback_reason(
    pick: CandidateRow,
    rows: RoleRows,
    distance: float = FALLBACK_QUALITY_DISTANCE,
    chosen: Sequence[CandidateRow] = (),
    asked: int = 1,
) -> str:
    """Why a role that asks for fallbacks got none, or fewer than ``asked`` (``chosen``; not
    for an embedding role: its caveat says).

    A pick of unknown quality takes any passing candidate, so none here means none passes; a
    pick of known quality takes only candidates within the floor.
    """
    taken = {listing_key(pick), *(listing_key(r) for r in chosen)}
    aliases = {_alias(pick), *(_alias(r) for r in chosen)}
    others = [r for r in rows.passing() if listing_key(r) not in taken and _alias(r) not in aliases]
    head = f"only {len(chosen)} of {asked} fallbacks: " if chosen else "no fallback: "
    if not others or pick.task_quality is None:
        return f"{head}no other candidate passes the role's filters"
    found = nearest_known(pick, others)
    if found is None:
        return (
            f"{head}the other candidates that pass have no quality figure, so none is "
            f"known to be within {distance:g} points of the pick's"
        )
    nearest, gap = found
    return (
        f"{head}no other candidate that passes is within {distance:g} "
        f"points of the pick's quality (the nearest, {nearest.litellm_provider}/"
        f"{nearest.model}, is {fmt_quality(gap)} points below)"
    )
