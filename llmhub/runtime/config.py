"""The runtime file, ``llmhub.yaml``: which provider and model each role calls, and how.

This module is the contract between the generator (which writes the file) and the runtime
client (which reads it). It imports only pydantic and PyYAML so that applications start fast.

Format (keys the original design documented, plus the optional ones marked *)::

    project: memory
    env: dev
    providers:
      openai: {env_key: OPENAI_API_KEY, api_base*: http://localhost:8000/v1}
    roles:
      llm.inference:
        provider: openai            # litellm provider prefix: litellm calls "openai/gpt-4o-mini"
        model: gpt-4o-mini
        mode: chat                  # chat | embedding | image | audio | tool | other
        params: {temperature: 0.7}
        price_input_per_million*: 0.15    # USD, so cost can be computed offline
        price_output_per_million*: 0.6
        fallbacks*: [{provider: anthropic, model: claude-haiku-4-5, params: {}}]
        reason*: "best of 88 candidates: score 0.864 = quality(x2) 0.95, ..."   # why, for review
        timeout*: 60                # seconds per attempt (default by mode: DEFAULT_TIMEOUTS)
        total_timeout*: 180         # seconds for the primary and every fallback together
    defaults:                       # the target for roles the file lacks (not merged into
      provider: openai              #   the roles above); `apply_to_unknown_roles*: false`
      model: gpt-4o-mini            #   makes an unknown role an error instead
      params: {max_tokens: 1024}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import Field, StrictBool, ValidationError, field_validator

from llmhub.errors import ConfigError, UnknownProviderError
from llmhub.fsutil import atomic_write_text
from llmhub.modes import CallMode
from llmhub.runtime.providers import KNOWN_PROVIDERS, is_known_provider
from llmhub.strict import Number, StrictModel, check_env_name
from llmhub.yamlio import YamlDocument, parse_yaml, problems_from_validation, read_yaml

__all__ = [
    "DEFAULT_TIMEOUTS",
    "TOTAL_TIMEOUT_FACTOR",
    "FallbackConfig",
    "LLMMode",
    "ProviderConfig",
    "RoleConfig",
    "RoleDefaultsConfig",
    "RuntimeConfig",
    "dump_runtime",
    "dump_runtime_body",
    "header_mismatch",
    "load_runtime",
    "parse_runtime",
    "refuse_credentials",
    "runtime_body",
    "save_runtime",
]


# The runtime file's name for the call-mode enum the spec calls RoleKind (one class).
LLMMode = CallMode


class ProviderConfig(StrictModel):
    """How to reach one provider: the variable that holds its key, and an optional endpoint."""

    env_key: str | None = None
    api_base: str | None = None

    @field_validator("env_key")
    @classmethod
    def _env_name(cls, value: str | None) -> str | None:
        return check_env_name(value)


# Seconds one attempt may take when the runtime file names no ``timeout`` (by role mode), and
# how many attempts' worth the whole run of fallbacks may take without ``total_timeout``.
DEFAULT_TIMEOUTS = {
    "chat": 60.0,
    "tool": 60.0,
    "other": 60.0,
    "embedding": 30.0,
    "image": 120.0,
    "audio": 120.0,
}
TOTAL_TIMEOUT_FACTOR = 3


def _model_name(value: str) -> str:
    # An empty name would reach litellm as "openai/" and fail at call time, role by role.
    if not value.strip():
        raise ValueError(
            "the model name is empty: write the model to call after the provider prefix, "
            "e.g. gpt-4o-mini"
        )
    return value


class FallbackConfig(StrictModel):
    """A model to try when the role's primary model fails with a retryable error."""

    provider: str
    model: str
    # None (no `params:` key): the role's params apply. A mapping, even empty, is used as
    # written: the generator writes each fallback's params checked for that model, so a
    # parameter the primary accepts but the fallback refuses is not sent to it.
    params: dict[str, Any] | None = None
    price_input_per_million: Number | None = Field(default=None, ge=0)
    price_output_per_million: Number | None = Field(default=None, ge=0)

    @field_validator("model")
    @classmethod
    def _model(cls, value: str) -> str:
        return _model_name(value)


