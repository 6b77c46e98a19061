"""The documented knobs of selection, in one place: levels -> weights, filters, relaxation.

docs/picking.md shows these tables; change them here and there together.
"""

from __future__ import annotations

from llmhub.spec.models import RELAXABLE_REQUIREMENTS, Level, RoleKind

__all__ = [
    "ASPECTS",
    "FALLBACK_MAX_LATENCY_RATIO",
    "FALLBACK_MAX_PRICE_RATIO",
    "FALLBACK_QUALITY_DISTANCE",
    "FALLBACK_QUALITY_DISTANCE_LOW",
    "FAST_PATTERN",
    "FILTERS",
    "FIRST_PARTY_HOSTS",
    "HIGH_QUALITY_BAND",
    "HOST_ORDER",
    "INFERRED_PENALTY",
    "KIND_MODES",
    "LATENCY_PROXY",
    "LATENCY_PROXY_MIN_MEASURED",
    "LATENCY_WORST_SECONDS",
    "LEVEL_WEIGHTS",
    "LONG_OUTPUT_TOKENS",
    "PREVIEW_PATTERN",
    "PREVIEW_PENALTY",
    "PRIOR_HALFWIDTH",
    "PRIOR_QUANTILE",
    "QUALITY_SPAN",
    "REASONING_ROOM_TOKENS",
    "RELAXABLE",
    "RESELLER_PENALTY",
    "RETIRING_SOON_DAYS",
    "SIZE_WORD",
    "SLOW_PATTERN",
    "TIE_BREAKS",
    "TIE_POINTS",
    "weight",
]

# THE table. A level says what the role wants of an aspect (the seed's semantics), and the
# weight is how strongly the score pulls that way:
#   quality, reasoning, creative, coding: high = wants the best, low = accepts less;
#   cost: low = wants cheap, medium = balanced, high = price is not a concern;
#   latency: low = wants fast, high = accepts slow.
# An unset level (None) is "not a concern" (weight 0), except quality: answers always count a
# little, so an unset quality weighs like `low`.
LEVEL_WEIGHTS: dict[str, dict[Level | None, float]] = {
    "quality": {Level.high: 3.0, Level.medium: 1.5, Level.low: 0.5, None: 0.5},
    "reasoning": {Level.high: 3.0, Level.medium: 1.5, Level.low: 0.5, None: 0.0},
    "creative": {Level.high: 3.0, Level.medium: 1.5, Level.low: 0.5, None: 0.0},
    "coding": {Level.high: 3.0, Level.medium: 1.5, Level.low: 0.5, None: 0.0},
    "cost": {Level.low: 3.0, Level.medium: 1.5, Level.high: 0.0, None: 0.0},
    "latency": {Level.low: 3.0, Level.medium: 1.0, Level.high: 0.0, None: 0.0},
}
ASPECTS: tuple[str, ...] = tuple(LEVEL_WEIGHTS)

# Unknown quality: the prior is this quantile of the known figures for the task, with an
# interval of +- PRIOR_HALFWIDTH points (arena-equivalent Elo): it neither wins by accident
# (it never joins a tie band) nor vanishes (it is not scored as 0).
PRIOR_QUANTILE = 0.10
PRIOR_HALFWIDTH = 150.0

# The quality signal spans the top QUALITY_SPAN points of the task's scale (0 below it).
QUALITY_SPAN = 300.0

# Quality ties: a candidate whose interval reaches the best candidate's and whose figure is
# within TIE_POINTS of it counts as tied with it on quality (the cheaper or faster one wins).
TIE_POINTS = 10.0

# A fallback stays within this many points of the primary's task quality (when both known)...
FALLBACK_QUALITY_DISTANCE = 60.0
# ...or this many for a role that asks for no quality above low (quality and its task low or
# unset): it accepts less, and a model 86 points down at a third of the price is a fallback
# there (a JSON extractor on GPT-5.6 Luna kept every fallback on OpenAI within 60 points,
# though Claude Haiku and Gemini Flash Lite were enabled and passed).
FALLBACK_QUALITY_DISTANCE_LOW = 120.0
# A role that wants cheap (cost: low) takes fallbacks at most this many times the pick's price
# first, dearer ones only when none of those is within the quality distance: a cheap role's
# outage should not run up nine times its bill.
FALLBACK_MAX_PRICE_RATIO = 3.0
# A role that wants fast (latency: low) takes fallbacks at most this many times the pick's
# latency first: a sub-second role should not fail over to a model that thinks for seconds.
FALLBACK_MAX_LATENCY_RATIO = 2.0

# "high wants the best": a role with quality (or its task) at high ranks the candidates within
# HIGH_QUALITY_BAND points of the best known task quality first, and the rest only after them;
# inside the band the weighted score decides (cost and speed pick among the best). Without it a
# cheap model 70 points down could out-score every flagship on price alone.
HIGH_QUALITY_BAND = 60.0

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
    "priced",
    "tools",
    "reasoning",
    "structured_output",
    "open_weights",
    "context_min",
    "output_min",
    "max_price_input",
    "max_price_output",
    "max_price_blended",
    "max_latency_seconds",
)

# Filters that may be relaxed, in order of preference when two relaxations are equally small.
# A `requires:` value written in the spec is relaxed only with the `relax:` opt-in; needs read
# from a description, `status` and `priced` are soft. The rest are never relaxed.
RELAXABLE: tuple[str, ...] = (*RELAXABLE_REQUIREMENTS, "priced", "status")

