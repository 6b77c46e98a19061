"""Why one candidate lost to another, said in the user's units: dollars per 1M tokens (per audio
minute for a transcription model), seconds, arena-equivalent points. Never a bare 0..1 signal
whose direction the reader must guess."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from llmhub.generator.facts import (
    failed_said,
    has_price,
    latency_how,
    latency_unit,
    per_unit,
    price_digits,
    price_phrase,
    speed_said,
)
from llmhub.generator.figures import (
    PRICE_DIGITS,
    SCORE_DIGITS,
    SECONDS_DIGITS,
    fmt_pair,
    fmt_price,
    fmt_quality,
    fmt_score,
    fmt_seconds,
)
from llmhub.generator.query import CandidateRow, RoleQuery
from llmhub.generator.weights import (
    HIGH_QUALITY_BAND,
    INFERRED_PENALTY,
    PREVIEW_PENALTY,
    PRIOR_HALFWIDTH,
    RESELLER_PENALTY,
)

__all__ = ["deciding_factor", "dominator", "inferred_penalized"]


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
    if not has_price(pick) or not has_price(other):
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

    unweighed = query.w_quality == 0 and query.w_cost == 0
    tied = "tied on score"
    if unweighed:
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
        return f"{tied}; {_cheaper(pick, other)}"
    if unweighed:
        # the release was compared above, before the price
        return (
            f"{tied}; the same release and price ({price_phrase(pick)}): broken by the place in "
            "its line, then canonical id"
        )
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
        # with the role's values, and the runner-up's latency as a kept one's is said (a budget
        # it fails says it already)
        failed = "fails " + ", ".join(failed_said(other, query))
        if "max_latency_seconds" in other.failed_filters and query.max_latency_seconds is not None:
            return failed
        return f"{failed}; its latency: {speed_said(other, query)}"
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


# The price each relaxable cap is about, and how the explanation names the cap and the unit.
_CAPPED = {
    "max_price_blended": ("price_blended_per_million", "price cap", "per 1M blended"),
    "max_price_input": ("price_input_per_million", "input price cap", "per 1M input"),
    "max_price_output": ("price_output_per_million", "output price cap", "per 1M output"),
}


def _nearer_the_cap(pick: CandidateRow, other: CandidateRow, query: RoleQuery) -> str:
    """After a price cap was relaxed the candidates nearest it come first, before any score
    (sql/selection/select_models.sql.j2, the sort key's near_cap), by the price that cap is
    about: "" when that did not decide."""
    cap = query.near_price
    if cap is None:
        return ""
    column, name, unit = _CAPPED[query.near_price_of or "max_price_blended"]
    mine_price: float | None = getattr(pick, column)
    their_price: float | None = getattr(other, column)

    def distance(price: float | None) -> float:
        return abs((price if price is not None else math.inf) - cap)

    if abs(distance(mine_price) - distance(their_price)) < 1e-12:
        return ""
    mine, theirs = fmt_pair(fmt_price, mine_price, their_price, PRICE_DIGITS)
    return (
        f"nearer the relaxed {name} of {fmt_price(cap)}: {mine} vs {theirs} {unit} "
        f"(after a cap is relaxed, the nearest come first, whatever the score); "
        f"{_score_pair(pick, other)}"
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
