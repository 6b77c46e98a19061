"""Why one candidate lost to another, said in the user's units: dollars per 1M tokens (per audio
minute for a transcription model), seconds, arena-equivalent points. Never a bare 0..1 signal
whose direction the reader must guess."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from llmhub.generator.figures import (
    SCORE_DIGITS,
    SECONDS_BUDGET_DIGITS,
    SECONDS_DIGITS,
    fmt_offset,
    fmt_pair,
    fmt_price,
    fmt_quality,
    fmt_score,
    fmt_seconds,
    price_digits_for,
)
from llmhub.generator.params import call_effort
from llmhub.generator.query import CandidateRow, RoleQuery
from llmhub.generator.weights import (
    HIGH_QUALITY_BAND,
    INFERRED_PENALTY,
    PREVIEW_PENALTY,
    PRIOR_HALFWIDTH,
    RESELLER_PENALTY,
    TIE_POINTS,
)

__all__ = [
    "deciding_factor",
    "fmt_latency",
    "fmt_latency_vs_budget",
    "inferred_penalized",
    "latency_how",
    "latency_unit",
    "per_unit",
    "price_label",
    "price_phrase",
    "quality_phrase",
    "tie_band_note",
]


def price_label(row: CandidateRow) -> str:
    """The price the role ranks on (``per_unit``), or why there is none: a free listing is free,
    no price is unpriced."""
    if row.is_free_listing:
        return "free listing"
    return fmt_price(row.unit_price, price_digits(row))


def price_phrase(row: CandidateRow) -> str:
    """``$0.45 per 1M blended``; ``free listing`` or ``unpriced`` alone (no unit for no price)."""
    label = price_label(row)
    return f"{label} {per_unit(row)}" if _has_price(row) else label


def _has_price(row: CandidateRow) -> bool:
    return row.unit_price is not None and not row.is_free_listing


def quality_phrase(value: float | None) -> str:
    """``1,513 arena-equivalent``, or ``unknown`` (no unit for no figure)."""
    return "unknown" if value is None else f"{fmt_quality(value)} arena-equivalent"


def price_digits(row: CandidateRow) -> int:
    """Digits the price a row ranks on is printed with (figures.price_digits_for its unit)."""
    return price_digits_for(row.price_unit)


def per_unit(row: CandidateRow) -> str:
    """``per 1M blended``, ``per 1M input`` for an embedding model, ``per audio minute`` for a
    transcription model, ``per image`` for an image generation model."""
    return f"per {row.price_unit}"


def fmt_latency(row: CandidateRow, digits: int = SECONDS_DIGITS) -> str:
    """The row's latency for the role, ``13.1 s`` (figures.fmt_seconds)."""
    return fmt_seconds(row.latency_seconds, digits)


def fmt_latency_vs_budget(row: CandidateRow) -> str:
    """``fmt_latency`` beside a latency budget: two decimals under 10 s, so that 1.05 s
    against a 1 s budget does not read "1.0 s"."""
    seconds = row.latency_seconds
    return fmt_latency(row, SECONDS_BUDGET_DIGITS if seconds is not None and seconds < 10 else 1)


def latency_unit(query: RoleQuery) -> str:
    """What the role's latency figures time: the first token, or the end of a long answer."""
    return "to the end of a long answer" if query.long_output else "to first token"