# Host order among the listings of one model (data/seeds/hosts.csv classes the providers).
HOST_ORDER: tuple[str, ...] = (
    "providers the spec names (only those are candidates when it names any)",
    "the lab's own API (host_class lab), its global endpoint before a regional one",
    "a major cloud: bedrock, vertex, azure (host_class cloud)",
    "any other host",
    "free tiers, trials, plans and local listings (host_class free; only with allow_free_tiers)",
)

# The host classes of a first-party listing: the lab's own API and the major clouds.
FIRST_PARTY_HOSTS: tuple[str, ...] = ("lab", "cloud")

# Order of candidates with equal standing; the last key makes the order total.
TIE_BREAKS: tuple[str, ...] = (
    "fewest failed requirements",
    "nearest a relaxed price cap",
    "not Pareto-dominated on (task quality, price)",
    "higher score",
    "higher overall quality (the model's overall figure, whatever the role's task)",
    "for a role that weighs neither quality nor price (an image, audio or embedding role whose"
    " price is no concern, or that asks for the best at a cost level above low): the full model"
    " before a sized-down variant of it (mini, lite, turbo, fast ...), then one its host does"
    " not retire within a year, then the newer release date",
    "lower price (blended per 1M tokens; per 1M tokens in for an embedding model, per audio"
    " minute for a transcription model, per image for an image generation model)",
    "newer release date",
    "higher place in its own line (models.line_rank: orders undated siblings)",
    "canonical id (alphabetical)",
)

# The latency estimate for models the catalog has no speed measurement for. Size words are
# whole words of the lower-cased model id ("gemini" is not "mini"); price is never used.
FAST_PATTERN = (
    r"(^|[^a-z0-9])(mini|nano|micro|flash|lite|haiku|small|tiny|instant|turbo|[1-9](\.[0-9])?b)"
    r"($|[^a-z0-9])"
)
SLOW_PATTERN = r"(^|[^a-z0-9])(opus|ultra|large|pro|max|[1-9][0-9]{2}b)($|[^a-z0-9])"
# A sized-down variant, for a role that weighs neither quality nor price (TIE_BREAKS): a listing
# whose id, with its last size word taken out (groups 1 and 3 kept), names another listing of
# its host (whisper-large-v3-turbo, gemini-3.1-flash-lite-image; not gemini-3.1-flash-image, a
# product with no larger sibling).
SIZE_WORD = r"^(.*)[-_.](mini|nano|micro|flash|lite|haiku|small|tiny|instant|turbo|fast)([-_.].*)?$"
# A listing its host retires within this many days ranks after the others in that tie-break
# (GPT-4o Transcribe, retiring 2027-02-26; not Gemini Embedding 001, retiring 2028-05-14).
RETIRING_SOON_DAYS = 365


# The latency estimate of an unmeasured listing is the median measured figure (time to first
# token, output tokens per second, as called at the lab's default) of the measured models of
# its size class and kind, reasoning or not, where at least LATENCY_PROXY_MIN_MEASURED models
# are measured; a reasoning model is never estimated faster than a plain one of its class, and
# one whose role sets reasoning_effort to minimal/low/none is estimated as a plain one.
LATENCY_PROXY_MIN_MEASURED = 5
# Where too few are measured: seconds to first token by size class, extra seconds of thinking
# for a reasoning model, and output tokens per second.
LATENCY_PROXY: dict[str, float] = {
    "fast_ttft": 0.4,
    "mid_ttft": 0.8,
    "slow_ttft": 1.5,
    "reasoning_ttft": 4.0,
    "fast_tps": 150.0,
    "mid_tps": 80.0,
    "slow_tps": 50.0,
}
# A role whose call gets a reasoning effort from the generator is warned when its max_tokens
# leaves less room than this: thinking tokens count against it (OpenAI's reasoning guide
# reserves 25,000 tokens for reasoning and output when starting out).
REASONING_ROOM_TOKENS = 25_000
# A role with output_min or max_tokens at least this large is timed to the end of its output.
LONG_OUTPUT_TOKENS = 2000
# Latency signal: log scale, 1 = instant, 0 = this many seconds or slower.
LATENCY_WORST_SECONDS = 60.0

# Preview, experimental and beta listings lose this much score (0..1 scale).
PREVIEW_PATTERN = r"(^|[^a-z0-9])(preview|exp|experimental|beta|alpha)($|[^a-z0-9])"
PREVIEW_PENALTY = 0.05
# A model whose quality is inferred from its line's predecessor (no source measured it) loses
# this much, and its copied figure Pareto-dominates no measured model: a newer model that copies
# a measured figure wins over it only by being cheaper or faster by more than the penalty, never
# on a tie (GPT-6 Luna, copying GPT-5.6 Luna's figure, for a role that wants the best).
INFERRED_PENALTY = 0.05
# A model no lab API or major cloud offers at a known price (only aggregators and re-sellers;
# a free or unpriced first-party listing does not count), or whose every such listing fails the
# role's filters (when the role names no providers), loses this much: no first-party terms,
# support or deprecation notice, and a capability (PDF input, say) only a re-seller's listing
# claims. It Pareto-dominates only models like it.
RESELLER_PENALTY = 0.1


def weight(aspect: str, level: Level | None) -> float:
    """The weight of ``aspect`` at ``level`` in the score (see ``LEVEL_WEIGHTS``)."""
    return LEVEL_WEIGHTS[aspect][level]
