"""Gateway mode: what a LiteLLM Proxy says about a call it served, from its response headers.

A role whose provider is ``litellm_proxy`` calls a proxy group, not a model. The proxy reports
the deployment that answered in ``x-litellm-model-name`` (``provider/model``) and the cost in
``x-litellm-response-cost``; litellm hands those headers back in the response's hidden params
(prefixed ``llm_provider-``). ``answered`` turns them into the target and hook context the rest
of the runtime already understands, so ``response.llmhub`` and ``on_after_call`` name the model
that really answered, as in direct mode.

``call``/``acall`` send a gateway request with the OpenAI SDK instead of ``litellm.completion``:
the proxy speaks OpenAI's API already, and litellm's client costs more per call than the SDK
(its logging, cost and parameter mapping run on every call, for work the proxy does). The SDK's
answer is turned into litellm's response type, with the proxy's headers where litellm would put
them, and its errors into litellm's exceptions, so nothing after the call can tell the two apart.
A stream, or a call with a parameter the OpenAI API does not know, still goes through litellm.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import threading
import weakref
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from llmhub.runtime.plan import Target

__all__ = ["GATEWAY_PROVIDER", "acall", "answered", "call", "proxy_headers"]

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


# What the SDK path sends: OpenAI's own parameters (in the body), the proxy's (in extra_body),
# and the client settings taken out of the call. Anything else is litellm's to interpret.
_CLIENT = frozenset({"api_key", "api_base", "max_retries", "timeout", "extra_headers"})
_BODY = {
    "chat": frozenset(
        {
            "audio",
            "disable_fallbacks",
            "frequency_penalty",
            "logit_bias",
            "logprobs",
            "max_completion_tokens",
            "max_tokens",
            "metadata",
            "modalities",
            "n",
            "parallel_tool_calls",
            "prediction",
            "presence_penalty",
            "reasoning_effort",
            "response_format",
            "seed",
            "service_tier",
            "stop",
            "store",
            "temperature",
            "tool_choice",
            "tools",
            "top_logprobs",
            "top_p",
            "user",
        }
    ),
    "embedding": frozenset({"dimensions", "disable_fallbacks", "encoding_format", "user"}),
}
_clients: dict[tuple[str, str], Any] = {}
# An async client's pooled connections belong to the event loop that opened them, so each loop
# gets its own clients (an application may call asyncio.run more than once); they go with it.
_aclients: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], Any]] = weakref.WeakKeyDictionary()
_clients_lock = threading.Lock()


def _sdk_ready(mode: str, params: Mapping[str, Any]) -> bool:
    """Whether the SDK path can send this call exactly as litellm would."""
    if params.get("stream") or params.get("max_retries", 0) != 0 or "api_base" not in params:
        return False
    if not isinstance(params.get("response_format", {}), dict):
        return False  # a pydantic class: litellm turns it into a JSON schema, the SDK refuses it
    body = _BODY[mode]
    return all(k in body or k in _CLIENT or k == "extra_body" for k in params)


def _client(base_url: str, key: str) -> Any:
    """One SDK client per proxy and key, so calls reuse its connection pool."""
    client = _clients.get((base_url, key))
    if client is not None:
        return client
    with _clients_lock:
        client = _clients.get((base_url, key))
        if client is None:
            # Imported here: openai comes with litellm, and only gateway calls need it.
            import openai

            if not _clients:
                atexit.register(_close_clients)
            client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0)
            _clients[(base_url, key)] = client
    return client


def _aclient(base_url: str, key: str) -> Any:
    """``_client`` for asyncio: one per proxy and key in the running event loop."""
    import asyncio

    loop = asyncio.get_running_loop()
    clients = _aclients.get(loop)
    client = clients.get((base_url, key)) if clients is not None else None
    if client is not None:
        return client
    import openai

    client = openai.AsyncOpenAI(base_url=base_url, api_key=key, max_retries=0)
    with _clients_lock:
        return _aclients.setdefault(loop, {}).setdefault((base_url, key), client)


def _close_clients() -> None:
    # Close pooled connections before exit (async ones went with their event loops).
    for client in list(_clients.values()):
        with contextlib.suppress(Exception):
            client.close()


def _request(model: str, params: Mapping[str, Any]) -> tuple[tuple[str, str], dict[str, Any]]:
    """``((base_url, key), create() keyword arguments)`` for one call."""
    extra = dict(params.get("extra_body") or {})
    kwargs: dict[str, Any] = {"model": model}
    for name, value in params.items():
        if name in _CLIENT or name == "extra_body":
            continue
        if name == "disable_fallbacks":
            extra[name] = value
        else:
            kwargs[name] = value
    if extra:
        kwargs["extra_body"] = extra
    if params.get("timeout") is not None:  # None means litellm's default, not "no timeout"
        kwargs["timeout"] = params["timeout"]
    if params.get("extra_headers"):
        kwargs["extra_headers"] = params["extra_headers"]
    return (params["api_base"], params.get("api_key") or "none"), kwargs


def _group(litellm_model: str) -> str:
    return litellm_model.removeprefix(GATEWAY_PROVIDER + "/")


def call(fn: Callable[..., Any], mode: str, litellm_model: str, payload: Any, params: dict) -> Any:
    """One gateway request: through the OpenAI SDK when it can, else through litellm's ``fn``."""
    if not _sdk_ready(mode, params):
        return _via_litellm(fn, mode, litellm_model, payload, params)
    (base_url, key), kwargs = _request(_group(litellm_model), params)
    client = _client(base_url, key)
    try:
        if mode == "chat":
            raw = client.chat.completions.with_raw_response.create(messages=payload, **kwargs)
        else:
            raw = client.embeddings.with_raw_response.create(input=payload, **kwargs)
    except _openai_errors() as exc:
        error = _mapped(exc, litellm_model)
    else:
        return _response(mode, raw)
    raise error  # outside the handler: the SDK's exception (and its request) is not chained


