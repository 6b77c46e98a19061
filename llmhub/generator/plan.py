"""Turn a spec role (plus the needs read from its description) into selection parameters."""

from __future__ import annotations

from dataclasses import dataclass, field

from llmhub.catalog.reader import CatalogInfo
from llmhub.generator.needs import RoleNeeds
from llmhub.generator.query import RoleQuery
from llmhub.generator.weights import (
    ASPECTS,
    FALLBACK_QUALITY_DISTANCE,
    FALLBACK_QUALITY_DISTANCE_LOW,
    HIGH_QUALITY_BAND,
    KIND_MODES,
    LONG_OUTPUT_TOKENS,
    RELAXABLE,
    weight,
)
from llmhub.spec.models import Level, PreferencesSpec, RoleKind, RoleSpec, SpecConfig
from llmhub.spec.providers import allowed_providers

__all__ = ["RolePlan", "plan_role"]

_TEXT_KINDS = (RoleKind.chat, RoleKind.tool, RoleKind.other)
# Efforts that make a reasoning model answer about as fast as a plain one.
_FAST_EFFORTS = ("none", "minimal", "low")
# what generate writes for a fast role that requires reasoning (fast_thinking_effort)
FAST_THINKING_EFFORT = "low"
_TASKS = ("coding", "reasoning", "creative")  # ties between task levels go in this order


def writes_effort(
    levels: dict[str, Level | None],
    mode_params: dict[str, object],
    *,
    requires_reasoning: bool = False,
    latency_budget: bool = False,
) -> bool:
    """Whether the generator may write the model's measured ``reasoning_effort`` for a role.

    Never when the role sets an effort itself, or wants speed (``latency: low``): its measured
    effort is a high one, seconds of thinking (a fast role that requires reasoning gets
    ``fast_thinking_effort`` instead). Then for a role that requires a reasoning model
    (the call must think: GPT-5.6 Luna's default does not), a latency budget or not: the
    budget keeps the models fast enough at that effort. Then never for a role with a budget,
    and for a quality-first role (quality, reasoning, coding or creative at high) that does not
    want a low price: thinking longer is worth its tokens and seconds there, and nowhere else,
    so every other role calls the model at its lab's default effort and is ranked on that
    effort's figures (models.quality_default_offset).
    """
    if "reasoning_effort" in mode_params or levels.get("latency") is Level.low:
        return False
    if requires_reasoning:
        return True
    if latency_budget:
        return False
    if levels.get("cost") is Level.low:
        return False
    return wants_the_best(levels)


def fast_thinking_effort(
    levels: dict[str, Level | None], mode_params: dict[str, object], *, requires_reasoning: bool
) -> str | None:
    """The ``reasoning_effort`` generate writes for a role that requires reasoning and wants
    speed (``latency: low``), where the role sets none: ``"low"``, written for the models whose
    litellm route takes an effort (generator/params.py effort_param). The call must think (a lab's default may not: GPT-5.6's is
    'non-reasoning'), and briefly. It is ranked on the figures of the lab's default effort (an
    unmeasured reasoning model on a thinking one's estimate), as a role that wants speed is:
    the catalog keeps no figures at 'low'.
    """
    if not requires_reasoning or "reasoning_effort" in mode_params:
        return None
    return FAST_THINKING_EFFORT if levels.get("latency") is Level.low else None


def wants_the_best(levels: dict[str, Level | None]) -> bool:
    """Quality or a task at high: "high wants the best" (weights.py HIGH_QUALITY_BAND)."""
    return any(levels.get(a) is Level.high for a in ("quality", *_TASKS))


@dataclass(frozen=True)
class RolePlan:
    """The query for a role and how its parameters came about (for explanations).

    ``hard`` are filters the spec wrote under ``requires:`` and did not opt in to relax;
    ``soft`` are needs read from the description, and the default policies (status, priced).
    """

    query: RoleQuery
    levels: dict[str, Level | None]
    inferred: tuple[str, ...]
    provider_names: tuple[str, ...] | None
    task: str = "overall"
    soft: frozenset[str] = frozenset()
    opted_in: frozenset[str] = frozenset()
    # where each level that is set came from: "spec" (the role's own preferences), "spec
    # defaults" (defaults.preferences) or "description" (read from the role's description)
    level_origins: dict[str, str] = field(default_factory=dict)
    # the filters whose values were read from the description, the spec leaving them unset
    read_filters: frozenset[str] = frozenset()

    @property
    def written_effort(self) -> str | None:
        """The reasoning_effort generate writes whatever the model's measured effort
        (fast_thinking_effort); None: with_effort's measured effort, where the plan writes it."""
        return self.query.written_effort

    def relaxable(self) -> tuple[str, ...]:
        """The filters that may be dropped for this role, in RELAXABLE order."""
        return tuple(f for f in RELAXABLE if f in self.soft or f in self.opted_in)


