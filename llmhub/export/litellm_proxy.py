"""Export the runtime file's roles to a LiteLLM Proxy config (``litellm --config FILE``).

Each role becomes a model group named after the role. With the ``groups`` layout (the default),
each fallback becomes its own group, ``<role>.fallback-N``, listed under
``router_settings.fallbacks``; with the ``order`` layout every model of a role is a deployment of
the role's one group, tried by ``order: 1..n``. Keys are written as ``os.environ/<env_key>``,
never as values; prices go in ``model_info`` so the proxy's spend matches the catalog's.

The proxy's own ``--validate_config`` passes a fallback to a missing group, an unnamed key and an
unknown provider prefix (whose deployment it then drops without a word), so ``check_runtime``
rejects those before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from llmhub.errors import ConfigError, Problem
from llmhub.runtime.config import LLMMode, RuntimeConfig, load_runtime
from llmhub.runtime.plan import Plan, Target, build_plans
from llmhub.yamlio import YamlDocument, read_yaml

__all__ = [
    "LAYOUTS",
    "ProxyDeployment",
    "build_proxy_config",
    "check_runtime",
    "fallback_group",
    "load_checked_runtime",
]

LAYOUTS = ("groups", "order")

# The proxy's model_info.mode for each role mode; "other" says nothing, so the proxy guesses.
_PROXY_MODE = {
    LLMMode.chat.value: "chat",
    LLMMode.tool.value: "chat",
    LLMMode.embedding.value: "embedding",
    LLMMode.image.value: "image_generation",
    LLMMode.audio.value: "audio_transcription",
}


@dataclass(frozen=True)
class ProxyDeployment:
    """One ``model_list`` entry: the group it serves and the model behind it."""

    group: str
    target: Target


def fallback_group(role: str, n: int) -> str:
    """The group name of a role's ``n``-th fallback (1-based) in the ``groups`` layout."""
    return f"{role}.fallback-{n}"


def load_checked_runtime(path: str | Path) -> tuple[RuntimeConfig, dict[str, Plan]]:
    """Read the runtime file and check what the proxy would accept but mishandle.

    Raises:
        ConfigError: the file is invalid, or a model string does not resolve, a provider names
            no key variable, or a fallback points nowhere; each problem with its line.
    """
    runtime = load_runtime(path)
    doc = read_yaml(path, ConfigError)  # again, for the line of each problem
    plans = build_plans(runtime)
    problems = check_runtime(runtime, plans, doc)
    if problems:
        raise ConfigError(problems[0].message, path=str(path), problems=problems)
    return runtime, plans


def check_runtime(
    runtime: RuntimeConfig, plans: dict[str, Plan], doc: YamlDocument
) -> list[Problem]:
    """Every problem the proxy would not report: unresolvable models and unnamed keys."""
    problems: list[Problem] = []

    def problem(loc: tuple[str | int, ...], message: str, fix: str) -> None:
        line, column = doc.where(loc)
        field = ".".join(str(p) for p in loc)
        problems.append(Problem(message, doc.path, line, column, field, fix))

    for role, plan in plans.items():
        for i, target in enumerate(plan.targets):
            loc: tuple[str | int, ...] = (
                ("roles", role) if i == 0 else ("roles", role, "fallbacks", i - 1)
            )
            unknown = _unresolvable(target)
            if unknown:
                what = "model" if i == 0 else "fallback model"
                problem(
                    (*loc, "provider"),
                    f"{what} {target.litellm_model!r} is unknown to litellm ({unknown})",
                    "use a litellm provider prefix (openai, anthropic, gemini, ...) "
                    "and regenerate with `llmhub generate`",
                )
            if not target.env_key:
                problem(
                    ("providers", target.provider),
                    f"provider {target.provider!r} names no key variable; the proxy config "
                    "would carry no api_key for it",
                    f"add `env_key: <VARIABLE>` under providers.{target.provider}",
                )
    # One problem per provider is enough: the same provider may serve many roles.
    seen: set[str] = set()
    unique = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            unique.append(p)
    return unique


def _unresolvable(target: Target) -> str | None:
    """Why litellm cannot route ``target``'s model string, or None when it can."""
    # Imported here: litellm takes seconds to import, and only the export needs it.
    from llmhub.runtime import backend

    litellm = backend.load()
    try:
        litellm.get_llm_provider(target.litellm_model)
    except Exception as exc:  # litellm raises its BadRequestError for an unknown prefix
        return " ".join(str(exc).split())[:120] or type(exc).__name__
    return None


def _deployment(group: str, target: Target, mode: str, order: int | None) -> dict[str, Any]:
    params: dict[str, Any] = {"model": target.litellm_model}
    if target.api_base:
        params["api_base"] = target.api_base
    params["api_key"] = f"os.environ/{target.env_key}"
    if order is not None:
        params["order"] = order
    # The role's call parameters become the deployment's defaults; a request may override them.
    params.update(target.params)
    info: dict[str, Any] = {}
    if mode in _PROXY_MODE:
        info["mode"] = _PROXY_MODE[mode]
    if target.price_input_per_million is not None:
        info["input_cost_per_token"] = _per_token(target.price_input_per_million)
    if target.price_output_per_million is not None:
        info["output_cost_per_token"] = _per_token(target.price_output_per_million)
    entry: dict[str, Any] = {"model_name": group, "litellm_params": params}
    if info:
        entry["model_info"] = info
    return entry


def _per_token(per_million: float) -> float:
    # Decimal: 0.05 / 1e6 in floats prints as 5.0000000000000004e-08 in the file.
    return float(Decimal(str(per_million)) / 1_000_000)


def build_proxy_config(plans: dict[str, Plan], layout: str = "groups") -> dict[str, Any]:
    """The proxy config for ``plans`` (from ``build_plans``), as plain data ready for YAML."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    model_list: list[dict[str, Any]] = []
    fallbacks: list[dict[str, list[str]]] = []
    for role in sorted(plans):
        plan = plans[role]
        if layout == "order":
            for n, target in enumerate(plan.targets, 1):
                order = n if len(plan.targets) > 1 else None
                model_list.append(_deployment(role, target, plan.mode, order))
            continue
        model_list.append(_deployment(role, plan.targets[0], plan.mode, None))
        groups = []
        for n, target in enumerate(plan.targets[1:], 1):
            group = fallback_group(role, n)
            groups.append(group)
            model_list.append(_deployment(group, target, plan.mode, None))
        if groups:
            fallbacks.append({role: groups})
    _check_fallback_targets(model_list, fallbacks)
    router: dict[str, Any] = {"num_retries": 0}
    if fallbacks:
        router["fallbacks"] = fallbacks
    return {
        "model_list": model_list,
        # llmhub's rule: a failed model is not retried, the next one gets its turn.
        "litellm_settings": {"num_retries": 0, "drop_params": True},
        "router_settings": router,
    }


def _check_fallback_targets(
    model_list: list[dict[str, Any]], fallbacks: list[dict[str, list[str]]]
) -> None:
    # The proxy accepts a fallback to a group that does not exist and fails only at call time.
    groups = {m["model_name"] for m in model_list}
    for entry in fallbacks:
        for source, targets in entry.items():
            missing = [t for t in [source, *targets] if t not in groups]
            if missing:  # a bug in this module, not bad input: the groups are ours
                raise AssertionError(f"fallback {source!r} names missing groups {missing}")
