"""What the runtime tells the application about each call: hook payloads and ``response.llmhub``.

``on_before_call(ctx: CallContext)`` runs before every attempt, ``on_after_call(result:
CallResult)`` after every attempt (success or failure), so a call that falls back twice produces
three of each. A hook that raises is logged and ignored; the call goes on. In ``acompletion`` and
``aembedding`` a hook may also be a coroutine function: it is awaited.

None of these objects ever holds an API key: ``params`` is the merged parameter set litellm
received, with credentials replaced by ``***``; the key itself is never part of it.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = ["CallContext", "CallResult", "Hook", "ResponseInfo", "Usage", "run_hook"]

log = logging.getLogger("llmhub.runtime")


@dataclass(frozen=True)
class Usage:
    """Token counts reported by the provider (``None`` when it reported none)."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None


class _ByKey:
    """Read access by key as well as by attribute: ``ctx["provider"]`` is ``ctx.provider``.

    The original design handed hooks dicts (``ctx['role']``, ``result['success']``); hooks
    written that way keep working.
    """

    def __getitem__(self, key: str) -> Any:
        if key not in _keys(type(self)):
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        """``self[key]``, or ``default`` when there is no such key."""
        try:
            return self[key]
        except KeyError:
            return default


def _keys(cls: type) -> frozenset[str]:
    known = _KEYS.get(cls)
    if known is None:
        props = {n for c in cls.__mro__ for n, v in vars(c).items() if isinstance(v, property)}
        known = _KEYS[cls] = frozenset({f.name for f in fields(cls)} | props)
    return known


_KEYS: dict[type, frozenset[str]] = {}


@dataclass(frozen=True)
class CallContext(_ByKey):
    """One attempt about to be made: which role, which model, with what.

    Attributes:
        role: the role name the application asked for.
        provider: litellm provider prefix of this attempt (``openai``, ``anthropic``, ...).
        model: model name without the prefix; litellm is called with ``provider/model``.
        mode: ``chat`` or ``embedding`` (the kind of call, from the role's mode).
        params: merged parameters (role or fallback < params_override < kwargs),
            credentials redacted.
        messages: the chat messages (``None`` for embeddings).
        input: the embedding input (``None`` for chat).
        attempt: 1 for the primary model, 2 for the first fallback, ...
        stream: whether the caller asked for a stream.
        fallback_reason: why this attempt happens (the previous attempt's error), or ``None``.
    """

    role: str
    provider: str
    model: str
    mode: str
    params: dict[str, Any]
    messages: list[Any] | None
    input: Any
    attempt: int
    stream: bool = False
    fallback_reason: str | None = None


@dataclass(frozen=True)
class CallResult(_ByKey):
    """One finished attempt. ``success`` is False when it raised; ``error`` then holds it.

    Attributes:
        context: the ``CallContext`` the before-call hook saw.
        success: whether the attempt returned a response (for streams: finished iterating).
        error: the exception, when it failed.
        response: litellm's response object (for streams: ``None``; litellm's stream object
            keeps the SDK's logging state, which holds the API key).
        duration_ms: wall time of the attempt (for streams: until the last chunk).
        usage: token counts (for streams: only with ``stream_options={"include_usage": True}``).
        cost_usd: litellm's cost for the call where it knows the model, else computed from the
            runtime file's prices, else ``None``.
        outcome: ``success``, ``error``, or ``abandoned`` (a stream closed or dropped by the
            application before its end).
    """

    context: CallContext
    success: bool
    error: BaseException | None
    response: Any
    duration_ms: float
    usage: Usage = field(default_factory=Usage)
    cost_usd: float | None = None
    outcome: str = "success"

    # Flat access to the context, so ``result.role`` works as the hook documentation shows.
    @property
    def role(self) -> str:
        return self.context.role

    @property
    def provider(self) -> str:
        return self.context.provider

    @property
    def model(self) -> str:
        return self.context.model

    @property
    def mode(self) -> str:
        return self.context.mode

    @property
    def params(self) -> dict[str, Any]:
        return self.context.params

    @property
    def messages(self) -> list[Any] | None:
        return self.context.messages

    @property
    def input(self) -> Any:
        return self.context.input

    @property
    def attempt(self) -> int:
        return self.context.attempt

    @property
    def fallback_reason(self) -> str | None:
        return self.context.fallback_reason


@dataclass(frozen=True)
class ResponseInfo:
    """Which model answered: attached to every response as ``response.llmhub``.

    Attributes:
        role: the role asked for.
        provider: provider prefix of the model that answered.
        model: the model that answered (without the prefix).
        attempt: 1 when the primary model answered, 2 for the first fallback, ...
        fallback_reason: the error that made the previous attempt fail, or ``None``.
        duration_ms: wall time of the successful attempt (for streams: until the stream opened).
    """

    role: str
    provider: str
    model: str
    attempt: int
    fallback_reason: str | None
    duration_ms: float


Hook = Callable[[Any], Any]


def run_hook(hook: Hook, payload: CallContext | CallResult) -> Any:
    """Call ``hook``; log and swallow whatever it raises. Returns what it returned."""
    try:
        return hook(payload)
    except Exception:
        log.warning(
            "llmhub hook %s raised; the call goes on",
            getattr(hook, "__qualname__", repr(hook)),
            exc_info=True,
        )
        return None


def is_async_hook(hook: Hook) -> bool:
    """Whether ``hook`` is a coroutine function (or an object whose ``__call__`` is one)."""
    return inspect.iscoroutinefunction(hook) or inspect.iscoroutinefunction(
        getattr(hook, "__call__", None)  # noqa: B004
    )


async def arun_hook(hook: Hook, payload: CallContext | CallResult, *, is_async: bool) -> None:
    """``run_hook`` for async calls: a coroutine hook is awaited (its errors swallowed too); a
    plain function runs in a worker thread, so a slow hook does not block the event loop."""
    if not is_async:
        value = await asyncio.to_thread(run_hook, hook, payload)
        if inspect.iscoroutine(value):  # a sync callable that returned a coroutine after all
            await _await_hook(hook, value)
        return
    value = run_hook(hook, payload)
    await _await_hook(hook, value)


async def _await_hook(hook: Hook, value: Any) -> None:
    if inspect.isawaitable(value):
        try:
            await value
        except Exception:
            log.warning(
                "llmhub hook %s raised; the call goes on",
                getattr(hook, "__qualname__", repr(hook)),
                exc_info=True,
            )


def discard_awaitable(value: Any) -> None:
    """A coroutine hook in a sync call cannot be awaited: close it so Python does not warn."""
    if inspect.iscoroutine(value):
        value.close()
        log.warning("llmhub hook returned a coroutine in a sync call; it was not run")
