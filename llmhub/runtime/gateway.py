"""Gateway mode: what a LiteLLM Proxy says about a call it served, from its response headers.

A role whose provider is ``litellm_proxy`` calls a proxy group, not a model. The proxy reports
the deployment that answered in ``x-litellm-model-name`` (``provider/model``) and the cost in
``x-litellm-response-cost``; litellm hands those headers back in the response's hidden params
(prefixed ``llm_provider-``). ``answered`` turns them into the target and hook context the rest
of the runtime already understands, so ``response.llmhub`` and ``on_after_call`` name the model
that really answered, as in direct mode.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from llmhub.runtime.plan import Target

__all__ = ["GATEWAY_PROVIDER", "answered", "proxy_headers"]

GATEWAY_PROVIDER = "litellm_proxy"
_PREFIX = "llm_provider-"


def proxy_headers(response: Any) -> dict[str, str]:
    """The ``x-litellm-*`` headers the proxy sent with ``response`` (names without prefix)."""
    hidden = getattr(response, "_hidden_params", None)
    if not isinstance(hidden, dict):
        return {}
    headers = hidden.get("additional_headers")
    if not isinstance(headers, dict):
        return {}
    out = {}
    for name, value in headers.items():
        bare = str(name).lower().removeprefix(_PREFIX)
        if bare.startswith("x-litellm-"):
            out[bare] = str(value)
    return out


def answered(target: Target, ctx: Any, response: Any) -> tuple[Target, Any]:
    """``target`` and hook ``ctx`` renamed to the deployment the proxy says answered.

    Also sets litellm's ``response_cost`` from ``x-litellm-response-cost`` when litellm did not,
    so the cost hooks see is the proxy's (which uses the catalog prices in its config).
    Unchanged when the headers are missing (a proxy that strips them, or a stream's trailer).
    """
    headers = proxy_headers(response)
    name = headers.get("x-litellm-model-name", "")
    if "/" in name:
        provider, model = name.split("/", 1)
        target = dataclasses.replace(
            target, provider=provider, model=model, litellm_model=name, env_key=None
        )
        if ctx is not None:
            ctx = dataclasses.replace(ctx, provider=provider, model=model)
    cost = _number(headers.get("x-litellm-response-cost"))
    hidden = getattr(response, "_hidden_params", None)
    if cost is not None and isinstance(hidden, dict) and hidden.get("response_cost") is None:
        hidden["response_cost"] = cost
    return target, ctx


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None
