"""Run the selection query (``sql/selection/select_models.sql.j2``) for many roles at once.

Every value from the spec travels in one bound JSON parameter; the template only decides the
query's shape (the filters and how many rows per role come back).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from llmhub.generator.features import (
    KEY_COLUMNS,
    SELECTION_MARTS,
    CatalogFeatures,
    catalog_features,
)
from llmhub.generator.weights import (
    FALLBACK_QUALITY_DISTANCE,
    FAST_PATTERN,
    FILTERS,
    INFERRED_PENALTY,
    LATENCY_PROXY,
    LATENCY_PROXY_MIN_MEASURED,
    LATENCY_WORST_SECONDS,
    LONG_OUTPUT_TOKENS,
    PREVIEW_PATTERN,
    PREVIEW_PENALTY,
    PRIOR_QUANTILE,
    QUALITY_SPAN,
    RESELLER_PENALTY,
    RETIRING_SOON_DAYS,
    SIZE_WORD,
    SLOW_PATTERN,
    TIE_POINTS,
)

if TYPE_CHECKING:
    from datetime import date

    import duckdb

__all__ = [
    "KEY_COLUMNS",
    "SELECTION_MARTS",
    "CandidateRow",
    "CatalogFeatures",
    "RoleQuery",
    "RoleRows",
    "catalog_features",
    "run_selection",
]

# litellm providers whose completion() takes `reasoning_effort` for reasoning models (the
# selection query measures latency at the effort the generator writes for them).
EFFORT_PROVIDERS = ("openai", "azure", "anthropic", "gemini", "vertex_ai", "bedrock", "xai")

# from_json's shape for the $roles parameter; keys match RoleQuery's fields.
_SHAPE: dict[str, Any] = {
    "role": "VARCHAR",
    "modes": ["VARCHAR"],
    "providers": ["VARCHAR"],
    "exclude_providers": ["VARCHAR"],
    "exclude_models": ["VARCHAR"],
    "input_modalities": ["VARCHAR"],
    "output_modalities": ["VARCHAR"],
    "allow_deprecated": "BOOLEAN",
    "allow_free_tiers": "BOOLEAN",
    "free_is_priced": "BOOLEAN",
    "tools": "BOOLEAN",
    "reasoning": "BOOLEAN",
    "structured_output": "BOOLEAN",
    "open_weights": "BOOLEAN",
    "context_min": "BIGINT",
    "output_min": "BIGINT",
    "max_price_input": "DOUBLE",
    "max_price_output": "DOUBLE",
    "max_price_blended": "DOUBLE",
    "max_latency_seconds": "DOUBLE",
    "task": "VARCHAR",
    "fast_effort": "BOOLEAN",
    "writes_effort": "BOOLEAN",
    "long_output": "BOOLEAN",
    "near_price": "DOUBLE",
    "near_price_of": "VARCHAR",
    "w_quality": "DOUBLE",
    "w_cost": "DOUBLE",
    "w_latency": "DOUBLE",
    "pareto": "BOOLEAN",
    "quality_band": "DOUBLE",
    "fallback_distance": "DOUBLE",
}


@dataclass(frozen=True)
class RoleQuery:
    """One role's parameters for the selection query (lists lower-cased)."""

    role: str
    modes: tuple[str, ...]
    providers: tuple[str, ...] | None = None
    exclude_providers: tuple[str, ...] | None = None
    exclude_models: tuple[str, ...] | None = None
    input_modalities: tuple[str, ...] | None = None
    output_modalities: tuple[str, ...] | None = None
    allow_deprecated: bool = False
    allow_free_tiers: bool = False
    # a free listing's $0 is its price (the spec opted in to free tiers); false once `priced` is
    # relaxed for want of a priced candidate: then free and unpriced are alike unknown
    free_is_priced: bool = True
    tools: bool = False
    reasoning: bool = False
    structured_output: bool = False
    open_weights: bool = False
    context_min: int | None = None
    output_min: int | None = None
    max_price_input: float | None = None
    max_price_output: float | None = None
    max_price_blended: float | None = None
    max_latency_seconds: float | None = None
    task: str = "overall"
    fast_effort: bool = False
    # the generator may write reasoning_effort (the spec sets none and the role is not latency:
    # low): the latency of a reasoning model is then measured at its quality_effort
    writes_effort: bool = False
    long_output: bool = False
    near_price: float | None = None
    # the relaxed cap near_price is: max_price_blended, max_price_input or max_price_output,
    # so that the distance is of the price that cap is about
    near_price_of: str | None = None
    w_quality: float = 1.5
    w_cost: float = 1.5
    w_latency: float = 0.0
    pareto: bool = True
    # HIGH_QUALITY_BAND for a role that wants the best (weights.py), else None
    quality_band: float | None = None
    # how far under the pick's task quality a fallback may be (weights.py)
    fallback_distance: float = FALLBACK_QUALITY_DISTANCE
    # Not read by the query (not in _SHAPE): the reasoning_effort every call of the role sets,
    # the spec's own (mode_params, lower-cased) or the one generate writes whatever the model's
    # measured effort (generator/plan.py fast_thinking_effort), so that the explanation can say
    # which effort a figure is of against the one the call runs at (generator/params.py
    # call_effort).
    spec_effort: str | None = None
    written_effort: str | None = None

    def relaxed(self, name: str) -> RoleQuery:
        """A copy without the filter ``name`` (one of RELAXABLE)."""
        if name == "status":
            return replace(self, allow_deprecated=True)
        if name == "priced":
            return replace(self, allow_free_tiers=True, free_is_priced=self.allow_free_tiers)
        # The field is named at run time (from RELAXABLE): replace() checks it, mypy cannot.
        flags = ("tools", "reasoning", "structured_output", "open_weights")
        unset: dict[str, Any] = {name: False if name in flags else None}
        return replace(self, **unset)

    def active(self, name: str) -> bool:
        """Whether the filter ``name`` constrains anything for this role."""
        if name == "status":
            return not self.allow_deprecated
        if name == "priced":
            return not self.allow_free_tiers
        if name == "kind":
            return True
        value = getattr(self, name)
        # `is`, not `in`: a price cap of 0 equals False, and is a real constraint.
        return value is not None and value is not False


