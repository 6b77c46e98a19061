"""How an explanation rounds each kind of figure: one rule per kind, in one place.

``--explain``, ``--json``, ``llmhub explain --vs`` and the reason written into ``llmhub.yaml``
all print their figures through these functions, so a figure reads the same in each:

- a price: 2 decimals per 1M tokens blended and per audio minute, 3 per image and per 1M tokens
  in (fractions of a cent matter there), 4 under a cent; half up on the decimal the catalog
  holds (``fmt_price``);
- seconds: 1 decimal, 2 under 10 s beside a latency budget (``fmt_seconds``);
- quality: whole arena-equivalent points (``fmt_quality``); an offset between two figures of
  one model, 1 decimal (``fmt_offset``: the estimated widening is exactly 30 points, a measured
  one is not);
- a score or signal (0..1): 3 decimals (``fmt_score``; ``score_value`` is the same figure as a
  number, for ``--json``);
- a ratio of two prices: 1 decimal, the ratio of the prices as printed beside it, which take
  more digits where the rounded ones would give another ratio (``fmt_price_ratio``).

Two figures set side by side take more digits where they differ but would print the same
(``fmt_pair``): a difference never rounds away.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TypeVar

__all__ = [
    "PRICE_DIGITS",
    "QUALITY_DIGITS",
    "RATIO_DIGITS",
    "SCORE_DIGITS",
    "SECONDS_DIGITS",
    "fmt_offset",
    "fmt_pair",
    "fmt_price",
    "fmt_price_ratio",
    "fmt_quality",
    "fmt_score",
    "fmt_seconds",
    "price_digits_for",
    "score_value",
]

_T = TypeVar("_T")

# Digits per kind of figure (see the module docstring).
PRICE_DIGITS = 2
PRICE_DIGITS_FINE = 3  # per image, per 1M tokens in
PRICE_DIGITS_SUB_CENT = 4
SECONDS_DIGITS = 1
SECONDS_BUDGET_DIGITS = 2  # under 10 s, beside a latency budget: 1.05 s is not "1.0 s"
QUALITY_DIGITS = 0
OFFSET_DIGITS = 1
SCORE_DIGITS = 3
RATIO_DIGITS = 1
# how many more digits fmt_pair and fmt_price_ratio may add before they give up
_MORE_DIGITS = 5


def fmt_price(value: float | None, digits: int = PRICE_DIGITS) -> str:
    """``$0.15`` (more digits for sub-cent prices); ``unpriced`` when unknown."""
    if value is None:
        return "unpriced"
    if value and abs(value) < 0.01:
        digits = max(digits, PRICE_DIGITS_SUB_CENT)
    # half up on the decimal the catalog holds: $0.175 is "$0.18" (the float 0.175 sits just
    # under it, and a 3.0x note read "$0.53 vs $0.17")
    return f"${_price_decimal(value, digits):,.{digits}f}"


def _price_decimal(value: float, digits: int) -> Decimal:
    """``value`` as ``fmt_price`` prints it with ``digits`` (before a sub-cent widening)."""
    return Decimal(repr(value)).quantize(_quantum(digits), rounding=ROUND_HALF_UP)


@cache
def _quantum(digits: int) -> Decimal:
    """``Decimal("0.01")`` for 2 digits: made once per number of digits, not once per price."""
    return Decimal(1).scaleb(-digits)


def price_digits_for(unit: str) -> int:
    """Digits a price in ``unit`` is printed with: fractions of a cent matter per image ($0.034,
    not $0.03) and per 1M tokens in of an embedding model ($0.065 and $0.06 are not both
    $0.07)."""
    return PRICE_DIGITS_FINE if unit in ("image", "1M input") else PRICE_DIGITS


def fmt_seconds(value: float | None, digits: int = SECONDS_DIGITS) -> str:
    """``13.1 s``; ``unknown`` when there is no figure."""
    return "unknown" if value is None else f"{value:.{digits}f} s"


def fmt_quality(value: float | None, digits: int = QUALITY_DIGITS) -> str:
    """``1,509`` (arena-equivalent points); ``unknown`` when there is no figure."""
    return "unknown" if value is None else f"{value:,.{digits}f}"


def fmt_offset(value: float) -> str:
    """``-73.2``: points between two figures of one model, signed."""
    return f"{value:+.{OFFSET_DIGITS}f}"


def fmt_score(value: float, digits: int = SCORE_DIGITS) -> str:
    """``0.842``: a score or one of its signals."""
    return f"{value:.{digits}f}"


def score_value(value: float | None) -> float | None:
    """A score or signal as ``fmt_score`` prints it, as a number (``--json``)."""
    return None if value is None else float(fmt_score(value))


def fmt_pair(fmt: Callable[[_T, int], str], a: _T, b: _T, start: int) -> tuple[str, str]:
    """Format two values with enough digits that different values never print the same."""
    for digits in range(start, start + _MORE_DIGITS):
        x, y = fmt(a, digits), fmt(b, digits)
        if x != y or a == b:
            return x, y
    return fmt(a, start + _MORE_DIGITS), fmt(b, start + _MORE_DIGITS)


def fmt_price_ratio(a: float, b: float, digits: int = PRICE_DIGITS) -> tuple[str, str, str]:
    """``a`` and ``b`` (prices, ``b`` > 0) as printed, and ``a / b`` to RATIO_DIGITS, computed
    from the printed prices: a reviewer who divides them gets the ratio printed. The prices
    take more digits where the rounded ones would give another ratio than the catalog's prices
    ($0.45 vs $0.175 is 2.6x; "$0.45 vs $0.18" divides to 2.5x, so it reads $0.450 vs
    $0.175)."""
    exact = f"{a / b:.{RATIO_DIGITS}f}"
    shown = (*fmt_pair(fmt_price, a, b, digits), exact)
    for more in range(_MORE_DIGITS + 1):
        x, y = fmt_pair(fmt_price, a, b, digits + more)
        px, py = _printed(x), _printed(y)
        if not py:
            break
        shown = (x, y, f"{px / py:.{RATIO_DIGITS}f}")
        if shown[2] == exact:
            break
    return shown


def _printed(price: str) -> Decimal:
    """``$1,234.50`` as the decimal it reads."""
    return Decimal(price.lstrip("$").replace(",", ""))
