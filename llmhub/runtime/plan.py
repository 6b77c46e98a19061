"""From the runtime file to call plans: for each role, the models to try in order, with what.

Plans are built once when the hub is created, so a call only looks a role up in a dict and
merges the caller's parameters over a prepared dict (``merge_params``), then adds the key and
endpoint of the attempt's provider (``credentials``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from llmhub.errors import ConfigError, EnvVarMissingError, UnknownProviderError
from llmhub.runtime.config import DEFAULT_TIMEOUTS, TOTAL_TIMEOUT_FACTOR, LLMMode, RuntimeConfig
from llmhub.runtime.providers import is_known_provider

__all__ = [
    "CHAT_MODES",
    "EMBEDDING_MODES",
    "Plan",
    "Target",
    "build_plans",
    "config_from_object",
    "credentials",
    "default_plan",
    "env_keys_in_use",
    "merge_params",
    "normalize_params",
    "params_for_call",
]

# Which call fits which role mode. "other" is a role the generator could not classify: trust
# the caller. Image and audio roles fit neither call this client makes.
CHAT_MODES = frozenset({LLMMode.chat.value, LLMMode.tool.value, LLMMode.other.value})
EMBEDDING_MODES = frozenset({LLMMode.embedding.value, LLMMode.other.value})

# Parameter names from the original runtime-file design, mapped to litellm's names.
_PARAM_ALIASES = {"embedding_dim": "dimensions"}

# Sampling and output settings of chat calls. An embedding request never carries them, even
# when the runtime file (or the caller) sets them for the role: providers reject or ignore them.
_CHAT_ONLY_PARAMS = frozenset(
    {
        "temperature",
        "top_p",
        "top_k",
        "max_tokens",
        "max_completion_tokens",
        "stop",
        "presence_penalty",
        "frequency_penalty",
        "seed",
        "logit_bias",
        "logprobs",
        "top_logprobs",
        "n",
        "response_format",
        "tools",
        "tool_choice",
        "parallel_tool_calls",
        "functions",
        "function_call",
        "stream",
        "stream_options",
        "reasoning_effort",
        "thinking",
        "modalities",
    }
)


@dataclass(frozen=True, slots=True)
class Target:
    """One model a role may call. Holds the *name* of the key variable, never the key."""

    provider: str
    model: str
    litellm_model: str
    params: dict[str, Any]
    env_key: str | None
    api_base: str | None
    price_input_per_million: float | None
    price_output_per_million: float | None
    timeout: float = 60.0

    def __repr__(self) -> str:
        # Plans are printed in logs and tracebacks: credentials in params or api_base as ***.
        from dataclasses import fields

        from llmhub.redact import redact

        shown = ", ".join(f"{f.name}={redact(getattr(self, f.name))!r}" for f in fields(self))
        return f"Target({shown})"


@dataclass(frozen=True, slots=True)
class Plan:
    """What a role calls: its mode, the targets to try (primary first), and the time allowed
    for all of them together."""

    mode: str
    targets: tuple[Target, ...]
    total_timeout: float = 180.0


def normalize_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """``params`` with the design's aliases (``embedding_dim``) renamed to litellm's names."""
    if not any(k in _PARAM_ALIASES for k in params):
        return dict(params)
    return {_PARAM_ALIASES.get(k, k): v for k, v in params.items()}


def params_for_call(params: dict[str, Any], mode: str) -> dict[str, Any]:
    """``params`` without what a ``mode`` call cannot take (chat settings on an embedding)."""
    if mode != LLMMode.embedding.value or _CHAT_ONLY_PARAMS.isdisjoint(params):
        return params
    return {k: v for k, v in params.items() if k not in _CHAT_ONLY_PARAMS}


def _target(
    config: RuntimeConfig,
    provider: str,
    model: str,
    params: dict[str, Any],
    price_in: float | None,
    price_out: float | None,
    timeout: float = DEFAULT_TIMEOUTS["chat"],
) -> Target:
    conf = config.providers.get(provider)
    if conf is None:
        # load_runtime checks this with line numbers; a RuntimeConfig built in code is checked here.
        raise UnknownProviderError(
            f"provider {provider!r} is not declared under `providers`",
            provider=provider,
            field="providers",
            fix=f"declare it under `providers` (declared: {', '.join(sorted(config.providers)) or 'none'})",
        )
    if not is_known_provider(provider):
        raise ConfigError(
            f"litellm has no provider {provider!r}, so no call to it can succeed",
            field="provider",
            fix="use a litellm provider prefix (openai, anthropic, gemini, ...)",
        )
    return Target(
        provider=provider,
        model=model,
        litellm_model=f"{provider}/{model}",
        params=params,
        env_key=conf.env_key,
        api_base=conf.api_base,
        price_input_per_million=price_in,
        price_output_per_million=price_out,
        timeout=timeout,
    )


def build_plans(config: RuntimeConfig) -> dict[str, Plan]:
    """One plan per role, with the role's own params; a fallback uses its own params when it
    states them, else the role's. ``defaults`` is not merged in: it is the target for roles
    the file lacks (``default_plan``), as in the original design."""
    plans: dict[str, Plan] = {}
    for name, role in config.roles.items():
        mode = LLMMode(role.mode).value
        role_params = params_for_call(normalize_params(role.params), mode)
        timeout = role.timeout or DEFAULT_TIMEOUTS.get(mode, DEFAULT_TIMEOUTS["chat"])
        targets = [
            _target(
                config,
                role.provider,
                role.model,
                role_params,
                role.price_input_per_million,
                role.price_output_per_million,
                timeout,
            )
        ]
        targets.extend(
            _target(
                config,
                fb.provider,
                fb.model,
                role_params
                if fb.params is None
                else params_for_call(normalize_params(fb.params), mode),
                fb.price_input_per_million,
                fb.price_output_per_million,
                timeout,
            )
            for fb in role.fallbacks
        )
        total = role.total_timeout or timeout * TOTAL_TIMEOUT_FACTOR
        plans[name] = Plan(mode, tuple(targets), total)
    return plans


def default_plan(config: RuntimeConfig) -> Plan | None:
    """The plan for roles the file lacks: ``defaults`` when it names a provider and a model,
    unless the file opts out with ``defaults.apply_to_unknown_roles: false``."""
    d = config.defaults
    if d is None or d.apply_to_unknown_roles is False or not d.provider or not d.model:
        return None
    mode = LLMMode(d.mode).value
    params = params_for_call(normalize_params(d.params), mode)
    timeout = DEFAULT_TIMEOUTS.get(mode, DEFAULT_TIMEOUTS["chat"])
    target = _target(config, d.provider, d.model, params, None, None, timeout)
    return Plan(mode, (target,), timeout * TOTAL_TIMEOUT_FACTOR)


def env_keys_in_use(config: RuntimeConfig) -> dict[str, list[str]]:
    """``env_key -> providers`` for every provider a role, fallback or the defaults uses."""
    used = set()
    for role in config.roles.values():
        used.add(role.provider)
        used.update(fb.provider for fb in role.fallbacks)
    if config.defaults and config.defaults.provider:
        used.add(config.defaults.provider)
    out: dict[str, list[str]] = {}
    for provider in sorted(used):
        conf = config.providers.get(provider)
        if conf and conf.env_key:
            out.setdefault(conf.env_key, []).append(provider)
    return out


def merge_params(
    target: Target, override: Mapping[str, Any] | None, kwargs: dict[str, Any], mode: str
) -> dict[str, Any]:
    """``target.params < params_override < kwargs``, plus llmhub's call settings."""
    call = dict(target.params)
    if override:
        call.update(normalize_params(override) if mode == "embedding" else override)
    if kwargs:
        call.update(normalize_params(kwargs) if mode == "embedding" else kwargs)
    call = params_for_call(call, mode)
    # Fallbacks are llmhub's job: litellm's own retries would hit a failing provider again
    # (with backoff) before the next model gets its turn. A caller may still ask for them.
    call.setdefault("max_retries", 0)
    # Never litellm's 600 s default: a dropped connection would hang the caller for 10 minutes.
    call.setdefault("timeout", target.timeout)
    return call


