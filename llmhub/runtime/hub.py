"""``LLMHub``: call models by role, as ``llmhub.yaml`` says, through litellm.

One hub is meant to be created at start-up and shared: it holds no per-call state, so any number
of threads and asyncio tasks may call it at once. litellm is imported on the first call (or by
``warmup()``), never at import time.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import logging
import os
import threading
import time
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from llmhub.errors import (
    AllAttemptsFailedError,
    Attempt,
    EnvVarMissingError,
    RoleModeError,
    UnknownRoleError,
)
from llmhub.runtime import backend, gateway
from llmhub.runtime.config import RuntimeConfig, load_runtime
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
from llmhub.runtime.plan import (
    CHAT_MODES,
    EMBEDDING_MODES,
    Plan,
    Target,
    build_plans,
    config_from_object,
    credentials,
    default_plan,
    env_keys_in_use,
    merge_params,
)
from llmhub.runtime.secrets import (
    install_log_filter,
    redact_params,
    safe_exception,
    watch_env_keys,
)
from llmhub.runtime.stream import observe

__all__ = ["LLMHub"]

log = logging.getLogger("llmhub.runtime")
_perf = time.perf_counter


class LLMHub:
    """Calls the model each role names in the runtime file, with fallbacks, hooks and cost.

    Args:
        config_path: the runtime file to read.
        config_obj: a ``RuntimeConfig`` (or a mapping of the same shape) instead of a file.
            Give at most one of the two; with neither, ``$LLMHUB_CONFIG`` or ``./llmhub.yaml``.
        strict_env: raise ``EnvVarMissingError`` now if a provider the roles use has its
            ``env_key`` unset (otherwise that provider's attempts fail at call time, and the
            role's fallbacks are tried).
        on_before_call: called with a ``CallContext`` before every attempt.
        on_after_call: called with a ``CallResult`` after every attempt.
        env_file: a ``.env`` file whose keys fill in variables the process does not set
            (default: ``$LLMHUB_ENV_FILE``, else a ``.env`` beside the runtime file). The
            process environment always wins over the file.

    Raises:
        ConfigError: the runtime file is missing or invalid (with file and line).
        UnknownProviderError: a role names an undeclared provider.
        EnvVarMissingError: with ``strict_env``, a needed key variable is unset.
    """

    def __init__(
        self,
        config_path: str | Path | None = None,
        config_obj: RuntimeConfig | Mapping[str, Any] | None = None,
        strict_env: bool = False,
        on_before_call: Hook | None = None,
        on_after_call: Hook | None = None,
        env_file: str | Path | None = None,
    ) -> None:
        if config_path is not None and config_obj is not None:
            raise ValueError("give config_path or config_obj, not both")
        self.config_path: str | None
        if config_obj is not None:
            self.config = config_from_object(config_obj)
            self.config_path = None
            near: Path | None = None
        else:
            from llmhub.paths import default_runtime_path

            path = Path(config_path) if config_path is not None else default_runtime_path()
            self.config = load_runtime(path)
            self.config_path = str(path)
            near = path
        self._load_env(near, env_file)
        self._plans: dict[str, Plan] = build_plans(self.config)
        self._default_plan = default_plan(self.config)
        self._before = on_before_call
        self._after = on_after_call
        self._before_async = on_before_call is not None and is_async_hook(on_before_call)
        self._after_async = on_after_call is not None and is_async_hook(on_after_call)
        self._hooked = on_before_call is not None or on_after_call is not None
        needed = env_keys_in_use(self.config)
        watch_env_keys(p.env_key for p in self.config.providers.values() if p.env_key)
        install_log_filter()
        if strict_env:
            missing = [k for k in needed if not os.environ.get(k)]
            if missing:
                providers = sorted({p for k in missing for p in needed[k]})
                raise EnvVarMissingError(missing, providers=providers)

    @staticmethod
    def _load_env(near: Path | None, env_file: str | Path | None) -> None:
        from llmhub.envfile import ENV_FILE_ENV, load_env_file

        # A config given as an object has no folder, so only a named .env file is read.
        if near is None and env_file is None and not os.environ.get(ENV_FILE_ENV):
            return
        load_env_file(near, env_file)

    def __repr__(self) -> str:
        where = self.config_path or "<object>"
        return f"<LLMHub config={where!r} project={self.config.project!r} roles={self.roles}>"

    # -- introspection ---------------------------------------------------------------------------
    @property
    def roles(self) -> list[str]:
        """The role names in the runtime file, sorted."""
        return sorted(self._plans)

    def resolve(self, role: str) -> Plan:
        """The plan for ``role``: its mode and the models tried in order.

        Raises:
            UnknownRoleError: no such role, and the file's ``defaults`` names no model.
        """
        plan = self._plans.get(role)
        if plan is None:
            plan = self._default_plan
            if plan is None:
                raise UnknownRoleError(role, list(self._plans), path=self.config_path)
        return plan

    def warmup(self) -> None:
        """Import and configure litellm now, so the first request does not pay for it."""
        backend.load()

    # -- calls -------------------------------------------------------------------------------
    def completion(
        self,
        role: str,
        messages: list[dict[str, Any]],
        params_override: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Chat completion for ``role``; with ``stream=True``, litellm's stream (an iterator).

        Parameters merge ``role params < params_override < kwargs``. The
        response is litellm's ``ModelResponse`` (or ``CustomStreamWrapper``) with an extra
        ``llmhub`` attribute (``ResponseInfo``): which model answered, on which attempt, and why.

        Raises:
            UnknownRoleError: no such role.
            RoleModeError: the role is not a chat role.
            AllAttemptsFailedError: the primary model and every fallback failed.
            litellm's exception: a failure that another model would not fix (such as a 400).
        """
        plan = self._plan(role, "completion", CHAT_MODES)
        ll = backend._litellm or backend.load()
        return self._run(role, plan, ll.completion, "chat", messages, params_override, kwargs)

    async def acompletion(
        self,
        role: str,
        messages: list[dict[str, Any]],
        params_override: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """``completion`` for asyncio; with ``stream=True``, an async iterator of chunks."""
        plan = self._plan(role, "acompletion", CHAT_MODES)
        ll = backend._litellm or backend.load()
        return await self._arun(
            role, plan, ll.acompletion, "chat", messages, params_override, kwargs
        )

    def embedding(
        self,
        role: str,
        input: str | list[Any],
        params_override: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Embeddings for ``role``; returns litellm's ``EmbeddingResponse`` (plus ``.llmhub``).

        ``embedding_dim`` (from the runtime file, or passed here) is sent as ``dimensions``;
        chat settings (``temperature``, ``max_tokens``, ...) are never sent.
        Raises as ``completion`` does (``RoleModeError`` when the role is not an embedding role).
        """
        plan = self._plan(role, "embedding", EMBEDDING_MODES)
        ll = backend._litellm or backend.load()
        return self._run(role, plan, ll.embedding, "embedding", input, params_override, kwargs)

    async def aembedding(
        self,
        role: str,
        input: str | list[Any],
        params_override: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """``embedding`` for asyncio."""
        plan = self._plan(role, "aembedding", EMBEDDING_MODES)
        ll = backend._litellm or backend.load()
        return await self._arun(
            role, plan, ll.aembedding, "embedding", input, params_override, kwargs
        )

    # -- the attempt loop --------------------------------------------------------------------
    def _plan(self, role: str, call: str, modes: frozenset[str]) -> Plan:
        plan = self._plans.get(role) or self.resolve(role)
        if plan.mode not in modes:
            raise RoleModeError(role, plan.mode, call, path=self.config_path)
        return plan

    def _run(
        self,
        role: str,
        plan: Plan,
        fn: Any,
        mode: str,
        payload: Any,
        override: Mapping[str, Any] | None,
        kwargs: dict[str, Any],
    ) -> Any:
        attempts: list[Attempt] = []
        reason: str | None = None
        deadline = _perf() + plan.total_timeout
        for number, target in enumerate(plan.targets, 1):
            call = merge_params(target, override, kwargs, mode)
            left = deadline - _perf()
            if left <= 0:
                attempts.append(_out_of_time(target, plan))
                break
            limit = call["timeout"] = min(call["timeout"], left)
            ctx = self._context(role, target, mode, call, payload, number, reason)
            if self._before is not None and ctx is not None:  # ctx is None only without hooks
                discard_awaitable(run_hook(self._before, ctx))
            start = _perf()
            try:
                credentials(target, call)
                if target.provider == GATEWAY_PROVIDER:  # the OpenAI SDK, cheaper than litellm
                    request = partial(gateway.call, fn, mode, target.litellm_model, payload, call)
                    response = _bounded(request, limit)
                else:
                    key = "messages" if mode == "chat" else "input"
                    response = _bounded(
                        fn, limit, model=target.litellm_model, **{key: payload}, **call
                    )
            except Exception as exc:
                call.pop("api_key", None)
                safe = safe_exception(exc)
                if self._after is not None and ctx is not None:
                    ms = (_perf() - start) * 1000
                    result = CallResult(ctx, False, safe, None, ms, outcome="error")
                    discard_awaitable(run_hook(self._after, result))
                reason = self._failed(role, plan, number, target, safe, attempts)
                continue
            call.pop("api_key", None)
            if target.provider == GATEWAY_PROVIDER:  # the proxy names the model that answered
                target, ctx = gateway.answered(target, ctx, response)
            ms = (_perf() - start) * 1000
            info = ResponseInfo(role, target.provider, target.model, number, reason, ms)
            # object.__setattr__: on litellm's pydantic responses this keeps ``llmhub`` out of
            # model_dump()/JSON, so the response serializes exactly as litellm's would.
            object.__setattr__(response, "llmhub", info)
            if self._after is not None:
                return self._report(ctx, target, response, start, call)
            return response
        raise AllAttemptsFailedError(role, attempts) from None

    async def _arun(
        self,
        role: str,
        plan: Plan,
        fn: Any,
        mode: str,
        payload: Any,
        override: Mapping[str, Any] | None,
        kwargs: dict[str, Any],
    ) -> Any:
        attempts: list[Attempt] = []
        reason: str | None = None
        deadline = _perf() + plan.total_timeout
        for number, target in enumerate(plan.targets, 1):
            call = merge_params(target, override, kwargs, mode)
            left = deadline - _perf()
            if left <= 0:
                attempts.append(_out_of_time(target, plan))
                break
            limit = call["timeout"] = min(call["timeout"], left)
            ctx = self._context(role, target, mode, call, payload, number, reason)
            if self._before is not None and ctx is not None:  # ctx is None only without hooks
                await arun_hook(self._before, ctx, is_async=self._before_async)
            start = _perf()
            try:
                credentials(target, call)
                if target.provider == GATEWAY_PROVIDER:
                    pending = gateway.acall(fn, mode, target.litellm_model, payload, call)
                elif mode == "chat":
                    pending = fn(model=target.litellm_model, messages=payload, **call)
                else:
                    pending = fn(model=target.litellm_model, input=payload, **call)
                # llmhub enforces the timeout itself: an SDK may not (a slow drip of bytes).
                try:
                    response = await _deadline(pending, limit + _GRACE)
                except asyncio.TimeoutError:
                    raise TimeoutError(
                        f"no answer within {limit:g} s (llmhub timeout; set `timeout` for the role)"
                    ) from None
            except Exception as exc:
                call.pop("api_key", None)
                safe = safe_exception(exc)
                if self._after is not None and ctx is not None:
                    ms = (_perf() - start) * 1000
                    await arun_hook(
                        self._after,
                        CallResult(ctx, False, safe, None, ms, outcome="error"),
                        is_async=self._after_async,
                    )
                reason = self._failed(role, plan, number, target, safe, attempts)
                continue
            call.pop("api_key", None)
            if target.provider == GATEWAY_PROVIDER:
                target, ctx = gateway.answered(target, ctx, response)
            ms = (_perf() - start) * 1000
            info = ResponseInfo(role, target.provider, target.model, number, reason, ms)
            object.__setattr__(response, "llmhub", info)
            if self._after is not None:
                return await self._areport(ctx, target, response, start, call)
            return response
        raise AllAttemptsFailedError(role, attempts) from None

    def _context(
        self,
        role: str,
        target: Target,
        mode: str,
        call: dict[str, Any],
        payload: Any,
        number: int,
        reason: str | None,
    ) -> CallContext | None:
        if not self._hooked:
            return None  # nothing will read it: skip the copy on the hot path
        chat = mode == "chat"
        return CallContext(
            role=role,
            provider=target.provider,
            model=target.model,
            mode=mode,
            params=redact_params(call),
            messages=payload if chat else None,
            input=None if chat else payload,
            attempt=number,
            stream=bool(call.get("stream")),
            fallback_reason=reason,
        )

    def _failed(
        self,
        role: str,
        plan: Plan,
        number: int,
        target: Target,
        exc: Exception,
        attempts: list[Attempt],
    ) -> str:
        """Record a failed attempt; re-raise it unless another model might succeed."""
        name, message = backend.describe(exc)
        if not backend.is_retryable(exc):
            log.debug("role %r: %s failed (%s), not retried", role, target.litellm_model, name)
            raise exc from None
        attempts.append(Attempt(target.provider, target.model, name, message))
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

    def _report(
        self, ctx: Any, target: Target, response: Any, start: float, call: dict[str, Any]
    ) -> Any:
        """Run the after-call hook (for a stream: when it ends); returns what to hand back."""
        assert self._after is not None
        after = self._after
        if call.get("stream"):

            def finish(stream: Any, usage: Usage, error: BaseException | None) -> None:
                result = _stream_result(ctx, target, stream, start, usage, error)
                discard_awaitable(run_hook(after, result))

            return observe(response, finish=finish, abandon=_abandon(ctx, target, start, after))
        usage = backend.usage_of(response)
        cost = backend.cost_of(response, target, usage, ask_litellm=False)
        ms = (_perf() - start) * 1000
        discard_awaitable(run_hook(after, CallResult(ctx, True, None, response, ms, usage, cost)))
        return response

    async def _areport(
        self, ctx: Any, target: Target, response: Any, start: float, call: dict[str, Any]
    ) -> Any:
        assert self._after is not None
        after, is_async = self._after, self._after_async
        if call.get("stream"):

            async def afinish(stream: Any, usage: Usage, error: BaseException | None) -> None:
                result = _stream_result(ctx, target, stream, start, usage, error)
                await arun_hook(after, result, is_async=is_async)

            abandon = _abandon(ctx, target, start, after)
            return observe(response, afinish=afinish, abandon=abandon)
        usage = backend.usage_of(response)
        cost = backend.cost_of(response, target, usage, ask_litellm=False)
        ms = (_perf() - start) * 1000
        result = CallResult(ctx, True, None, response, ms, usage, cost)
        await arun_hook(after, result, is_async=is_async)
        return response


_pending: set[asyncio.Task[Any]] = set()
# llmhub's deadline trails the SDK's (given the same figure) by this much, so that the SDK's own
# timeout error, when it works, is the one reported; llmhub's is the backstop.
_GRACE = 0.1


def _stream_result(
    ctx: Any, target: Target, stream: Any, start: float, usage: Usage, error: BaseException | None
) -> CallResult:
    cost = None if error else backend.cost_of(None, target, usage, ask_litellm=True)
    ms = (_perf() - start) * 1000
    outcome = "success" if error is None else "error"
    # Not the stream itself: litellm's stream keeps its logging state, and that holds the key.
    return CallResult(ctx, error is None, _safe(error), None, ms, usage, cost, outcome)


def _abandon(ctx: Any, target: Target, start: float, after: Hook) -> Any:
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


async def _deadline(pending: Any, seconds: float) -> Any:
    """``await pending`` for at most ``seconds``.

    ``wait_for`` rather than ``asyncio.timeout``: the call runs in its own task, so a library
    that swallows a cancellation inside it cannot hold the caller past the deadline.
    """
    return await asyncio.wait_for(pending, seconds)


def _bounded(fn: Any, limit: float, **kwargs: Any) -> Any:
    """``fn(**kwargs)``, given up after ``limit`` seconds (the sync twin of ``wait_for``).

    The call runs in a worker thread so that llmhub, not the SDK alone, keeps the deadline:
    an SDK's timeout is per read, and a slow drip of bytes (or its first-call set-up) can
    outlast it. A call given up on finishes in the background, bounded by the SDK's timeout.
    """
    box: dict[str, Any] = {}
    context = contextvars.copy_context()

    def work() -> None:
        try:
            box["value"] = context.run(fn, **kwargs)
        except BaseException as exc:  # handed back to the caller's thread below
            box["error"] = exc

    worker = threading.Thread(target=work, name="llmhub-call", daemon=True)
    worker.start()
    worker.join(limit + _GRACE)
    if worker.is_alive():
        raise TimeoutError(
            f"no answer within {limit:g} s (llmhub timeout; set `timeout` for the role)"
        )
    if "error" in box:
        raise box.pop("error")
    return box["value"]


def _out_of_time(target: Target, plan: Plan) -> Attempt:
    return Attempt(
        target.provider,
        target.model,
        "TimeoutError",
        f"not tried: the role's total_timeout of {plan.total_timeout:g} s was used up",
    )


def _safe(exc: BaseException | None) -> Any:
    """``exc`` cleaned of keys and of the chain that leads to the SDK's request (in place)."""
    return None if exc is None else safe_exception(exc)