def _level(role: PreferencesSpec, defaults: PreferencesSpec | None, aspect: str) -> Level | None:
    value: Level | None = getattr(role, aspect)
    if value is None and defaults is not None:
        value = getattr(defaults, aspect)
    return value


def _task(role: RoleSpec, levels: dict[str, Level | None], tools: bool, images: bool) -> str:
    """The quality column the role is judged on (docs/picking.md, "Quality per task")."""
    if role.kind in (RoleKind.image, RoleKind.audio, RoleKind.embedding):
        return "none"  # no leaderboard in the catalog: quality is unknown for every candidate
    if images:
        return "vision"
    rank: dict[Level | None, int] = {Level.high: 3, Level.medium: 2, Level.low: 1}
    best = max(_TASKS, key=lambda t: (rank.get(levels[t], 0), -_TASKS.index(t)))
    if levels[best] is not None:
        return best
    return "agentic" if tools else "overall"


def _modalities(
    role: RoleSpec, needs: RoleNeeds, inp: list[str] | None, out: list[str] | None
) -> tuple[list[str] | None, list[str] | None]:
    """Add what the kind implies: chat is text in and out, transcription text out, speech
    text in, image generation image out."""

    def add(current: list[str] | None, item: str) -> list[str]:
        return sorted({*(current or []), item})

    if role.kind in _TEXT_KINDS and role.kind is not RoleKind.other:
        return add(inp, "text"), add(out, "text")
    if role.kind is RoleKind.image:
        return inp, add(out, "image")
    if role.kind is RoleKind.audio:
        audio_in = "audio" in (inp or []) or (inp is None and needs.audio == "transcription")
        audio_out = "audio" in (out or []) or (out is None and needs.audio == "speech")
        if audio_in:
            return add(inp, "audio"), add(out, "text")
        if audio_out:
            return add(inp, "text"), add(out, "audio")
    return inp, out


def _levels_read(needs: RoleNeeds, levels: dict[str, Level | None]) -> list[str]:
    """Set the levels a text role's description implies where the spec leaves them unset: its
    task at medium, latency low for replies wanted within about a second. Returns what it set."""
    read = []
    if needs.task != "general" and levels[needs.task] is None:
        levels[needs.task] = Level.medium
        read.append(f"{needs.task}: medium")
    # a stated second or less is fast, whichever reader stated it
    stated = needs.latency_seconds is not None and needs.latency_seconds <= 1.0
    if (needs.fast or stated) and levels["latency"] is None:
        levels["latency"] = Level.low
        read.append("latency: low")
    read.extend(_cost_read(needs, levels))
    return read


def _cost_read(needs: RoleNeeds, levels: dict[str, Level | None]) -> list[str]:
    """``cost: low`` for a role its description calls cheap, where the spec leaves cost unset
    (of any kind: "banner images; cheap." too). Returns what it set."""
    if needs.cheap and levels["cost"] is None:
        levels["cost"] = Level.low
        return ["cost: low"]
    return []


def _long_output(role: RoleSpec) -> bool:
    """A role timed to the end of its answer: output_min or max_tokens of LONG_OUTPUT_TOKENS."""
    max_tokens = role.mode_params.get("max_tokens")
    return (role.requires.output_min or 0) >= LONG_OUTPUT_TOKENS or (
        isinstance(max_tokens, int) and max_tokens >= LONG_OUTPUT_TOKENS
    )


def _requirements_read(
    role: RoleSpec,
    needs: RoleNeeds,
    levels: dict[str, Level | None],
    soft: set[str],
    inferred: list[str],
    *,
    long_output: bool,
) -> tuple[bool, list[str] | None, int | None, float | None]:
    """Tools, input modalities, context and latency budget: the spec's, and for a text role
    what its description implies where the spec leaves them unset (added to ``soft`` where
    relaxable, each named in ``inferred``). ``long_output``: ``_long_output(role)``."""
    req = role.requires
    tools = bool(req.tools) or role.kind is RoleKind.tool
    input_modalities = req.input_modalities
    context_min = req.context_min
    max_latency = req.max_latency_seconds
    if role.kind not in _TEXT_KINDS:
        return tools, input_modalities, context_min, max_latency
    if needs.tools and req.tools is None and not tools:
        tools = True
        soft.add("tools")
        inferred.append("requires.tools: true")
    if needs.vision and input_modalities is None:
        input_modalities = ["text", "image"]
        inferred.append("requires.input_modalities: [text, image]")
    if needs.context_min and context_min is None:
        context_min = needs.context_min
        soft.add("context_min")
        inferred.append(f"requires.context_min: {needs.context_min}")
    # a stated reply time is a budget, unless the spec says speed is no concern; it is a time
    # to the first token, which a long-output role is not timed on (to the end of its answer)
    wants_speed = levels["latency"] is not Level.high and not long_output
    if needs.latency_seconds is not None and max_latency is None and wants_speed:
        max_latency = needs.latency_seconds
        soft.add("max_latency_seconds")
        inferred.append(f"requires.max_latency_seconds: {needs.latency_seconds:g}")
    return tools, input_modalities, context_min, max_latency


