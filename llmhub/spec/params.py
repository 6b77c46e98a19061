"""A role's ``mode_params``: no credentials, values in range, and names litellm knows.

The names are checked against ``llmhub.litellm_known.CALL_PARAMS`` (generated from litellm, so
checking never imports it). A parameter only one provider takes, that litellm does not list,
goes under ``extra_body``, which is sent to the provider as it is and not checked here.
"""

from __future__ import annotations

import difflib
import math
from typing import Any

from llmhub.litellm_known import CALL_PARAMS
from llmhub.modes import CallMode

__all__ = ["ALIASES", "PASSTHROUGH", "check_mode_params", "known_params", "unknown_param"]

# The key whose mapping litellm sends to the provider as it is: provider-specific parameters.
PASSTHROUGH = "extra_body"
# Names llmhub accepts for litellm's (the original design's), renamed by llmhub.runtime.plan.
ALIASES = {"embedding_dim": "dimensions"}

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


def check_mode_params(value: dict[str, Any]) -> dict[str, Any]:
    """``value`` if it holds no credential and every ranged parameter is in range.

    Raises:
        ValueError: the first problem, in one line (pydantic adds the field).
    """
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
    for key, item in value.items():
        if isinstance(item, float) and not math.isfinite(item):
            # .nan passed every range check (NaN compares false) and reached llmhub.yaml as null
            raise ValueError(f"{key} must be a finite number, not {item}")
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


def _litellm_mode(kind: CallMode) -> str | None:
    # tool roles make chat calls; `other` may be any kind of call, so any known name passes.
    if kind is CallMode.tool:
        return "chat"
    return None if kind is CallMode.other else kind.value


def known_params(kind: CallMode) -> frozenset[str]:
    """The ``mode_params`` names a role of ``kind`` may set."""
    mode = _litellm_mode(kind)
    names = CALL_PARAMS[mode] if mode is not None else frozenset().union(*CALL_PARAMS.values())
    aliases = {a for a, name in ALIASES.items() if name in names}
    return names | aliases


def unknown_param(kind: CallMode, key: str) -> tuple[str, str] | None:
    """``(problem, fix)`` when litellm does not know ``key`` for a call of ``kind``, else None."""
    known = known_params(kind)
    if key in known:
        return None
    mode = _litellm_mode(kind) or "any"
    elsewhere = sorted(m for m, names in CALL_PARAMS.items() if key in names)
    if elsewhere:
        return (
            f"{key!r} is not a parameter of {mode} calls (litellm takes it for "
            f"{', '.join(elsewhere)} calls)",
            "remove it, or set the role's `kind` to the call it makes",
        )
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    passthrough = f"a provider-specific parameter goes under `{PASSTHROUGH}: {{{key}: …}}`"
    return (
        f"litellm has no {mode} call parameter {key!r}",
        f"did you mean {close[0]!r}? ({passthrough})" if close else passthrough,
    )