class RoleConfig(StrictModel):
    """One role: the model it calls, with what parameters, and what to try if it fails."""

    provider: str
    model: str
    mode: LLMMode = LLMMode.chat
    params: dict[str, Any] = Field(default_factory=dict)
    price_input_per_million: Number | None = Field(default=None, ge=0)
    price_output_per_million: Number | None = Field(default=None, ge=0)
    fallbacks: list[FallbackConfig] = Field(default_factory=list)
    # Why the generator chose this model, in one line a reviewer can check against the catalog.
    reason: str | None = None
    # Numbers only, as in the spec: "60" is refused, not read as 60 (llmhub.strict.number_only).
    timeout: Number | None = Field(default=None, gt=0, le=3600)
    total_timeout: Number | None = Field(default=None, gt=0, le=7200)

    @field_validator("model")
    @classmethod
    def _model(cls, value: str) -> str:
        return _model_name(value)


class RoleDefaultsConfig(StrictModel):
    """The model, mode and params for roles the file does not list (as in the original design).

    ``apply_to_unknown_roles: false`` turns that off: an unknown role is then an error.
    """

    provider: str | None = None
    model: str | None = None
    mode: LLMMode = LLMMode.chat
    params: dict[str, Any] = Field(default_factory=dict)
    apply_to_unknown_roles: StrictBool | None = None

    @field_validator("model")
    @classmethod
    def _model(cls, value: str | None) -> str | None:
        return None if value is None else _model_name(value)


class RuntimeConfig(StrictModel):
    """The whole runtime file."""

    project: str = "llmhub"
    env: str = "dev"
    providers: dict[str, ProviderConfig] = Field(default_factory=dict)
    roles: dict[str, RoleConfig] = Field(default_factory=dict)
    defaults: RoleDefaultsConfig | None = None


_KNOWN_FIELDS: dict[tuple[str | int, ...], list[str]] = {
    (): list(RuntimeConfig.model_fields),
    ("providers", "*"): list(ProviderConfig.model_fields),
    ("roles", "*"): list(RoleConfig.model_fields),
    ("roles", "*", "fallbacks", "*"): list(FallbackConfig.model_fields),
    ("defaults",): list(RoleDefaultsConfig.model_fields),
}


def load_runtime(path: str | Path) -> RuntimeConfig:
    """Read and validate a runtime file.

    A file whose body does not match the ``body-sha256`` of its llmhub header (edited by hand,
    or cut short) loads with one warning on the ``llmhub.runtime`` logger naming the file; a
    file without a header loads silently.

    Raises:
        ConfigError: the file is missing, not YAML, or invalid; every problem is listed with
            its line and column.
        UnknownProviderError: a role or fallback names a provider missing from ``providers``.
    """
    config = _validate(read_yaml(path, ConfigError))
    problem = header_mismatch(path)
    if problem is not None:
        import logging

        logging.getLogger("llmhub.runtime").warning("%s", problem)
    return config


_HEADER_SHA = re.compile(r"^# body-sha256: ([0-9a-f]{64})\s*$")


def header_mismatch(path: str | Path) -> str | None:
    """Why the file's body does not match its header's ``body-sha256`` (None when it does, or
    when the file has no llmhub header)."""
    import hashlib

    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.splitlines(keepends=True)
    i, expected = 0, None
    while i < len(lines) and lines[i].startswith("#"):
        match = _HEADER_SHA.match(lines[i].rstrip("\n"))
        if match:
            expected = match.group(1)
        i += 1
    if expected is None:
        return None
    body = "".join(lines[i:])
    if hashlib.sha256(body.encode("utf-8")).hexdigest() == expected:
        return None
    return (
        f"{path}: the body does not match its body-sha256 header (edited by hand, or cut "
        "short?) — regenerate it with `llmhub generate`, or delete the header to keep the edit"
    )


def parse_runtime(text: str, path: str = "<string>") -> RuntimeConfig:
    """Validate runtime YAML given as text (``path`` is only used in error messages)."""
    return _validate(parse_yaml(text.encode("utf-8"), path, ConfigError))


def _validate(doc: YamlDocument) -> RuntimeConfig:
    if not isinstance(doc.data, dict):
        raise ConfigError(
            f"the top level must be a mapping, not {type(doc.data).__name__}",
            path=doc.path,
            line=1,
            fix="start with `project:`, `providers:` and `roles:` keys",
        )
    try:
        config = RuntimeConfig.model_validate(doc.data)
    except ValidationError as exc:
        problems = problems_from_validation(doc, exc.errors(), _KNOWN_FIELDS)
        raise ConfigError(problems[0].message, path=doc.path, problems=problems) from None
    _check_providers(config, doc)
    refuse_credentials(doc.data, doc.path, doc.where)
    return config