def plan_role(
    spec: SpecConfig, name: str, role: RoleSpec, needs: RoleNeeds, catalog: CatalogInfo
) -> RolePlan:
    """The selection parameters for one role (explicit spec values win over inferred needs)."""
    defaults = spec.defaults.preferences if spec.defaults else None
    levels = {a: _level(role.preferences, defaults, a) for a in ASPECTS}
    origins = {
        a: "spec" if getattr(role.preferences, a) is not None else "spec defaults"
        for a in ASPECTS
        if levels[a] is not None
    }
    req = role.requires
    inferred: list[str] = []
    soft: set[str] = {"status", "priced"}
    inferred.extend(
        _levels_read(needs, levels) if role.kind in _TEXT_KINDS else _cost_read(needs, levels)
    )
    origins.update(
        {a: "description" for a in ASPECTS if levels[a] is not None and a not in origins}
    )
    long_output = _long_output(role)
    tools, input_modalities, context_min, max_latency = _requirements_read(
        role, needs, levels, soft, inferred, long_output=long_output
    )
    no_audio_io = req.input_modalities is None and req.output_modalities is None
    # the requirements the description set: "requires.context_min: 100000", ...
    read = {
        i.split(":")[0].removeprefix("requires.") for i in inferred if i.startswith("requires.")
    }
    if role.kind is RoleKind.audio and needs.audio != "none" and no_audio_io:
        inferred.append(needs.audio)
        # which way the audio goes, and so the modalities of both sides
        read |= {"input_modalities", "output_modalities"}
    input_modalities, output_modalities = _modalities(
        role, needs, input_modalities, req.output_modalities
    )
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
    task = _task(role, levels, tools, "image" in (input_modalities or []))
    w_quality = max(weight(a, levels[a]) for a in ("quality", *_TASKS))
    w_latency = weight("latency", levels["latency"])
    if task == "none":
        # no quality figure and no speed measurement for these kinds (the sources time chat
        # models): price decides, and a latency level is reported as not weighed
        w_quality = w_latency = 0.0
    w_cost = weight("cost", levels["cost"])
    if task == "none" and wants_the_best(levels) and levels["cost"] is not Level.low:
        # no figure says which model is best: the full, current model is, whatever its price
        # (a banner role with quality: high, cost: medium got Imagen 3 Fast of 2024 on price)
        w_cost = 0.0
    relax = (
        role.relax if role.relax is not None else (spec.defaults.relax if spec.defaults else None)
    )
    opted_in = frozenset(RELAXABLE) if relax is True else frozenset(relax or ())
    allow_free = (
        role.allow_free_tiers
        if role.allow_free_tiers is not None
        else bool(spec.defaults and spec.defaults.allow_free_tiers)
    )
    written = fast_thinking_effort(levels, role.mode_params, requires_reasoning=bool(req.reasoning))
    effort = str(role.mode_params.get("reasoning_effort", "")).lower()
    query = RoleQuery(
        role=name,
        modes=KIND_MODES[role.kind],
        providers=spellings,
        exclude_providers=excluded,
        exclude_models=tuple(sorted(m.lower() for m in req.exclude_models))
        if req.exclude_models
        else None,
        input_modalities=tuple(input_modalities) if input_modalities else None,
        output_modalities=tuple(output_modalities) if output_modalities else None,
        allow_free_tiers=allow_free,
        tools=tools,
        reasoning=bool(req.reasoning),
        structured_output=bool(req.structured_output),
        open_weights=bool(req.open_weights),
        context_min=context_min,
        output_min=req.output_min,
        max_price_input=req.max_price_input,
        max_price_output=req.max_price_output,
        max_price_blended=req.max_price_blended,
        max_latency_seconds=max_latency,
        task=task,
        fast_effort=effort in _FAST_EFFORTS,
        spec_effort=effort if "reasoning_effort" in role.mode_params else None,
        written_effort=written,
        writes_effort=writes_effort(
            levels,
            role.mode_params,
            requires_reasoning=bool(req.reasoning),
            latency_budget=max_latency is not None,
        ),
        long_output=long_output,
        w_quality=w_quality,
        w_cost=w_cost,
        w_latency=w_latency,
        # Pareto on (quality, price) only where those two are all that matter: a model
        # dominated on them may still be the fast one a latency-minded role wants.
        pareto=w_quality > 0 and w_cost > 0 and w_latency == 0,
        # the candidates near the best figure come first
        quality_band=HIGH_QUALITY_BAND if wants_the_best(levels) else None,
        fallback_distance=FALLBACK_QUALITY_DISTANCE
        if any(levels[a] in (Level.high, Level.medium) for a in ("quality", *_TASKS))
        else FALLBACK_QUALITY_DISTANCE_LOW,
    )
    return RolePlan(
        query,
        levels,
        tuple(inferred),
        names,
        task,
        frozenset(soft),
        frozenset(opted_in),
        origins,
        frozenset(read),
    )
