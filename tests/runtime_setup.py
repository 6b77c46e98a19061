"""Runtime files pointing at the loopback LLM server, shared by the runtime tests.

litellm itself is imported once per pytest process (the first hub call does it), so the runtime
tests share its multi-second import.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import gc
import os
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

from tests.fake_llm import FakeLLM

# Warnings raised inside litellm's own code (not ours to fix): with the installed pydantic, its
# ReadOnly TypedDicts and its stream usage builder reading model_fields on an instance; and,
# under concurrency, HTTP clients it creates per thread or loop and drops without closing, whose
# sockets Python reports when they are garbage-collected. Everything else stays an error.
# Use as ``pytestmark = LITELLM_WARNINGS`` with ``teardown_module`` imported from here.
LITELLM_WARNINGS = [
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <socket.socket:pytest.PytestUnraisableExceptionWarning"
    ),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <function BaseEventLoop.__del__"
        ":pytest.PytestUnraisableExceptionWarning"
    ),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <function _SelectorTransport.__del__"
        ":pytest.PytestUnraisableExceptionWarning"
    ),
    pytest.mark.filterwarnings("ignore:Item.*ReadOnly. qualifier:UserWarning"),
    pytest.mark.filterwarnings(
        "ignore:Accessing the 'model_(computed_)?fields' attribute on the instance"
        ":pydantic.warnings.PydanticDeprecatedSince211"
    ),
]

KEY_VAR = "LLMHUB_TEST_TEAM_KEY"  # any variable name works: the runtime file names it
SENTINEL = "sk-llmhub-SENTINEL-5f0c2a9e7d41b3"
# Tests that import litellm directly must not make it fetch its cost map from GitHub either.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

T = TypeVar("T")
MESSAGES = [{"role": "user", "content": "hello there"}]


def runtime_dict(
    fake: FakeLLM,
    roles: dict[str, dict[str, Any]] | None = None,
    defaults: dict[str, Any] | None = None,
    providers: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A runtime file body whose ``openai`` provider is the fake server, keyed by ``KEY_VAR``."""
    body: dict[str, Any] = {
        "project": "tests",
        "env": "test",
        "providers": providers or {"openai": {"env_key": KEY_VAR, "api_base": fake.url}},
        "roles": roles
        or {
            "chat": {"provider": "openai", "model": "gpt-4o-mini", "mode": "chat"},
            "embed": {
                "provider": "openai",
                "model": "text-embedding-3-small",
                "mode": "embedding",
                "params": {"embedding_dim": 6},
            },
        },
    }
    if defaults is not None:
        body["defaults"] = defaults
    return body


def write_runtime(path: Path, body: dict[str, Any]) -> Path:
    """Write ``body`` as a real runtime file and return its path."""
    path.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    return path


def with_fallbacks(primary: str, *fallbacks: str, **role: Any) -> dict[str, Any]:
    """A chat role on the fake server: ``primary`` then each fallback model, in order."""
    return {
        "provider": "openai",
        "model": primary,
        "mode": "chat",
        "fallbacks": [{"provider": "openai", "model": m} for m in fallbacks],
        **role,
    }


def teardown_module() -> None:
    """Collect litellm's dropped clients while this module's warning filters still apply."""
    gc.collect()


_loop: asyncio.AbstractEventLoop | None = None


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` on one event loop shared by every runtime test.

    litellm caches its async HTTP clients per event loop and its logging worker follows the
    loop; a fresh ``asyncio.run`` per test would orphan those (and their sockets) each time.
    """
    global _loop
    if _loop is None or _loop.is_closed():
        _loop = asyncio.new_event_loop()
        atexit.register(_close_loop, _loop)
    return _loop.run_until_complete(coro)


def _close_loop(loop: asyncio.AbstractEventLoop) -> None:
    import litellm

    with contextlib.suppress(Exception):
        loop.run_until_complete(litellm.close_litellm_async_clients())
    loop.close()
