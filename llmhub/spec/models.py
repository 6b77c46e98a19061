"""The spec file, ``llmhub.spec.yaml``: what each role (job in your code) needs from a model.

These pydantic models are the single source of truth for the format: the loader validates
against them, ``llmhub spec schema`` prints their JSON Schema, and the README documents them.
Every model forbids unknown keys, so a typo is an error with a did-you-mean, not a silent no-op.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    Field,
    StrictBool,
    StrictInt,
    field_validator,
)

from llmhub.modes import CallMode
from llmhub.spec.params import check_mode_params
from llmhub.strict import Number, StrictModel, check_env_name
from llmhub.text import shorten

__all__ = [
    "MODALITIES",
    "RELAXABLE_REQUIREMENTS",
    "InterpreterSpec",
    "Level",
    "PreferencesSpec",
    "RequirementsSpec",
    "RoleKind",
    "RoleSpec",
    "SpecConfig",
    "SpecDefaults",
    "SpecProviderConfig",
]

# The `requires:` keys that `relax:` may name (llmhub.generator.weights.RELAXABLE).
RELAXABLE_REQUIREMENTS = (
    "max_latency_seconds",
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

# Modalities models.dev uses for input_modalities / output_modalities.
MODALITIES = ("text", "image", "audio", "video", "pdf")

# Matched with ``fullmatch`` (``$`` alone would accept a trailing newline).
_ROLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}")
_PROVIDER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


class Level(str, Enum):
    """What a role wants of an aspect: quality high = the best, cost low = cheap, latency low =
    fast (docs/picking.md has the weights)."""

    low = "low"
    medium = "medium"
    high = "high"


# The spec's name for the call-mode enum the runtime file calls LLMMode (one class).
RoleKind = CallMode


_Price = Annotated[Number, Field(ge=0)]
_Seconds = Annotated[Number, Field(gt=0, le=3600)]


def _check_api_base(value: str | None) -> str | None:
    from pydantic_core import PydanticCustomError

    from llmhub.redact import HIDDEN_INPUT, redact_text

    if value is not None and redact_text(value) != value:
        shown = redact_text(value)
        shown = shorten(shown, 80)
        raise PydanticCustomError(
            HIDDEN_INPUT,
            "the URL carries a credential (user:password@, a key, or a parameter such as "
            "?api_key=): {shown}; put it in the environment variable named by `env_key`",
            {"shown": repr(shown)},
        )
    return value


def _check_provider_name(value: str) -> str:
    if not _PROVIDER_NAME.fullmatch(value):
        raise ValueError(
            f"not a provider name: {value!r} (letters, digits, '_', '.', '-'; e.g. openai)"
        )
    return value


class SpecProviderConfig(StrictModel):
    """A provider you can use, and the variable holding its API key."""

    enabled: StrictBool = Field(default=True, description="Only enabled providers are candidates.")
    env_key: str | None = Field(
        default=None,
        description="Environment variable holding the API key (default: the catalog's).",
    )
    api_base: str | None = Field(
        default=None, description="Endpoint to call instead of the provider's default."
    )

    @field_validator("api_base")
    @classmethod
    def _api_base(cls, value: str | None) -> str | None:
        return _check_api_base(value)

    @field_validator("env_key")
    @classmethod
    def _env_name(cls, value: str | None) -> str | None:
        return check_env_name(value)


class PreferencesSpec(StrictModel):
    """What the role wants of each aspect (low | medium | high); unset means "not a concern"
    (quality always counts a little); `defaults.preferences` fills unset aspects."""

    quality: Level | None = Field(
        default=None,
        description="Answer quality: high = wants the best, medium = good, low = accepts less.",
    )
    cost: Level | None = Field(
        default=None,
        description="Price: low = wants cheap, medium = balanced, high = price is not a concern.",
    )
    latency: Level | None = Field(
        default=None,
        description="Speed: low = wants fast, medium = balanced, high = accepts slow.",
    )
    reasoning: Level | None = Field(
        default=None,
        description="Math / hard-prompt quality: high = wants the best, low = accepts less.",
    )
    creative: Level | None = Field(
        default=None,
        description="Creative-writing quality: high = wants the best, low = accepts less.",
    )
    coding: Level | None = Field(
        default=None, description="Coding quality: high = wants the best, low = accepts less."
    )
    providers: list[str] | None = Field(
        default=None,
        min_length=1,
        description="Only these providers, for this role (models.dev or litellm).",
    )

    @field_validator("providers")
    @classmethod
    def _providers(cls, value: list[str] | None) -> list[str] | None:
        return [_check_provider_name(v) for v in value] if value is not None else None


class RequirementsSpec(StrictModel):
    """Hard requirements: a model that fails one is never picked. When no model meets them all,
    `generate` stops with exit 1 naming the blocking one, unless `relax:` opts in."""

    tools: StrictBool | None = Field(default=None, description="Must support tool calls.")
    reasoning: StrictBool | None = Field(default=None, description="Must be a reasoning model.")
    structured_output: StrictBool | None = Field(
        default=None, description="Must support JSON schema."
    )
    input_modalities: list[str] | None = Field(
        default=None, description="Must accept all of these, e.g. [image]."
    )
    output_modalities: list[str] | None = Field(
        default=None, description="Must produce all of these."
    )
    context_min: StrictInt | None = Field(default=None, ge=1, description="Context window, tokens.")
    output_min: StrictInt | None = Field(default=None, ge=1, description="Max output, tokens.")
    max_price_input: _Price | None = Field(default=None, ge=0, description="USD per 1M tokens.")
    max_price_output: _Price | None = Field(default=None, ge=0, description="USD per 1M tokens.")
    max_price_blended: _Price | None = Field(
        default=None, ge=0, description="USD per 1M tokens, 3:1 input:output."
    )
    open_weights: StrictBool | None = Field(default=None, description="Must have open weights.")
    max_latency_seconds: _Seconds | None = Field(
        default=None,
        description="Seconds to the first token (to the end of the output for a long-output "
        "role), measured where the catalog has a measurement, else estimated. Text roles only.",
    )
    exclude_models: list[str] | None = Field(
        default=None, description="Model ids or canonical ids (provider/model) never to pick."
    )
    exclude_providers: list[str] | None = Field(
        default=None, description="Providers never to pick."
    )

    @field_validator("input_modalities", "output_modalities")
    @classmethod
    def _modalities(cls, value: list[str] | None) -> list[str] | None:
        for item in value or []:
            if item not in MODALITIES:
                raise ValueError(f"unknown modality {item!r}; use one of {', '.join(MODALITIES)}")
        return value

    @field_validator("exclude_providers")
    @classmethod
    def _excluded(cls, value: list[str] | None) -> list[str] | None:
        return [_check_provider_name(v) for v in value] if value is not None else None


class RoleSpec(StrictModel):
    """One role: what it does, what matters, what it must have."""

    kind: RoleKind = Field(
        default=RoleKind.chat, description="chat|embedding|image|audio|tool|other"
    )
    description: str = Field(default="", description="Free text; read for needs (see README).")
    preferences: PreferencesSpec = Field(default_factory=PreferencesSpec)
    requires: RequirementsSpec = Field(default_factory=RequirementsSpec)
    force_provider: str | None = Field(default=None, description="Pin the provider.")
    force_model: str | None = Field(default=None, description="Pin the model (catalog model id).")
    mode_params: dict[str, Any] = Field(
        default_factory=dict, description="Call parameters, e.g. {temperature: 0.2}."
    )
    fallbacks: StrictInt = Field(default=2, ge=0, le=10, description="How many fallback models.")
    timeout: _Seconds | None = Field(
        default=None,
        description="Seconds one call may take (default by kind: chat 60, embedding 30, "
        "image and audio 120).",
    )
    total_timeout: _Seconds | None = Field(
        default=None,
        description="Seconds for the primary and every fallback together (default: 3 x timeout).",
    )
    relax: StrictBool | list[str] | None = Field(
        default=None,
        description="Requirements that may be relaxed when no model meets them all: true for "
        "any, or a list such as [context_min, max_price_blended]. Unset: never (hard means hard).",
    )
    allow_free_tiers: StrictBool | None = Field(
        default=None,
        description="Allow free tiers, trials, plans and unpriced listings (default: false).",
    )

    @field_validator("relax", mode="before")
    @classmethod
    def _relax(cls, value: Any) -> Any:
        return _check_relax(value)

    @field_validator("mode_params")
    @classmethod
    def _no_credentials(cls, value: dict[str, Any]) -> dict[str, Any]:
        # mode_params are copied into llmhub.yaml, which is meant to be committed.
        return check_mode_params(value)

    @field_validator("force_provider")
    @classmethod
    def _forced(cls, value: str | None) -> str | None:
        return _check_provider_name(value) if value is not None else None


def _check_relax(value: Any) -> Any:
    # Before the union is tried: each of its members refused `relax: 3` on its own, so one
    # mistake gave two errors ("valid boolean", "valid list") on one line.
    if value is None or isinstance(value, bool):
        return value
    if not isinstance(value, list):
        raise ValueError(
            f"must be true, false or a list of requirements, not {type(value).__name__}; "
            "e.g. relax: [context_min, max_price_blended]"
        )
    for item in value:
        if item not in RELAXABLE_REQUIREMENTS:
            raise ValueError(
                f"cannot relax {item!r}; use true or some of: " + ", ".join(RELAXABLE_REQUIREMENTS)
            )
    return value


class SpecDefaults(StrictModel):
    """Settings for every role that does not say otherwise."""

    relax: StrictBool | list[str] | None = Field(
        default=None, description="`relax` for roles that do not set their own."
    )
    allow_free_tiers: StrictBool | None = Field(
        default=None, description="`allow_free_tiers` for roles that do not set their own."
    )

    @field_validator("relax", mode="before")
    @classmethod
    def _relax(cls, value: Any) -> Any:
        return _check_relax(value)

    providers: list[str] | None = Field(
        default=None,
        min_length=1,
        description="Providers every role may use unless it lists its own.",
    )
    preferences: PreferencesSpec | None = Field(
        default=None, description="Preferences for roles that leave an aspect unset."
    )

    @field_validator("providers")
    @classmethod
    def _providers(cls, value: list[str] | None) -> list[str] | None:
        return [_check_provider_name(v) for v in value] if value is not None else None


class InterpreterSpec(StrictModel):
    """The model that reads role descriptions into structured needs (optional)."""

    model: str = Field(description="litellm model string, e.g. openai/gpt-4o-mini.")
    api_base: str | None = Field(default=None, description="Endpoint override.")
    env_key: str | None = Field(default=None, description="Variable holding its API key.")

    @field_validator("api_base")
    @classmethod
    def _api_base(cls, value: str | None) -> str | None:
        return _check_api_base(value)

    @field_validator("env_key")
    @classmethod
    def _env_name(cls, value: str | None) -> str | None:
        return check_env_name(value)


class SpecConfig(StrictModel):
    """The whole spec file."""

    project: str = Field(default="llmhub", min_length=1)
    env: str = Field(default="dev", min_length=1)
    providers: dict[str, SpecProviderConfig] = Field(default_factory=dict)
    roles: dict[str, RoleSpec] = Field(default_factory=dict)
    defaults: SpecDefaults | None = None
    interpreter: InterpreterSpec | None = None

    @field_validator("providers")
    @classmethod
    def _provider_names(cls, value: dict[str, SpecProviderConfig]) -> dict[str, Any]:
        for name in value:
            _check_provider_name(str(name))
        return value

    @field_validator("providers", mode="before")
    @classmethod
    def _empty_settings(cls, value: Any) -> Any:
        # `openai:` with nothing under it means "enabled, catalog's env var".
        if isinstance(value, dict):
            return {k: ({} if v is None else v) for k, v in value.items()}
        return value

    @field_validator("roles")
    @classmethod
    def _role_names(cls, value: dict[str, RoleSpec]) -> dict[str, RoleSpec]:
        for name in value:
            if not _ROLE_NAME.fullmatch(str(name)):
                raise ValueError(
                    f"not a role name: {shorten(str(name))!r} (letters, digits, '_', '.', ':', '/', '-')"
                )
        return value
