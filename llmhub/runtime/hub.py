"""``LLMHub``: call models by role, as ``llmhub.yaml`` says, through litellm.

One hub is meant to be created at start-up and shared: it holds no per-call state, so any number
of threads and asyncio tasks may call it at once. litellm is imported on the first call (or by
``warmup()``), never at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from llmhub.errors import EnvVarMissingError, RoleModeError, UnknownRoleError
from llmhub.runtime import backend
from llmhub.runtime.attempts import Hooks, Request
from llmhub.runtime.config import RuntimeConfig, load_runtime
from llmhub.runtime.drivers import adrive, drive
from llmhub.runtime.hooks import Hook
from llmhub.runtime.plan import (
    CHAT_MODES,
    EMBEDDING_MODES,
    Plan,
    build_plans,
    config_from_object,
    default_plan,
    env_keys_in_use,
)
from llmhub.runtime.secrets import install_log_filter, watch_env_keys

__all__ = ["LLMHub"]


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
        self._hooks = Hooks.of(on_before_call, on_after_call)
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
        request = Request(role, plan, ll.completion, "chat", messages, params_override, kwargs)
        return drive(self._hooks, request)

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
        request = Request(role, plan, ll.acompletion, "chat", messages, params_override, kwargs)
        return await adrive(self._hooks, request)

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
        request = Request(role, plan, ll.embedding, "embedding", input, params_override, kwargs)
        return drive(self._hooks, request)

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
        request = Request(role, plan, ll.aembedding, "embedding", input, params_override, kwargs)
        return await adrive(self._hooks, request)

    # -- which plan a call uses (the attempts themselves: llmhub.runtime.attempts) -------------
    def _plan(self, role: str, call: str, modes: frozenset[str]) -> Plan:
        plan = self._plans.get(role) or self.resolve(role)
        if plan.mode not in modes:
            raise RoleModeError(role, plan.mode, call, path=self.config_path)
        return plan
