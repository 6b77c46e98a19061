"""Field checks the spec models (``llmhub.spec.models``) share: names, prices, seconds, call
parameters and URLs. Private to ``llmhub.spec``, so the names keep their leading underscore.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

# Matched with ``fullmatch`` (``$`` alone would accept a trailing newline).
_ROLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}")
_PROVIDER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_CREDENTIAL_PARAMS = frozenset(
    {
        "api_key",
        "apikey",
        "api_secret",
        "secret",
        "token",
        "access_token",
        "password",
        "aws_secret_access_key",
    }
)
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Call parameters with a documented range (OpenAI's, which litellm maps for other providers).
_PARAM_RANGES: dict[str, tuple[type, float | None, float | None]] = {
    "temperature": (float, 0.0, 2.0),
    "top_p": (float, 0.0, 1.0),
    "presence_penalty": (float, -2.0, 2.0),
    "frequency_penalty": (float, -2.0, 2.0),
    "max_tokens": (int, 1, None),
    "max_completion_tokens": (int, 1, None),
    "n": (int, 1, 128),
    "seed": (int, None, None),
    "top_k": (int, 1, None),
    "dimensions": (int, 1, None),
    "embedding_dim": (int, 1, None),
    "timeout": (float, 0.001, 3600.0),
}


def _number(value: Any) -> Any:
    # YAML `true` is not 1 and "0.5" is not 0.5: no coercion into numbers.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"must be a number, not {type(value).__name__}")
    return value


_Price = Annotated[float, BeforeValidator(_number), Field(ge=0)]
_Seconds = Annotated[float, BeforeValidator(_number), Field(gt=0, le=3600)]


def _check_mode_params(value: dict[str, Any]) -> dict[str, Any]:
    from llmhub.redact import find_credentials

    found = [".".join(str(p) for p in loc) for loc in find_credentials(value)]
    if found:
        raise ValueError(
            f"{found[0]!r} would write a credential into llmhub.yaml; name the variable that "
            "holds it with the provider's `env_key` instead"
        )
    for key in value:
        if str(key).lower() in _CREDENTIAL_PARAMS:
            raise ValueError(
                f"{key!r} would write a credential into llmhub.yaml; name the variable that "
                "holds it with the provider's `env_key` instead"
            )
    for key, (kind, low, high) in _PARAM_RANGES.items():
        if key not in value or value[key] is None:
            continue
        item = value[key]
        ok_type = (
            isinstance(item, int) if kind is int else isinstance(item, (int, float))
        ) and not isinstance(item, bool)
        if not ok_type:
            raise ValueError(f"{key} must be {'an integer' if kind is int else 'a number'}")
        if (low is not None and item < low) or (high is not None and item > high):
            bounds = f"{low:g}..{high:g}" if high is not None else f">= {low:g}"
            raise ValueError(f"{key} {item} is out of range ({bounds})")
    return value


def _check_api_base(value: str | None) -> str | None:
    from llmhub.redact import redact_text

    if value is not None and redact_text(value) != value:
        raise ValueError(
            "the URL carries a credential (user:password@ or a key); name the variable that "
            "holds the key with `env_key` instead"
        )
    return value


def _check_provider_name(value: str) -> str:
    if not _PROVIDER_NAME.fullmatch(value):
        raise ValueError(
            f"not a provider name: {value!r} (letters, digits, '_', '.', '-'; e.g. openai)"
        )
    return value
