"""The attempt loop of one call, written once for the sync and the async paths.

``attempts`` is a generator: it decides which model to try next, with which parameters and
deadline, builds the hook payloads and ``response.llmhub``, and records why each attempt
failed. It does no I/O itself. It yields what has to be done next: a ``Step`` (call this
model) or a ``HookCall`` (run this hook with this payload). The drivers in
``llmhub.runtime.drivers`` do that work, the sync one in worker threads, the async one under
``asyncio.wait_for``, and hand the outcome back: a response through ``send()``, a failure
through ``throw()``, so the loop below reads like a plain ``try``/``except``. A fix to
fallbacks, retries, timeouts, hooks or cost is made here, once.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import math
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Any

from llmhub.errors import AllAttemptsFailedError, Attempt
from llmhub.runtime import backend, gateway
from llmhub.runtime.gateway import GATEWAY_PROVIDER
from llmhub.runtime.hooks import (
    CallContext,
    CallResult,
    Hook,
    ResponseInfo,
    Usage,
    arun_hook,
    discard_awaitable,
    is_async_hook,
    run_hook,
)
from llmhub.runtime.plan import Plan, Target, merge_params
from llmhub.runtime.secrets import redact_params, safe_exception
from llmhub.runtime.stream import observe

__all__ = ["Action", "HookCall", "Hooks", "Request", "Step", "attempts"]

log = logging.getLogger("llmhub.runtime")
_perf = time.perf_counter


@dataclass(frozen=True, slots=True)
class Request:
    """One call as the application made it: ``fn`` is litellm's function for the call."""

    role: str
    plan: Plan
    fn: Callable[..., Any]
    mode: str
    payload: Any
    override: Mapping[str, Any] | None
    kwargs: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Step:
    """Call ``target`` with ``call`` (merged parameters, no key yet), given up after ``limit`` s."""

    target: Target
    call: dict[str, Any]
    limit: float


@dataclass(frozen=True, slots=True)
class HookCall:
    """Run ``hook(payload)``; ``is_async`` says whether the hook is a coroutine function."""

    hook: Hook
    payload: CallContext | CallResult
    is_async: bool


Action = Step | HookCall


@dataclass(frozen=True, slots=True)
class Hooks:
    """The hub's before- and after-call hooks, and whether each is a coroutine function."""

    before: Hook | None = None
    after: Hook | None = None
    before_async: bool = False
    after_async: bool = False

    @classmethod
    def of(cls, before: Hook | None, after: Hook | None) -> Hooks:
        """``Hooks`` for these two hooks (either may be ``None``)."""
        return cls(
            before,
            after,
            before is not None and is_async_hook(before),
            after is not None and is_async_hook(after),
        )

    def context(
        self,
        request: Request,
        target: Target,
        call: dict[str, Any],
        number: int,
        reason: str | None,
    ) -> CallContext | None:
        """The before-call payload of one attempt, or ``None`` when no hook will read it."""
        if self.before is None and self.after is None:
            return None  # nothing will read it: skip the copy on the hot path
        chat = request.mode == "chat"
        return CallContext(
            role=request.role,
            provider=target.provider,
            model=target.model,
            mode=request.mode,
            params=redact_params(call),
            messages=request.payload if chat else None,
            input=None if chat else request.payload,
            attempt=number,
            stream=bool(call.get("stream")),
            fallback_reason=reason,
        )


def attempts(hooks: Hooks, request: Request, *, is_async: bool) -> Generator[Action, Any, Any]:
    """Try the plan's models in order; returns the first response (or its observed stream).

    Receives each ``Step``'s response through ``send()``, or its exception through
    ``throw()``; ``HookCall``s are answered with ``send(None)``. ``is_async`` only chooses how
    a stream's end is reported (the stream is iterated later, outside this loop).

    Raises:
        AllAttemptsFailedError: every model failed with an error another model might not have.
        Exception: an attempt's own error (cleaned of keys) when no other model would fix it.
    """
    role, plan, mode = request.role, request.plan, request.mode
    failures: list[Attempt] = []
    reason: str | None = None
    deadline = _perf() + plan.total_timeout
    for number, target in enumerate(plan.targets, 1):
        call = merge_params(target, request.override, request.kwargs, mode)
        left = deadline - _perf()
        if left <= 0:
            failures.append(_out_of_time(target, plan))
            break
        limit = min(call["timeout"], left)
        # llmhub keeps the exact deadline (``limit``); the SDK's own timeout, its backstop, takes
        # the remaining budget rounded up to whole seconds. litellm builds a new HTTP client, and
        # so a new connection, for every timeout value it has not seen: an exact remainder costs
        # that on every call (about 0.8 ms on loopback).
        call["timeout"] = min(call["timeout"], float(math.ceil(left)))
        ctx = hooks.context(request, target, call, number, reason)
        if hooks.before is not None:
            yield HookCall(hooks.before, _given(ctx), hooks.before_async)
        start = _perf()
        try:
            response = yield Step(target, call, limit)
        except Exception as exc:
            call.pop("api_key", None)
            safe = safe_exception(exc)
            if hooks.after is not None:
                ms = (_perf() - start) * 1000
                result = CallResult(_given(ctx), False, safe, None, ms, outcome="error")
                yield HookCall(hooks.after, result, hooks.after_async)
            reason = _failed(role, plan, number, target, safe, failures)
            continue
        call.pop("api_key", None)
        if target.provider == GATEWAY_PROVIDER:  # the proxy names the model that answered
            target, ctx = gateway.answered(target, ctx, response)
        ms = (_perf() - start) * 1000
        info = ResponseInfo(role, target.provider, target.model, number, reason, ms)
        # object.__setattr__: on litellm's pydantic responses this keeps ``llmhub`` out of
        # model_dump()/JSON, so the response serializes exactly as litellm's would.
        object.__setattr__(response, "llmhub", info)
        if hooks.after is None:
            return response
        if call.get("stream"):  # reported when the application has read it to its end
            return _watch(response, _given(ctx), target, start, hooks, is_async=is_async)
        usage = backend.usage_of(response)
        cost = backend.cost_of(response, target, usage, ask_litellm=False)
        ms = (_perf() - start) * 1000
        result = CallResult(_given(ctx), True, None, response, ms, usage, cost)
        yield HookCall(hooks.after, result, hooks.after_async)
        return response
    raise AllAttemptsFailedError(role, failures) from None