async def acall(
    fn: Callable[..., Awaitable[Any]], mode: str, litellm_model: str, payload: Any, params: dict
) -> Any:
    """``call`` for asyncio."""
    if not _sdk_ready(mode, params):
        return await _via_litellm(fn, mode, litellm_model, payload, params)
    (base_url, key), kwargs = _request(_group(litellm_model), params)
    client = _aclient(base_url, key)
    try:
        if mode == "chat":
            raw = await client.chat.completions.with_raw_response.create(messages=payload, **kwargs)
        else:
            raw = await client.embeddings.with_raw_response.create(input=payload, **kwargs)
    except _openai_errors() as exc:
        error = _mapped(exc, litellm_model)
    else:
        return _response(mode, raw)
    raise error  # outside the handler: the SDK's exception (and its request) is not chained


def _via_litellm(fn: Callable[..., Any], mode: str, model: str, payload: Any, params: dict) -> Any:
    if mode == "chat":
        return fn(model=model, messages=payload, **params)
    return fn(model=model, input=payload, **params)


def _response(mode: str, raw: Any) -> Any:
    """litellm's response type for the SDK's raw answer, with the proxy's headers attached."""
    from llmhub.runtime import backend

    litellm = backend._litellm or backend.load()
    data = raw.http_response.json()
    if mode == "chat":
        response = litellm.ModelResponse(**data)
    else:
        response = litellm.EmbeddingResponse(**data)
    headers = {
        _PREFIX + name: value
        for name, value in raw.headers.items()
        if name.lower().startswith("x-litellm-")
    }
    response._hidden_params = {
        "custom_llm_provider": GATEWAY_PROVIDER,
        "additional_headers": headers,
        "response_cost": None,
    }
    return response


def _openai_errors() -> type[Exception]:
    """The SDK's base exception (its HTTP, timeout and connection errors all derive from it)."""
    import openai

    return openai.APIError


def _mapped(exc: Exception, litellm_model: str) -> Exception:
    """litellm's exception for an SDK error, as ``litellm.completion`` would have raised it."""
    from llmhub.runtime import backend

    backend._litellm or backend.load()
    from litellm.litellm_core_utils.exception_mapping_utils import exception_type

    try:
        exception_type(
            model=litellm_model, original_exception=exc, custom_llm_provider=GATEWAY_PROVIDER
        )
    except Exception as mapped:  # exception_type raises what it maps to
        # The SDK's exception holds the request, Authorization header included: drop it.
        mapped.__cause__ = mapped.__context__ = None
        return mapped
    return exc