@dataclass(frozen=True)
class CandidateRow:
    """One ranked candidate for a role, as the query returned it."""

    rank: int
    canonical_id: str
    provider: str
    model_id: str
    litellm_provider: str
    litellm_model: str
    mode: str
    supports_temperature: bool | None
    max_output_tokens: int | None
    context_tokens: int | None
    price_input_per_million: float | None
    price_output_per_million: float | None
    price_blended_per_million: float | None
    # the price the role ranks on, in price_unit: per 1M tokens blended ('1M blended'), per 1M
    # tokens in for an embedding model ('1M input'), per minute of audio in for a transcription
    # model ('audio minute'), or per image made for an image generation model ('image')
    unit_price: float | None
    price_unit: str
    env_key: str | None
    quality_source: str | None
    task_quality: float | None
    quality_part: float
    cost_part: float
    latency_part: float
    score: float
    is_dominated: bool
    model_group: str = ""
    host_class: str = "other"
    is_free_listing: bool = False
    supports_reasoning: bool = False
    task_quality_low: float | None = None
    task_quality_high: float | None = None
    quality_basis: str | None = None
    # the figure the quality signal counts: the best candidate's (tie_best) where this one is
    # tied with it on quality (within TIE_POINTS, and its interval reaching that one's low),
    # else task_quality
    quality_counted: float | None = None
    # the role's best candidate on quality: its figure, its interval's low and its litellm id
    tie_best: float | None = None
    tie_best_low: float | None = None
    tie_best_model: str | None = None
    quality_prior: float | None = None
    latency_seconds: float | None = None
    latency_measured: bool = False
    # an unmeasured model timed by its predecessor's measured speed: the predecessor's key
    # (its quality_inferred_from)
    latency_from: str | None = None
    # the configuration the measured latency is of (models.speed_variant or quality_effort), and
    # why that one: 'default' (the lab's), 'headline' (its default not on record) or 'effort'
    latency_variant: str | None = None
    latency_basis: str | None = None
    is_preview: bool = False
    is_reseller_only: bool = False
    quality_variant: str | None = None
    # the reasoning_effort the quality figures were measured at, which the generator writes
    # (models.quality_effort), and the effort they are of: 'effort', 'default' or 'headline'
    quality_effort: str | None = None
    quality_effort_basis: str | None = None
    # points the figures lose at the lab's default effort (a role that sets no effort)
    quality_default_offset: float | None = None
    is_alt_host: bool = False
    # the measured model of its line whose figures an unmeasured model carries
    # (models.quality_inferred_from; quality_source 'inferred_lineage')
    quality_inferred_from: str | None = None
    release_date: date | None = None
    # an undated listing's lower bound: the newest dated older version of its line on its
    # provider, which the release tie-breaks use in its place
    release_floor: date | None = None
    # the cost map's retirement date for the listing (models.deprecation_date), passed or to come
    deprecation_date: date | None = None
    # a sized-down variant of another listing of its host (weights.py SIZE_WORD)
    is_sized_down: bool = False
    # its host retires it within weights.py RETIRING_SOON_DAYS of the build's day
    is_retiring_soon: bool = False
    # more than the role's quality_band under the best candidate: ranked after the band
    below_band: bool = False
    # the model's overall figure (whatever the role's task): the tie-break after the score
    overall_quality: float | None = None
    failed_filters: tuple[str, ...] = field(default=())

    @property
    def passes(self) -> bool:
        return not self.failed_filters

    @property
    def is_inferred(self) -> bool:
        """Its figures are a measured predecessor's (quality_inferred_from), not its own."""
        return self.quality_source == "inferred_lineage"

    # Cached (in the instance's __dict__, beside the frozen fields): selection and its reasons
    # ask for it tens of thousands of times on a big spec.
    @cached_property
    def model(self) -> str:
        """The model part of what litellm calls: ``f"{litellm_provider}/{model}"``."""
        prefix = f"{self.litellm_provider}/"
        m = self.litellm_model
        return m[len(prefix) :] if m.startswith(prefix) else m