def latency_how(row: CandidateRow, query: RoleQuery | None = None) -> str:
    """How the latency figure was obtained, and at which configuration it was measured; with
    the role's ``query``, also where that is not the effort the role's call of the row sets
    (generator/params.py call_effort): a figure of the lab's default beside a call at 'low'."""
    # the effort the figure is of (None: the lab's default, or no effort named)
    of = row.latency_variant if row.latency_basis == "effort" else None
    runs = of if query is None else call_effort(row, query)
    if not row.latency_measured:
        if row.latency_from and row.latency_from == row.model_group:
            how = "estimated: the same model's measured speed on its lab's own API"
        elif row.latency_from and row.latency_from == row.quality_inferred_from:
            how = f"estimated: {row.latency_from}'s measured speed, whose quality it copies"
        elif row.latency_from:
            how = f"estimated: {row.latency_from}'s measured speed, its predecessor in its line"
        else:
            how = "estimated"
    elif row.latency_basis == "effort":
        sets = ", which the call sets" if runs == of else ""
        how = f"measured at reasoning_effort {row.latency_variant!r}{sets}"
    elif row.latency_basis == "default":
        how = f"measured at the lab's default, {row.latency_variant or 'as called'!r}"
    elif row.latency_variant:
        how = f"measured at {row.latency_variant!r}: the lab's default is not on record"
    elif row.latency_basis == "headline":
        # one figure, of no named effort: what the quality figure of no named effort is taken as
        how = (
            "measured with no effort named, in Artificial Analysis's headline configuration; "
            "the lab's default effort is not on record"
        )
    else:
        how = "measured"
    if runs == of:
        return how
    if runs is None:
        # an effort figure for a call that sets none (litellm refuses the parameter there)
        return f"{how}, which the call does not set: it runs at the lab's default"
    return f"{how}, not at reasoning_effort {runs!r}, which the call sets"


def _score_pair(pick: CandidateRow, other: CandidateRow) -> str:
    x, y = fmt_pair(fmt_score, pick.score, other.score, SCORE_DIGITS)
    return f"score {x} vs {y}"


def _price_pair(pick: CandidateRow, other: CandidateRow) -> tuple[str, str]:
    # Formatted only where a reason names them: most runners-up lose on another figure.
    return fmt_pair(fmt_price, pick.unit_price, other.unit_price, price_digits(pick))


def _cheaper(pick: CandidateRow, other: CandidateRow) -> str:
    # An audio role whose direction the spec leaves open ranks transcribers (per audio minute)
    # and speech models (per 1M tokens) together, each on its own unit's scale: two prices in
    # different units are not called one cheaper than the other.
    if not _has_price(pick) or not _has_price(other):
        # "free listing" or "unpriced": no unit after no price
        return f"the pick is cheaper: {price_phrase(pick)} vs {price_phrase(other)}"
    price_pick, price_other = _price_pair(pick, other)
    if pick.price_unit == other.price_unit:
        return f"the pick is cheaper: {price_pick} vs {price_other} {per_unit(pick)}"
    return (
        f"the pick is cheaper for its unit: {price_pick} {per_unit(pick)} vs {price_other} "
        f"{per_unit(other)}, each against the dearest listing priced in its unit"
    )


def _tie(pick: CandidateRow, other: CandidateRow, query: RoleQuery) -> str:
    """What broke a tie on score, in the order of weights.TIE_BREAKS after the score."""
    if pick.overall_quality != other.overall_quality:
        if other.overall_quality is None:
            return (
                f"tied on score; the pick is better overall: {fmt_quality(pick.overall_quality)} "
                "arena-equivalent, the runner-up has no overall figure"
            )
        o_pick, o_other = fmt_pair(fmt_quality, pick.overall_quality, other.overall_quality, 0)
        return f"tied on score; the pick is better overall: {o_pick} vs {o_other} arena-equivalent"

    if query.w_quality == 0 and query.w_cost == 0:
        tied = "tied on score (no figure to weigh, price not weighed)"
        if pick.is_sized_down != other.is_sized_down:
            return f"{tied}; the runner-up is a sized-down variant (mini, lite, turbo, fast ...)"
        if pick.is_retiring_soon != other.is_retiring_soon:
            return f"{tied}; the runner-up's host retires it on {other.deprecation_date}"
        if _released(pick) != _released(other):
            mine, theirs = _dated(pick), _dated(other)
            if theirs is None and pick.release_date is None:
                return (
                    f"{tied}; the pick is {mine}, the runner-up has no release date or older"
                    " version on record"
                )
            if theirs is None:
                return f"{tied}; the pick's release is on record ({mine}), the runner-up's is not"
            return f"{tied}; the pick is newer: {mine} vs {theirs}"

    # after `priced` was relaxed, a free listing's $0 is no price: it ranks as unpriced
    def ranked_price(row: CandidateRow) -> tuple[float | None, str]:
        free = row.is_free_listing and not query.free_is_priced
        return (None if free else row.unit_price), row.price_unit

    if ranked_price(pick) != ranked_price(other):
        return f"tied on score; {_cheaper(pick, other)}"
    return (
        "tied on score and price; broken by release date, then the place in its line,"
        " then canonical id"
    )


