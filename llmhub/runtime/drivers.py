"""The two thin drivers of the attempt loop (``llmhub.runtime.attempts``): sync and asyncio.

A driver does the loop's I/O and nothing else: it calls the model a ``Step`` names, with llmhub
itself keeping the deadline (a worker thread, or ``asyncio.wait_for``), runs the hooks a
``HookCall`` names (a sync hook in an async call runs in a worker thread, off the event loop),
and hands each outcome back to the loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from functools import partial
from typing import Any

from llmhub.runtime import gateway
from llmhub.runtime.attempts import Action, HookCall, Hooks, Request, attempts
from llmhub.runtime.gateway import GATEWAY_PROVIDER
from llmhub.runtime.hooks import arun_hook, discard_awaitable, run_hook
from llmhub.runtime.plan import credentials
from llmhub.runtime.workers import run_with_deadline

__all__ = ["adrive", "drive"]

# llmhub's deadline trails the SDK's (given the same figure) by this much, so that the SDK's own
# timeout error, when it works, is the one reported; llmhub's is the backstop.
_GRACE = 0.1


def drive(hooks: Hooks, request: Request) -> Any:
    """Run the attempt loop of ``request`` in this thread; returns what the loop returns."""
    loop = attempts(hooks, request, is_async=False)
    action: Action | _Done = next(loop)
    while not isinstance(action, _Done):
        action = _resume(loop, _do(request, action))
    return action.value


async def adrive(hooks: Hooks, request: Request) -> Any:
    """``drive`` for asyncio."""
    loop = attempts(hooks, request, is_async=True)
    action: Action | _Done = next(loop)
    while not isinstance(action, _Done):
        action = _resume(loop, await _ado(request, action))
    return action.value


# What a step came to: its response, or the exception it raised.
_Outcome = tuple[Any, Exception | None]
_NOTHING: _Outcome = (None, None)


@dataclass(frozen=True, slots=True)
class _Done:
    value: Any


def _resume(loop: Generator[Action, Any, Any], outcome: _Outcome) -> Action | _Done:
    """Hand ``outcome`` back to the loop; its next action, or ``_Done`` with what it returned.

    Called outside any ``except`` block, so nothing the loop raises chains to a step's error.
    """
    response, error = outcome
    try:
        return loop.send(response) if error is None else loop.throw(error)
    except StopIteration as done:
        return _Done(done.value)


def _do(request: Request, action: Action) -> _Outcome:
    if isinstance(action, HookCall):
        discard_awaitable(run_hook(action.hook, action.payload))
        return _NOTHING
    target, call, payload = action.target, action.call, request.payload
    try:
        credentials(target, call)
        if target.provider == GATEWAY_PROVIDER:  # the OpenAI SDK, cheaper than litellm
            fn = partial(
                gateway.call, request.fn, request.mode, target.litellm_model, payload, call
            )
            return _bounded(fn, action.limit), None
        key = "messages" if request.mode == "chat" else "input"
        model = target.litellm_model
        return _bounded(request.fn, action.limit, model=model, **{key: payload}, **call), None
    except Exception as exc:
        return None, exc


async def _ado(request: Request, action: Action) -> _Outcome:
    if isinstance(action, HookCall):  # a sync hook runs in a worker thread, off the event loop
        await arun_hook(action.hook, action.payload, is_async=action.is_async)
        return _NOTHING
    target, call, payload, fn = action.target, action.call, request.payload, request.fn
    try:
        credentials(target, call)
        pending: Awaitable[Any]
        if target.provider == GATEWAY_PROVIDER:
            pending = gateway.acall(fn, request.mode, target.litellm_model, payload, call)
        elif request.mode == "chat":
            pending = fn(model=target.litellm_model, messages=payload, **call)
        else:
            pending = fn(model=target.litellm_model, input=payload, **call)
        # llmhub enforces the timeout itself: an SDK may not (a slow drip of bytes).
        try:
            return await _deadline(pending, action.limit + _GRACE), None
        except asyncio.TimeoutError:
            raise TimeoutError(_no_answer(action.limit)) from None
    except Exception as exc:
        return None, exc


async def _deadline(pending: Awaitable[Any], seconds: float) -> Any:
    """``await pending`` for at most ``seconds``.

    ``wait_for`` rather than ``asyncio.timeout``: the call runs in its own task, so a library
    that swallows a cancellation inside it cannot hold the caller past the deadline.
    """
    return await asyncio.wait_for(pending, seconds)


def _bounded(fn: Callable[..., Any], limit: float, **kwargs: Any) -> Any:
    """``fn(**kwargs)``, given up after ``limit`` seconds (the sync twin of ``wait_for``).

    The call runs in a worker thread (kept between calls: ``llmhub.runtime.workers``) so that
    llmhub, not the SDK alone, keeps the deadline: an SDK's timeout is per read, and a slow drip
    of bytes (or its first-call set-up) can outlast it. A call given up on finishes in the
    background, bounded by the SDK's timeout.
    """
    answered, value = run_with_deadline(fn, limit + _GRACE, **kwargs)
    if not answered:
        raise TimeoutError(_no_answer(limit))
    return value


def _no_answer(limit: float) -> str:
    return (
        f"timed out: no answer within {limit:g} s (llmhub's deadline; set `timeout` for the role)"
    )