def _given(ctx: CallContext | None) -> CallContext:
    """``ctx`` where a hook is set (``Hooks.context`` builds one whenever a hook is set)."""
    assert ctx is not None
    return ctx


def _failed(
    role: str, plan: Plan, number: int, target: Target, exc: BaseException, failures: list[Attempt]
) -> str:
    """Record a failed attempt; re-raise it unless another model might succeed."""
    name, message = backend.describe(exc)
    if not backend.is_retryable(exc):
        log.debug("role %r: %s failed (%s), not retried", role, target.litellm_model, name)
        raise exc from None
    failures.append(Attempt(target.provider, target.model, name, message))
    if number < len(plan.targets):
        nxt = plan.targets[number]
        # INFO, not WARNING: the fallback is on the response and in the hooks already, and
        # an application without logging set up should not get stderr lines per request.
        log.info(
            "role %r: %s failed (%s: %s); falling back to %s (attempt %d of %d)",
            role,
            target.litellm_model,
            name,
            message,
            nxt.litellm_model,
            number + 1,
            len(plan.targets),
        )
    return f"{target.litellm_model} failed: {name}: {message}"


def _out_of_time(target: Target, plan: Plan) -> Attempt:
    return Attempt(
        target.provider,
        target.model,
        "Timeout",
        f"not tried: the role's total_timeout of {plan.total_timeout:g} s was used up",
    )


# -- streams: reported when they end, fail, or are let go of ------------------------------------
_pending: set[asyncio.Task[Any]] = set()


def _watch(
    response: Any, ctx: CallContext, target: Target, start: float, hooks: Hooks, *, is_async: bool
) -> Any:
    """``response`` (a stream) observed, so the after-call hook runs once when it ends."""
    after = hooks.after
    assert after is not None
    abandon = _abandon(ctx, target, start, after)
    if is_async:
        after_async = hooks.after_async

        async def afinish(stream: Any, usage: Usage, error: BaseException | None) -> None:
            result = _stream_result(ctx, target, start, usage, error)
            await arun_hook(after, result, is_async=after_async)

        return observe(response, afinish=afinish, abandon=abandon)

    def finish(stream: Any, usage: Usage, error: BaseException | None) -> None:
        discard_awaitable(run_hook(after, _stream_result(ctx, target, start, usage, error)))

    return observe(response, finish=finish, abandon=abandon)


def _stream_result(
    ctx: CallContext, target: Target, start: float, usage: Usage, error: BaseException | None
) -> CallResult:
    cost = None if error else backend.cost_of(None, target, usage, ask_litellm=True)
    ms = (_perf() - start) * 1000
    outcome = "success" if error is None else "error"
    safe = None if error is None else safe_exception(error)
    # Not the stream itself: litellm's stream keeps its logging state, and that holds the key.
    return CallResult(ctx, error is None, safe, None, ms, usage, cost, outcome)


def _abandon(
    ctx: CallContext, target: Target, start: float, after: Hook
) -> Callable[[Usage], None]:
    """The report for a stream closed or collected before its end (runs in any thread)."""

    def abandon(usage: Usage) -> None:
        ms = (_perf() - start) * 1000
        cost = backend.cost_of(None, target, usage, ask_litellm=True)
        # The stream itself is not handed over: it may be in the middle of being collected.
        result = CallResult(ctx, False, None, None, ms, usage, cost, "abandoned")
        value = run_hook(after, result)
        if inspect.iscoroutine(value):
            try:
                task = asyncio.get_running_loop().create_task(value)
            except RuntimeError:  # no loop here (a collection in another thread): cannot await
                discard_awaitable(value)
            else:
                _pending.add(task)  # keep it alive until it has run
                task.add_done_callback(_pending.discard)

    return abandon