def _released(row: CandidateRow) -> tuple[date, bool] | None:
    """The release the tie-breaks use: its own date, else just after its line's older
    version's (the flag: a later version came after it)."""
    if row.release_date is not None:
        return row.release_date, False
    if row.release_floor is not None:
        return row.release_floor, True
    return None


def _dated(row: CandidateRow) -> str | None:
    """``_released``, as the explanation says it."""
    if row.release_date is not None:
        return str(row.release_date)
    if row.release_floor is not None:
        return f"undated, after {row.release_floor} (its line's older version)"
    return None


def dominator(row: CandidateRow, rows: Sequence[CandidateRow]) -> CandidateRow | None:
    """The best-ranked candidate that Pareto-dominates ``row`` by the selection query's rule
    (docs/picking.md section 7): at least as good and at most as dear, one strictly; a copied
    (inferred) figure dominates nothing, and a re-seller's model only a re-seller's."""
    if row.task_quality is None or row.unit_price is None:
        return None
    for o in rows:
        if (
            o.failed_filters
            or o.is_alt_host
            or o.is_inferred
            or o.model_group == row.model_group
            or o.task_quality is None
            or o.unit_price is None
            or o.price_unit != row.price_unit
            or (o.is_reseller_only and not row.is_reseller_only)
        ):
            continue
        if (
            o.task_quality >= row.task_quality
            and o.unit_price <= row.unit_price
            and (o.task_quality > row.task_quality or o.unit_price < row.unit_price)
        ):
            return o
    return None


def deciding_factor(
    pick: CandidateRow,
    other: CandidateRow,
    query: RoleQuery,
    rows: Sequence[CandidateRow] = (),
) -> str:
    """The reason ``other`` ranks below ``pick``, said of the pick, the pick's figure first:
    "the pick is cheaper: $a vs $b" (a bare "cheaper: $a vs $b" on a runner-up's line read as
    if the runner-up were the cheaper one)."""
    if other.failed_filters:
        return "fails " + ", ".join(other.failed_filters)
    nearer = _nearer_the_cap(pick, other, query)
    if nearer:
        return nearer
    q_pick, q_other = fmt_pair(fmt_quality, pick.task_quality, other.task_quality, 0)
    if other.below_band and not pick.below_band:
        if other.task_quality is None:
            return f"quality unknown, in a role that wants the best (the pick: {q_pick})"
        # the band hangs on the best figure among the candidates that pass: name it
        best = max(
            (r for r in rows if r.passes and r.task_quality is not None and not r.is_alt_host),
            key=lambda r: r.task_quality or 0.0,
            default=None,
        )
        anchor = (
            f" ({best.litellm_provider}/{best.model}, {fmt_quality(best.task_quality)})"
            if best is not None
            else ""
        )
        return (
            f"{q_other} arena-equivalent, more than {HIGH_QUALITY_BAND:g} points under the best "
            f"candidate's figure{anchor}, in a role that wants the best (the pick: {q_pick})"
        )
    if other.is_dominated and not pick.is_dominated:
        by = dominator(other, rows)
        who = (
            f"{by.litellm_provider}/{by.model} ({fmt_quality(by.task_quality)} at "
            f"{fmt_price(by.unit_price, price_digits(by))})"
            if by is not None
            else "another candidate"
        )
        price_other = _price_pair(pick, other)[1]
        return (
            f"Pareto-dominated: at {q_other} arena-equivalent and {price_other} "
            f"{per_unit(other)}, {who} is at least as good for at most that price"
        )
    if abs(pick.score - other.score) < 1e-12:
        return _tie(pick, other, query)
    return _largest_part(pick, other, query, q_pick, q_other)