@dataclass(frozen=True)
class RoleRows:
    """Everything the query says about one role: ranked rows and candidates left per filter."""

    role: str
    rows: tuple[CandidateRow, ...]
    callable_count: int
    counts: tuple[tuple[str, int], ...]
    masks: tuple[int, ...] = ()

    def passing(self) -> list[CandidateRow]:
        """The rows that pass every filter, in rank order."""
        return [r for r in self.rows if not r.failed_filters]  # r.passes, without the call

    def blocking(self) -> tuple[str, ...]:
        """Filters that no candidate of the right kind and provider passes on its own."""
        return tuple(
            f for i, f in enumerate(FILTERS) if self.masks and all(m >> i & 1 for m in self.masks)
        )


def _template(name: str) -> str:
    from llmhub.paths import resource

    text: str = resource("sql", *name.split("/")).read_text("utf-8")
    return text


@cache
def _sql(top_k: int, prefilter: bool = True, features: CatalogFeatures = CatalogFeatures()) -> str:
    import jinja2

    from llmhub.sqlquote import quote_literal

    # A loader, so that the template can include the mart files it falls back on.
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    return env.get_template("selection/select_models.sql.j2").render(
        filters=FILTERS,
        top_k=top_k,
        prefilter=prefilter,
        fast_pattern=FAST_PATTERN,
        size_word=SIZE_WORD,
        retiring_soon_days=RETIRING_SOON_DAYS,
        slow_pattern=SLOW_PATTERN,
        preview_pattern=PREVIEW_PATTERN,
        preview_penalty=PREVIEW_PENALTY,
        reseller_penalty=RESELLER_PENALTY,
        inferred_penalty=INFERRED_PENALTY,
        prior_quantile=PRIOR_QUANTILE,
        tie_points=TIE_POINTS,
        quality_span=QUALITY_SPAN,
        proxy=LATENCY_PROXY,
        proxy_min_measured=LATENCY_PROXY_MIN_MEASURED,
        long_output_tokens=LONG_OUTPUT_TOKENS,
        latency_worst=LATENCY_WORST_SECONDS,
        has_hosts=features.hosts,
        has_quality=features.quality,
        has_speed=features.speed,
        has_effort_speed=features.effort_speed,
        effort_providers="[" + ", ".join(quote_literal(p) for p in EFFORT_PROVIDERS) + "]",
        has_marts=features.marts,
        has_keys=features.keys,
        has_lines=features.lines,
        has_unit_prices=features.unit_prices,
        has_regions=features.regions,
        has_lineage_speed=features.lineage_speed,
        has_lineage_from=features.lineage_from,
        has_deprecation_dates=features.deprecation_dates,
        has_free_resellers=features.free_resellers,
        key_columns="[" + ", ".join(quote_literal(c) for c in KEY_COLUMNS) + "]",
    )


