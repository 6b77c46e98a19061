"""``LLMHub``: call models by role, as ``llmhub.yaml`` says, through litellm.

One hub is meant to be created at start-up and shared: it holds no per-call state, so any number
of threads and asyncio tasks may call it at once. litellm is imported on the first call (or by
``warmup()``), never at import time.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from llmhub.errors import (
    AllAttemptsFailedError,
    Attempt,
    EnvVarMissingError,
    ProviderCallError,
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
from llmhub.runtime.secrets import install_log_filter, redact_params, scrub, watch_env_keys
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
        last: BaseException | None = None
        for number, target in enumerate(plan.targets, 1):
            call = merge_params(target, override, kwargs, mode)
            ctx = self._context(role, target, mode, call, payload, number, reason)
            if self._before is not None:
                discard_awaitable(run_hook(self._before, ctx))
            start = _perf()
            try:
                credentials(target, call)
                if target.provider == GATEWAY_PROVIDER:  # the OpenAI SDK, cheaper than litellm
                    response = gateway.call(fn, mode, target.litellm_model, payload, call)
                elif mode == "chat":
                    response = fn(model=target.litellm_model, messages=payload, **call)
                else:
                    response = fn(model=target.litellm_model, input=payload, **call)
            except Exception as exc:
                if self._after is not None:
                    ms = (_perf() - start) * 1000
                    discard_awaitable(
                        run_hook(self._after, CallResult(ctx, False, _safe(exc), None, ms))
                    )
                reason = self._failed(role, plan, number, target, exc, attempts)
                last = exc
                continue
            if target.provider == GATEWAY_PROVIDER:  # the proxy names the model that answered
                target, ctx = gateway.answered(target, ctx, response)
            ms = (_perf() - start) * 1000
            info = ResponseInfo(role, target.provider, target.model, number, reason, ms)
            # object.__setattr__: on litellm's pydantic responses this keeps ``llmhub`` out of
            # model_dump()/JSON, so the response serializes exactly as litellm's would.
            object.__setattr__(response, "llmhub", info)
            if self._after is not None:
                self._report(ctx, target, response, start, call)
            return response
        raise _all_failed(role, attempts, last)

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
        last: BaseException | None = None
        for number, target in enumerate(plan.targets, 1):
            call = merge_params(target, override, kwargs, mode)
            ctx = self._context(role, target, mode, call, payload, number, reason)
            if self._before is not None:
                await arun_hook(self._before, ctx)
            start = _perf()
            try:
                credentials(target, call)
                if target.provider == GATEWAY_PROVIDER:
                    response = await gateway.acall(fn, mode, target.litellm_model, payload, call)
                elif mode == "chat":
                    response = await fn(model=target.litellm_model, messages=payload, **call)
                else:
                    response = await fn(model=target.litellm_model, input=payload, **call)
            except Exception as exc:
                if self._after is not None:
                    ms = (_perf() - start) * 1000
                    await arun_hook(self._after, CallResult(ctx, False, _safe(exc), None, ms))
                reason = self._failed(role, plan, number, target, exc, attempts)
                last = exc
                continue
            if target.provider == GATEWAY_PROVIDER:
                target, ctx = gateway.answered(target, ctx, response)
            ms = (_perf() - start) * 1000
            info = ResponseInfo(role, target.provider, target.model, number, reason, ms)
            object.__setattr__(response, "llmhub", info)
            if self._after is not None:
                await self._areport(ctx, target, response, start, call)
            return response
        raise _all_failed(role, attempts, last)

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
            safe = _safe(exc)
            if safe is exc:
                raise exc
            raise safe from None
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
    ) -> None:
        assert self._after is not None
        after = self._after
        if call.get("stream"):

            def finish(usage: Usage, error: BaseException | None) -> None:
                cost = None if error else backend.cost_of(None, target, usage, ask_litellm=True)
                ms = (_perf() - start) * 1000
                result = CallResult(ctx, error is None, _safe(error), response, ms, usage, cost)
                discard_awaitable(run_hook(after, result))

            observe(response, finish=finish)
            return
        usage = backend.usage_of(response)
        cost = backend.cost_of(response, target, usage, ask_litellm=False)
        ms = (_perf() - start) * 1000
        discard_awaitable(run_hook(after, CallResult(ctx, True, None, response, ms, usage, cost)))

    async def _areport(
        self, ctx: Any, target: Target, response: Any, start: float, call: dict[str, Any]
    ) -> None:
        assert self._after is not None
        after = self._after
        if call.get("stream"):

            async def afinish(usage: Usage, error: BaseException | None) -> None:
                cost = None if error else backend.cost_of(None, target, usage, ask_litellm=True)
                ms = (_perf() - start) * 1000
                await arun_hook(
                    after, CallResult(ctx, error is None, _safe(error), response, ms, usage, cost)
                )

            observe(response, afinish=afinish)
            return
        usage = backend.usage_of(response)
        cost = backend.cost_of(response, target, usage, ask_litellm=False)
        ms = (_perf() - start) * 1000
        await arun_hook(after, CallResult(ctx, True, None, response, ms, usage, cost))


def _safe(exc: BaseException | None) -> Any:
    """``exc`` itself, or, when a provider echoed a key into it, a ProviderCallError without it.

    The replacement keeps the class name and status in its message but drops the original
    (whose ``body``, ``response`` and ``args`` would still hold the key).
    """
    if exc is None:
        return None
    text = f"{exc}\n{exc!r}\n{getattr(exc, 'body', '')}"
    if scrub(text) == text:
        return exc
    status = getattr(exc, "status_code", None)
    where = f" (HTTP {status})" if status else ""
    return ProviderCallError(f"{type(exc).__name__}{where}: {scrub(str(exc))}")


def _all_failed(
    role: str, attempts: list[Attempt], last: BaseException | None
) -> AllAttemptsFailedError:
    """The error to raise; chained to the last failure unless its text holds a key."""
    err = AllAttemptsFailedError(role, attempts)
    if last is not None and _safe(last) is last:
        err.__cause__ = last  # keep the provider's traceback for debugging
    else:
        err.__suppress_context__ = True  # a provider echoed a key: the attempts say enough
    return err
