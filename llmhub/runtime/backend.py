"""Everything the runtime needs from litellm, imported on first use.

litellm takes seconds to import, so nothing here imports it at module level: ``load()`` does, on
the first call (or ``LLMHub.warmup()``), after setting ``LITELLM_LOCAL_MODEL_COST_MAP`` so the
import never fetches the cost map over the network.
"""

from __future__ import annotations

import os
import threading
from types import ModuleType
from typing import Any

from llmhub.runtime.hooks import Usage
from llmhub.runtime.secrets import scrub

__all__ = ["describe", "is_retryable", "load", "usage_of"]

_lock = threading.Lock()
_litellm: ModuleType | None = None
_retryable_types: tuple[type[BaseException], ...] = ()

# HTTP statuses worth trying the next model for: the next attempt is usually another provider,
# so even an authentication or permission error there says nothing about the next one.
_RETRYABLE_STATUS = frozenset({401, 403, 404, 408, 429})


def load() -> ModuleType:
    """litellm, imported once (thread-safe), configured for library use."""
    global _litellm
    if _litellm is not None:
        return _litellm
    with _lock:
        if _litellm is None:
            # The bundled cost map, not a fetch from GitHub on every process start.
            os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
            import litellm

            # litellm prints a "Give Feedback / Get Help" banner to stdout on every failed call;
            # llmhub reports failures itself (and may fall back), so the banner is noise.
            litellm.suppress_debug_info = True
            _init_error_types(litellm)
            _litellm = litellm
    return _litellm


def _init_error_types(litellm: ModuleType) -> None:
    global _retryable_types
    import httpx
    import openai

    _retryable_types = (
        litellm.exceptions.Timeout,
        litellm.exceptions.APIConnectionError,
        litellm.exceptions.RateLimitError,
        litellm.exceptions.ServiceUnavailableError,
        litellm.exceptions.InternalServerError,
        litellm.exceptions.AuthenticationError,
        openai.APIConnectionError,  # includes openai.APITimeoutError
        httpx.TimeoutException,
        httpx.NetworkError,
        TimeoutError,
        ConnectionError,
    )


def is_retryable(exc: BaseException) -> bool:
    """Whether a failed attempt should move on to the next model (400s and bugs do not)."""
    from llmhub.errors import EnvVarMissingError

    if isinstance(exc, EnvVarMissingError):
        return True  # this provider has no key here; the next one may
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        if status in _RETRYABLE_STATUS or status >= 500:
            return True
        if 400 <= status < 500:
            return False
    return isinstance(exc, _retryable_types)


def describe(exc: BaseException) -> tuple[str, str]:
    """``(error class, one-line message)`` for attempts and logs, with keys scrubbed."""
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    message = " ".join(str(exc).split()) or name
    # litellm prefixes its messages with the class name, sometimes twice; say it once.
    for prefix in (f"litellm.{name}: ", f"{name}: "):
        message = message.removeprefix(prefix)
    if len(message) > 300:
        message = message[:297] + "..."
    if _timed_out(exc):
        # one class for "ran out of time", whichever deadline fired first: the SDK's (Timeout,
        # APITimeoutError) or llmhub's own (TimeoutError), which a busy machine reorders
        name = "Timeout"
        if "timed out" not in message.lower():
            message = f"{message} (timed out)"
    elif _no_answer(exc):
        # litellm gives a refused or dropped connection status 500: no server said that.
        message = f"{message} (no HTTP answer: the connection failed)"
    elif isinstance(status, int) and str(status) not in message:
        message = f"{message} (HTTP {status})"
    return name, scrub(message)


def _timed_out(exc: BaseException) -> bool:
    """Whether the attempt ran out of time: the SDK's timeout or llmhub's own deadline."""
    return isinstance(exc, TimeoutError) or type(exc).__name__ in ("Timeout", "APITimeoutError")


def _no_answer(exc: BaseException) -> bool:
    """Whether the attempt failed before any HTTP response (refused, reset, timed out)."""
    if isinstance(exc, (ConnectionError, TimeoutError)):
        return True
    if type(exc).__name__ in ("APIConnectionError", "APITimeoutError"):
        return True
    return "Connection error" in str(exc)


def usage_of(obj: Any) -> Usage:
    """Token counts from a response or a usage chunk (empty ``Usage`` when absent)."""
    usage = getattr(obj, "usage", None)
    if usage is None:
        return Usage()
    get = usage.get if isinstance(usage, dict) else lambda k: getattr(usage, k, None)
    return Usage(get("prompt_tokens"), get("completion_tokens"), get("total_tokens"))


def cost_of(response: Any, target: Any, usage: Usage, *, ask_litellm: bool) -> float | None:
    """USD cost of one call: litellm's figure, else the runtime file's prices, else ``None``.

    ``response._hidden_params["response_cost"]`` is what litellm computed while returning the
    response (``None`` when it does not know the model). Streams carry no such figure, so with
    ``ask_litellm`` the usage is priced with ``litellm.cost_per_token``. Never raises.
    """
    hidden = getattr(response, "_hidden_params", None)
    if isinstance(hidden, dict):
        cost = hidden.get("response_cost")
        if isinstance(cost, (int, float)) and not isinstance(cost, bool):
            return float(cost)
    prompt = usage.prompt_tokens
    if prompt is None:
        return None
    completion = usage.completion_tokens or 0
    if ask_litellm and _litellm is not None:
        try:
            p, c = _litellm.cost_per_token(
                model=target.litellm_model, prompt_tokens=prompt, completion_tokens=completion
            )
            return float(p) + float(c)
        except Exception:  # unmapped model: fall through to the runtime file's prices
            pass
    price_in: float | None = target.price_input_per_million
    price_out: float | None = target.price_output_per_million
    if price_in is None or (completion and price_out is None):
        return None
    return (prompt * price_in + completion * (price_out or 0.0)) / 1_000_000
