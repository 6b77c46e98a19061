"""``CanonicalModel`` (one row of the ``models`` view) and ``Catalog`` (a build's models)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

__all__ = ["CanonicalModel", "Catalog"]


class CanonicalModel(BaseModel):
    """One provider × model of the catalog, with the columns of the ``models`` view.

    Prices are USD per million tokens; tiers run 1 (best or cheapest) to 5, None when unknown.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    canonical_id: str
    provider: str
    model_id: str
    litellm_provider: str | None = None
    litellm_model: str | None = None
    litellm_model_reason: str | None = None
    family: str | None = None
    display_name: str | None = None
    mode: str | None = None
    supports_reasoning: bool | None = None
    supports_tool_call: bool | None = None
    supports_structured_output: bool | None = None
    supports_temperature: bool | None = None
    supports_attachment: bool | None = None
    input_modalities: list[str] = []
    output_modalities: list[str] = []
    context_tokens: int | None = None
    max_output_tokens: int | None = None
    price_input_per_million: float | None = None
    price_output_per_million: float | None = None
    price_cache_read_per_million: float | None = None
    price_cache_write_per_million: float | None = None
    price_reasoning_per_million: float | None = None
    price_blended_per_million: float | None = None
    cost_tier: int | None = None
    quality_tier: int | None = None
    reasoning_tier: int | None = None
    creative_tier: int | None = None
    coding_tier: int | None = None
    arena_score: float | None = None
    arena_ci_low: float | None = None
    arena_ci_high: float | None = None
    arena_name: str | None = None
    quality_source: str | None = None
    knowledge_cutoff: date | str | None = None
    release_date: date | None = None
    last_updated: date | None = None
    open_weights: bool | None = None
    status: str | None = None
    is_deprecated: bool | None = None
    env_key: str | None = None
    tags: list[str] = []
    # Calibrated quality in arena-equivalent Elo points with 95% intervals (docs/data-sources.md)
    model_key: str | None = None
    quality_overall: float | None = None
    quality_overall_low: float | None = None
    quality_overall_high: float | None = None
    quality_coding: float | None = None
    quality_coding_low: float | None = None
    quality_coding_high: float | None = None
    quality_reasoning: float | None = None
    quality_reasoning_low: float | None = None
    quality_reasoning_high: float | None = None
    quality_creative: float | None = None
    quality_creative_low: float | None = None
    quality_creative_high: float | None = None
    quality_agentic: float | None = None
    quality_agentic_low: float | None = None
    quality_agentic_high: float | None = None
    quality_vision: float | None = None
    quality_vision_low: float | None = None
    quality_vision_high: float | None = None
    quality_instruction_following: float | None = None
    quality_instruction_following_low: float | None = None
    quality_instruction_following_high: float | None = None
    quality_sources: list[str] = []
    quality_inferred_from: str | None = None
    quality_variant: str | None = None
    quality_effort: str | None = None
    # 'effort' (figures at quality_effort), 'default' (the lab's default effort) or 'headline'
    # (an effort the call does not run at; the default never measured)
    quality_effort_basis: str | None = None
    # the points the figures lose when the call sets no effort (the lab's default)
    quality_default_offset: float | None = None
    # Measured on the lab's own API by Artificial Analysis; None on other hosts. The plain
    # figures are the model called with no effort (the lab's default, named by speed_variant),
    # the effort_ ones at quality_effort.
    ttft_seconds: float | None = None
    output_tokens_per_second: float | None = None
    speed_source: str | None = None
    speed_variant: str | None = None
    effort_ttft_seconds: float | None = None
    effort_output_tokens_per_second: float | None = None


class Catalog(BaseModel):
    """The models of one catalog build; ``catalog_version`` is its build id."""

    model_config = ConfigDict(frozen=True)

    catalog_version: str
    built_at: datetime | None
    models: list[CanonicalModel]

    def __len__(self) -> int:
        return len(self.models)

    def get(self, canonical_id: str) -> CanonicalModel | None:
        """The model with this ``canonical_id`` (``provider/model_id``), or None."""
        for model in self.models:
            if model.canonical_id == canonical_id:
                return model
        return None
