"""Turn a spec role (plus the needs read from its description) into selection parameters."""

from __future__ import annotations

from dataclasses import dataclass

from llmhub.generator.catalog import CatalogInfo
from llmhub.generator.needs import RoleNeeds
from llmhub.generator.query import RoleQuery
from llmhub.generator.weights import DEFAULT_LEVELS, KIND_MODES, UNKNOWN_QUALITY, weight
from llmhub.spec.models import Level, PreferencesSpec, RoleKind, RoleSpec, SpecConfig

__all__ = ["RolePlan", "plan_role"]

_TEXT_KINDS = (RoleKind.chat, RoleKind.tool, RoleKind.other)


@dataclass(frozen=True)
class RolePlan:
    """The query for a role and how its parameters came about (for explanations)."""

    query: RoleQuery
    levels: dict[str, Level | None]
    inferred: tuple[str, ...]
    provider_names: tuple[str, ...] | None


def _level(role: PreferencesSpec, defaults: PreferencesSpec | None, aspect: str) -> Level | None:
    value = getattr(role, aspect)
    if value is None and defaults is not None:
        value = getattr(defaults, aspect)
    return value if value is not None else DEFAULT_LEVELS[aspect]


def allowed_providers(spec: SpecConfig, role: RoleSpec) -> tuple[str, ...] | None:
    """The provider names a role may use, as written in the spec; None means any."""
    if role.force_provider:
        return (role.force_provider,)
    if role.preferences.providers is not None:
        names = list(role.preferences.providers)
    elif spec.defaults and spec.defaults.providers is not None:
        names = list(spec.defaults.providers)
    elif spec.providers:
        names = list(spec.providers)
    else:
        return None
    if spec.providers:
        # Only enabled providers are candidates; an undeclared one counts as enabled (warned).
        names = [n for n in names if spec.providers.get(n) is None or spec.providers[n].enabled]
    return tuple(names)


def plan_role(
    spec: SpecConfig, name: str, role: RoleSpec, needs: RoleNeeds, catalog: CatalogInfo
) -> RolePlan:
    """The selection parameters for one role (explicit spec values win over inferred needs)."""
    defaults = spec.defaults.preferences if spec.defaults else None
    levels = {a: _level(role.preferences, defaults, a) for a in DEFAULT_LEVELS}
    req = role.requires
    inferred: list[str] = []
    tools = bool(req.tools) or role.kind is RoleKind.tool
    input_modalities = req.input_modalities
    context_min = req.context_min
    if role.kind in _TEXT_KINDS:
        if needs.task != "general" and levels[needs.task] is None:
            levels[needs.task] = Level.medium
            inferred.append(f"{needs.task}: medium")
        if needs.tools and req.tools is None and not tools:
            tools = True
            inferred.append("requires.tools: true")
        if needs.vision and input_modalities is None:
            input_modalities = ["text", "image"]
            inferred.append("requires.input_modalities: [text, image]")
        if needs.context_min and context_min is None:
            context_min = needs.context_min
            inferred.append(f"requires.context_min: {needs.context_min}")
    names = allowed_providers(spec, role)
    spellings = None
    if names is not None:
        resolved: set[str] = set()
        for provider in names:
            resolved |= catalog.resolve(provider) or {provider.lower()}
        spellings = tuple(sorted(resolved))
    excluded = None
    if req.exclude_providers:
        gone: set[str] = set()
        for provider in req.exclude_providers:
            gone |= catalog.resolve(provider) or {provider.lower()}
        excluded = tuple(sorted(gone))
    w_quality = max(
        weight(levels["quality"]),
        weight(levels["reasoning"]),
        weight(levels["creative"]),
        weight(levels["coding"]),
    )
    w_cost = weight(levels["cost"])
    if role.kind in (RoleKind.embedding, RoleKind.image, RoleKind.audio):
        # The arena ranks text answers only: these kinds are scored on cost and latency.
        w_quality = 0.0
    quality_level = levels["quality"] or Level.medium
    query = RoleQuery(
        role=name,
        modes=KIND_MODES[role.kind],
        providers=spellings,
        exclude_providers=excluded,
        exclude_models=tuple(sorted(m.lower() for m in req.exclude_models))
        if req.exclude_models
        else None,
        input_modalities=tuple(input_modalities) if input_modalities else None,
        output_modalities=tuple(req.output_modalities) if req.output_modalities else None,
        tools=tools,
        reasoning=bool(req.reasoning),
        structured_output=bool(req.structured_output),
        open_weights=bool(req.open_weights),
        context_min=context_min,
        output_min=req.output_min,
        max_price_input=req.max_price_input,
        max_price_output=req.max_price_output,
        max_price_blended=req.max_price_blended,
        t_full=1.0,
        t_reasoning=weight(levels["reasoning"]),
        t_creative=weight(levels["creative"]),
        t_coding=weight(levels["coding"]),
        w_quality=w_quality,
        w_cost=w_cost,
        w_latency=weight(levels["latency"]),
        unknown_quality=UNKNOWN_QUALITY[quality_level],
        pareto=w_quality > 0 and w_cost > 0,
    )
    return RolePlan(query, levels, tuple(inferred), names)