def refuse_credentials(
    data: Any,
    path: str | Path,
    where: Callable[[tuple[str | int, ...]], tuple[int | None, int | None]] | None = None,
) -> None:
    """Refuse a runtime file (or ``config_obj``) that holds a credential (``llmhub.redact``).

    Keys come from the variables ``env_key`` names, read just before each call: a key in the
    file (``params: {api_key: …}``, ``api_base: https://user:password@…`` or ``?api_key=…``)
    would be committed with it and shown by every tool that prints the file.

    Raises:
        ConfigError: naming the first location that holds one; the value is never shown.
    """
    from llmhub.redact import find_credentials

    locs = list(find_credentials(data))
    if not locs:
        return
    found = [".".join(str(p) for p in loc) for loc in locs]
    line, column = where(locs[0]) if where else (None, None)
    also = f"; also at {', '.join(found[1:3])}" if len(found) > 1 else ""
    raise ConfigError(
        f"a credential in the runtime file (llmhub.yaml is meant to be committed){also}",
        path=path,
        line=line,
        column=column,
        field=found[0],
        fix="remove it, and put the key in the environment variable named by the provider's "
        "`env_key` (llmhub reads it just before each call)",
    )


def _check_providers(config: RuntimeConfig, doc: YamlDocument) -> None:
    declared = sorted(config.providers)
    uses: list[tuple[tuple[str | int, ...], str, str]] = []
    for name, role_config in config.roles.items():
        uses.append((("roles", name, "provider"), name, role_config.provider))
        for i, fb in enumerate(role_config.fallbacks):
            uses.append((("roles", name, "fallbacks", i, "provider"), name, fb.provider))
    if config.defaults and config.defaults.provider:
        uses.append((("defaults", "provider"), "defaults", config.defaults.provider))
    for loc, role, provider in uses:
        if not is_known_provider(provider):
            import difflib

            line, column = doc.where(loc)
            close = difflib.get_close_matches(provider, sorted(KNOWN_PROVIDERS), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigError(
                f"litellm has no provider {provider!r}, so no call to it can succeed",
                path=doc.path,
                line=line,
                column=column,
                field=".".join(str(p) for p in loc),
                fix=f"{hint}use a litellm provider prefix (openai, anthropic, gemini, ...); "
                "an OpenAI-compatible server is `openai` with `api_base`",
            )
        if provider not in config.providers:
            line, column = doc.where(loc)
            raise UnknownProviderError(
                f"provider {provider!r} is not declared under `providers`",
                provider=provider,
                role=role,
                path=doc.path,
                line=line,
                column=column,
                field=".".join(str(p) for p in loc),
                fix=f"declare it under `providers` (declared: {', '.join(declared) or 'none'})",
            )


def runtime_body(runtime: RuntimeConfig) -> dict[str, Any]:
    """The plain data ``dump_runtime`` writes: no ``None`` values, no empty ``fallbacks``."""
    body = runtime.model_dump(mode="json", exclude_none=True)
    for role in body.get("roles", {}).values():
        if not role.get("fallbacks"):
            role.pop("fallbacks", None)
    return body


def dump_runtime(runtime: RuntimeConfig, header: str | None = None) -> str:
    """The YAML text of ``runtime``, with an optional comment ``header`` (lines without ``#``)."""
    return dump_runtime_body(runtime_body(runtime), header)


def dump_runtime_body(body: dict[str, Any], header: str | None = None) -> str:
    """``dump_runtime`` for a ``runtime_body`` already made (the generator checks it first)."""
    from llmhub.yamldump import dump_yaml

    # PyYAML's safe dumper (libyaml's emitter when available), byte for byte, faster.
    text = dump_yaml(body, sort_keys=False, allow_unicode=True, width=100)
    if header:
        comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
        text = comment + text
    return text


def save_runtime(path: str | Path, runtime: RuntimeConfig, header: str | None = None) -> None:
    """Write ``runtime`` to ``path`` atomically: readers see the old file or the new one."""
    atomic_write_text(path, dump_runtime(runtime, header))
