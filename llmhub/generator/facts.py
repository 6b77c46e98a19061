"""How one candidate's figures are said in an explanation: its price, its latency and the
configuration that latency is of, its quality and the effort that figure is of. The figures
are rounded by figures.py; reasons.py says why one candidate lost to another with them."""

from __future__ import annotations

from llmhub.generator.figures import (
    SECONDS_BUDGET_DIGITS,
    SECONDS_DIGITS,
    fmt_offset,
    fmt_pair,
    fmt_price,
    fmt_quality,
    fmt_seconds,
    price_digits_for,
)
from llmhub.generator.params import call_effort
from llmhub.generator.query import CandidateRow, RoleQuery
from llmhub.generator.weights import TIE_POINTS

__all__ = [
    "effort_note",
    "failed_said",
    "fmt_latency",
    "fmt_latency_vs_budget",
    "has_price",
    "latency_how",
    "latency_unit",
    "per_unit",
    "price_digits",
    "price_label",
    "price_phrase",
    "quality_phrase",
    "speed_said",
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
    return f"{label} {per_unit(row)}" if has_price(row) else label


def has_price(row: CandidateRow) -> bool:
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


def failed_said(row: CandidateRow, query: RoleQuery) -> list[str]:
    """The filters ``row`` fails, each with the value the role wants where it has one."""
    out = []
    for f in row.failed_filters:
        wanted = getattr(query, f, None)
        if f == "max_latency_seconds" and wanted is not None:
            out.append(
                f"{f} (role wants at most {wanted:g} s {latency_unit(query)}; this listing "
                f"{fmt_latency_vs_budget(row)}, {latency_how(row, query)})"
            )
        elif f == "status" and row.deprecation_date is not None:
            out.append(
                f"status (deprecated; litellm's cost map gives {row.deprecation_date} as the "
                "date its host retires it)"
            )
        elif f == "open_weights":
            # false and unknown alike: no listing of the lab says the weights are open
            out.append(f"{f} (not listed as open weights)")
        elif wanted is None or isinstance(wanted, bool):
            out.append(f)
        elif isinstance(wanted, tuple | list):
            out.append(f"{f} (role wants {', '.join(map(str, wanted))})")
        else:  # a number (`in (None, True)` took a 1.0 cap for True)
            out.append(f"{f} (role wants {wanted})")
    return out


def speed_said(row: CandidateRow, query: RoleQuery) -> str:
    """``0.7 s to first token (measured at ...)``: the row's latency as the role times it, and
    the configuration it is of; ``speed unknown ...`` for a kind no source times."""
    if query.task == "none" or row.mode != "chat":
        # the sources time chat models only (a role of another kind, or a listing of another
        # kind removed from a chat role: an estimate would be a chat model's)
        return "speed unknown (no measurement for this kind)"
    if row.latency_seconds is None:
        return "speed unknown"
    return f"{fmt_latency(row)} {latency_unit(query)} ({latency_how(row, query)})"