def credentials(target: Target, call: dict[str, Any]) -> None:
    """Add the key (read now, from the provider's variable) and the provider's ``api_base``."""
    if target.env_key and "api_key" not in call:
        key = os.environ.get(target.env_key)
        if not key:
            raise EnvVarMissingError([target.env_key], providers=[target.provider])
        call["api_key"] = key
    if target.api_base and "api_base" not in call:
        call["api_base"] = target.api_base


def config_from_object(obj: RuntimeConfig | Mapping[str, Any]) -> RuntimeConfig:
    """``obj`` as a validated ``RuntimeConfig`` (a dict is validated like a runtime file)."""
    from llmhub.runtime.config import refuse_credentials, runtime_body

    if isinstance(obj, RuntimeConfig):
        refuse_credentials(runtime_body(obj), "<config_obj>")
        return obj
    if isinstance(obj, Mapping):
        from pydantic import ValidationError

        try:
            config = RuntimeConfig.model_validate(dict(obj))
        except ValidationError as exc:
            first = exc.errors()[0]
        else:
            refuse_credentials(runtime_body(config), "<config_obj>")
            return config
        # Raised outside the except block: no __context__ leading back to the input.
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            first["msg"], path="<config_obj>", field=field, fix="see `llmhub.yaml` format"
        )
    raise TypeError(f"config_obj must be a RuntimeConfig or a mapping, not {type(obj).__name__}")