def _largest_part(
    pick: CandidateRow,
    other: CandidateRow,
    query: RoleQuery,
    q_pick: str,
    q_other: str,
) -> str:
    """The score part (or penalty) with the largest weighted gap, said of the pick."""
    total = query.w_quality + query.w_cost + query.w_latency
    gaps = {
        "quality": query.w_quality * (pick.quality_part - other.quality_part),
        "cost": query.w_cost * (pick.cost_part - other.cost_part),
        "latency": query.w_latency * (pick.latency_part - other.latency_part),
        "preview": PREVIEW_PENALTY * (other.is_preview - pick.is_preview) * total,
        "reseller": RESELLER_PENALTY * (other.is_reseller_only - pick.is_reseller_only) * total,
        "inferred": INFERRED_PENALTY
        * (inferred_penalized(other, query) - inferred_penalized(pick, query))
        * total,
    }
    name = max(gaps, key=lambda k: gaps[k])
    if name == "quality":
        if other.task_quality is None:
            prior = fmt_quality(other.quality_prior)
            what = f"quality unknown, counted at the prior {prior} (+-{PRIOR_HALFWIDTH:g}) vs the pick's {q_pick}"
        else:
            what = f"the pick has higher quality: {q_pick} vs {q_other} arena-equivalent"
    elif name == "cost":
        what = _cheaper(pick, other)
    elif name == "latency":
        a, b = fmt_pair(fmt_seconds, pick.latency_seconds, other.latency_seconds, SECONDS_DIGITS)
        # each figure's configuration against the effort its call runs at: a runner-up timed at
        # its lab's default read as plain "measured" beside a pick timed at the effort it is
        # called at
        mine, theirs = latency_how(pick, query), latency_how(other, query)
        how = f"both {mine}" if mine == theirs else f"the pick's {mine}; the runner-up's {theirs}"
        unit = latency_unit(query)
        what = f"the pick is faster: {a} vs {b} {unit} ({how})"
    elif name == "inferred":
        what = (
            f"the runner-up's quality is inferred from {other.quality_inferred_from}, not "
            f"measured (score penalty {INFERRED_PENALTY:g})"
        )
    elif name == "reseller":
        what = (
            "the runner-up reaches the role through re-sellers only: no lab API or major "
            f"cloud listing of it passes, at a known price (score penalty {RESELLER_PENALTY:g})"
        )
    else:
        what = f"the runner-up is a preview listing (score penalty {PREVIEW_PENALTY:g})"
    if name != "quality":
        what += _tied_on_quality(pick, other)
    return f"{what}; {_score_pair(pick, other)}"


def _nearer_the_cap(pick: CandidateRow, other: CandidateRow, query: RoleQuery) -> str:
    """After a price cap was relaxed the candidates nearest it come first, before any score
    (sql/selection/select_models.sql.j2, the sort key's near_cap): "" when that did not decide."""
    cap = query.near_price
    if cap is None:
        return ""

    def distance(row: CandidateRow) -> float:
        price = row.price_blended_per_million
        return abs((price if price is not None else math.inf) - cap)

    if abs(distance(pick) - distance(other)) < 1e-12:
        return ""
    mine, theirs = fmt_pair(
        fmt_price, pick.price_blended_per_million, other.price_blended_per_million, 2
    )
    return (
        f"nearer the relaxed price cap of {fmt_price(cap)}: {mine} vs {theirs} per 1M blended "
        f"(after a cap is relaxed, the nearest come first, whatever the score); "
        f"{_score_pair(pick, other)}"
    )


