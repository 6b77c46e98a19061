"""The documented knobs of selection, in one place: levels -> weights, filters, relaxation.

The README's "Spec reference" shows these tables; change them here and there together.
"""

from __future__ import annotations

from llmhub.spec.models import Level, RoleKind

__all__ = [
    "DEFAULT_LEVELS",
    "FAST_PATTERN",
    "FILTERS",
    "KIND_MODES",
    "LEVEL_WEIGHTS",
    "NEVER_RELAXED",
    "RELAXATION_ORDER",
    "SLOW_PATTERN",
    "TIE_BREAKS",
    "UNKNOWN_QUALITY",
    "weight",
]

# THE table: how much an aspect counts in the score, by level. Unset aspects take DEFAULT_LEVELS.
LEVEL_WEIGHTS: dict[Level | None, float] = {
    None: 0.0,
    Level.low: 0.5,
    Level.medium: 1.0,
    Level.high: 2.0,
}

# quality, cost and latency always count; reasoning/creative/coding only when asked for.
DEFAULT_LEVELS: dict[str, Level | None] = {
    "quality": Level.medium,
    "cost": Level.medium,
    "latency": Level.low,
    "reasoning": None,
    "creative": None,
    "coding": None,
}

# The quality imputed for a model without an arena score: the bottom of the scale (it ranks
# below any known model of similar price) unless quality is `low`, where it counts as average.
UNKNOWN_QUALITY: dict[Level, float] = {Level.low: 0.5, Level.medium: 0.0, Level.high: 0.0}

# Catalog modes that fit each kind: an embedding role only ever gets an embedding model.
KIND_MODES: dict[RoleKind, tuple[str, ...]] = {
    RoleKind.chat: ("chat",),
    RoleKind.tool: ("chat",),
    RoleKind.embedding: ("embedding",),
    RoleKind.image: ("image",),
    RoleKind.audio: ("audio",),
    RoleKind.other: ("other", "chat", "rerank", "moderation", "video"),
}

# Filters in the order they are applied and reported (`--explain` shows candidates left after
# each). Names match the `pass_<name>` columns of sql/selection/select_models.sql.j2.
FILTERS: tuple[str, ...] = (
    "kind",
    "providers",
    "exclude_providers",
    "exclude_models",
    "input_modalities",
    "output_modalities",
    "status",
    "tools",
    "reasoning",
    "structured_output",
    "open_weights",
    "context_min",
    "output_min",
    "max_price_input",
    "max_price_output",
    "max_price_blended",
)

# When nothing passes, drop these one at a time, in this order, until something does; each
# drop is recorded in the explanation and as a warning. The rest are never relaxed.
RELAXATION_ORDER: tuple[str, ...] = (
    "status",
    "context_min",
    "output_min",
    "max_price_blended",
    "max_price_output",
    "max_price_input",
    "open_weights",
    "structured_output",
    "reasoning",
    "tools",
)
NEVER_RELAXED: tuple[str, ...] = tuple(f for f in FILTERS if f not in RELAXATION_ORDER)

# Order of candidates with equal standing; the last key makes the order total.
TIE_BREAKS: tuple[str, ...] = (
    "fewest failed requirements",
    "not Pareto-dominated on (quality, blended price)",
    "higher score",
    "lower blended price",
    "newer release date",
    "canonical id (alphabetical)",
)

# Size class for the latency proxy, matched against the lower-cased model id.
FAST_PATTERN = r"(mini|nano|flash|lite|haiku|small|tiny|instant|turbo|[^0-9][1-9]b\b)"
SLOW_PATTERN = r"(opus|ultra|large|405b|pro\b|-pro)"


def weight(level: Level | None) -> float:
    """The weight of ``level`` in the score (see ``LEVEL_WEIGHTS``)."""
    return LEVEL_WEIGHTS[level]