def _candidate(
    fields: Sequence[str], values: Sequence[Any], failed: tuple[str, ...]
) -> CandidateRow:
    """``CandidateRow(*values, failed_filters=failed)``, the same object, in half the time.

    A frozen dataclass's ``__init__`` sets each of its 42 fields through
    ``object.__setattr__``; this fills the instance's ``__dict__`` in field order at once,
    which is all that ``__init__`` does for this class (no ``__post_init__``, no field with a
    converter: ``tests/test_generator_selection.py`` checks both). A 1,000-role run builds
    some 9,000 rows.
    """
    row = object.__new__(CandidateRow)
    state = row.__dict__
    # not strict: the lengths are equal (both from `fields`); the check took 8% of the build
    state.update(zip(fields, values, strict=False))
    state["failed_filters"] = failed
    return row


def _params(query: RoleQuery) -> dict[str, Any]:
    # Not dataclasses.asdict: it deep-copies, and this runs once per role.
    data = {name: getattr(query, name) for name in _SHAPE}
    for key, value in data.items():
        if isinstance(value, tuple):
            data[key] = list(value)
    return data


def _drop_roles(con: duckdb.DuckDBPyConnection) -> None:
    import duckdb

    # A failed query (an interrupt) may leave the connection unable to run this: the table is
    # temporary, so it goes with the connection anyway.
    with contextlib.suppress(duckdb.Error):
        con.execute("drop table if exists temp.main.llmhub_selection_roles")


def run_selection(
    con: duckdb.DuckDBPyConnection,
    queries: Sequence[RoleQuery],
    top_k: int = 16,
    *,
    prefilter: bool = True,
) -> dict[str, RoleRows]:
    """Rank candidates for every role in ``queries`` with one query; keyed by role name.

    With ``prefilter`` (the default) models of the wrong kind or provider are dropped before
    ranking, which is what makes many roles fast; without it they are ranked too (marked as
    failing), which the error path uses to show the closest candidates.
    """
    if not queries:
        return {}
    payload = json.dumps([_params(q) for q in queries], sort_keys=True)
    features = catalog_features(con)
    con.execute(
        _template("selection/selection_roles.sql"),
        {"roles": payload, "roles_shape": json.dumps([_SHAPE])},
    )
    try:
        cursor = con.execute(_sql(top_k, prefilter, features))
        names = [d[0] for d in cursor.description]
        fetched = cursor.fetchall()
    finally:
        _drop_roles(con)
    index = {name: i for i, name in enumerate(names)}
    out: dict[str, list[CandidateRow]] = {}
    meta: dict[str, tuple[int, tuple[tuple[str, int], ...]]] = {}
    fields = [f for f in CandidateRow.__dataclass_fields__ if f != "failed_filters"]
    values = itemgetter(*[index[f] for f in fields])
    mask_at, role_at, counts_at = index["failed_mask"], index["role"], index["counts"]
    masks_at = index["masks"]
    masks: dict[str, tuple[int, ...]] = {}
    id_at = index["canonical_id"]
    decoded: dict[int, tuple[str, ...]] = {}
    for row in fetched:
        role = row[role_at]
        if row[counts_at] is not None:
            counts = row[counts_at]
            meta[role] = (counts[0], tuple(zip(FILTERS, counts[1:], strict=True)))
            masks[role] = tuple(row[masks_at] or ())
        if row[id_at] is None:
            continue  # a role without candidates: only its counts
        mask = row[mask_at]
        failed = decoded.get(mask)
        if failed is None:
            failed = tuple(f for i, f in enumerate(FILTERS) if mask >> i & 1)
            decoded[mask] = failed
        out.setdefault(role, []).append(_candidate(fields, values(row), failed))
    result = {}
    for query in queries:
        callable_count, counts = meta.get(query.role, (0, tuple((f, 0) for f in FILTERS)))
        result[query.role] = RoleRows(
            query.role,
            tuple(out.get(query.role, ())),
            callable_count,
            counts,
            masks.get(query.role, ()),
        )
    return result