def tie_band_note(row: CandidateRow) -> str:
    """Why the quality signal of ``row`` counts another figure than its own, with the figures
    (sql/selection/select_models.sql.j2, quality_bands); "" when it counts its own."""
    own, counted = row.task_quality, row.quality_counted
    if own is None or counted is None or counted == own or row.tie_best is None:
        return ""
    counted_shown, own_shown = fmt_pair(fmt_quality, counted, own, 0)
    best = f"of {row.tie_best_model}, the best candidate" if row.tie_best_model else "of the best"
    high = fmt_quality(row.task_quality_high)
    return (
        f"tie band: counted at {counted_shown}, the figure {best}, not at its own {own_shown}: "
        f"within {TIE_POINTS:g} points of it, and its interval reaches up to {high}, above that "
        f"one's low of {fmt_quality(row.tie_best_low)}"
    )


def _tied_on_quality(pick: CandidateRow, other: CandidateRow) -> str:
    """For a runner-up with the higher figure that lost on another part: that the tie band
    counted both at one figure, so quality did not separate them; "" otherwise."""
    if (
        pick.task_quality is None
        or other.task_quality is None
        or other.task_quality <= pick.task_quality
        or pick.quality_counted is None
        or pick.quality_counted != other.quality_counted
    ):
        return ""
    theirs, mine = fmt_pair(fmt_quality, other.task_quality, pick.task_quality, 0)
    return (
        f" (tied on quality in the tie band: the runner-up's {theirs} and the pick's {mine} both "
        f"count as {fmt_quality(pick.quality_counted)})"
    )


def inferred_penalized(row: CandidateRow, query: RoleQuery) -> int:
    """1 when the row's score lost INFERRED_PENALTY: its task figure is a copied one, used."""
    copied = row.is_inferred and row.task_quality is not None
    return int(copied and query.w_quality > 0)


def effort_note(pick: CandidateRow, *, writes_effort: bool, fast: bool = False) -> str:
    """Which effort the pick's quality figure is of, as a clause for the explanation.

    ``writes_effort``: the pick's call sets the effort its figures were measured at
    (generator/params.py effort_param); false, it sets none, or, with ``fast``, a low one that
    its figures stand in for (the caller says which).
    """
    basis, effort = pick.quality_effort_basis, pick.quality_effort
    offset = pick.quality_default_offset
    sets_it = writes_effort and bool(effort)
    if basis == "headline" and sets_it:
        return (
            f", quality is the headline figure, partly measured at reasoning_effort {effort!r}, "
            "which the call sets"
        )
    if basis == "headline":
        # int_models__quality: a default no source measured takes the widening as its offset
        if offset is None or offset == -30:
            return (
                ", quality is the headline figure less 30 points (partly measured at an effort "
                "the call does not run at, and no source measured both that effort and the lab's "
                "default)"
            )
        shown = fmt_offset(offset)
        against = "the same figure" if float(shown) == 0 else f"{shown} points"
        return (
            ", quality is the headline figure (partly measured at an effort the call does not "
            "run at, so its interval reaches 30 points lower; the lab's default effort, measured "
            f"too, scores {against})"
        )
    if basis == "effort" and sets_it:
        return f", quality measured at reasoning_effort {effort!r}, which the call sets"
    if basis == "effort" and effort and offset is not None:
        how = (
            "estimated: no source measured both that effort and the default"
            if offset == -30
            else "measured"
        )
        against = (
            f"the same figure as at reasoning_effort {effort!r}"
            if float(fmt_offset(offset)) == 0
            else f"{fmt_offset(offset)} points against reasoning_effort {effort!r}"
        )
        runs = "" if fast else ", which this call runs at"
        return f", quality counted at the lab's default effort{runs} ({against}, {how})"
    if basis == "default":
        return ", quality measured with no effort named, taken as the lab's default"
    return ""
