"""One hub shared by 32 threads and by 200 asyncio tasks: every answer matches its own prompt."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from llmhub.runtime import CallResult, LLMHub
from tests.fake_llm import FakeLLM, error, ok
from tests.runtime_setup import (
    LITELLM_WARNINGS,
    run_async,
    runtime_dict,
    teardown_module,  # noqa: F401  (pytest calls it: collects litellm's garbage here)
    with_fallbacks,
    write_runtime,
)

pytestmark = LITELLM_WARNINGS


@pytest.fixture
def shared(fake_llm: FakeLLM, tmp_path: Path, team_key: str):
    """A hub with a steady role and a flaky one (its primary always 429s), and its hook log."""
    fake_llm.script("flaky-primary", error(429))
    fake_llm.script("*", ok(delay=0.005))  # small delay so requests overlap on the server
    roles = {
        "steady": with_fallbacks("steady-model"),
        "flaky": with_fallbacks("flaky-primary", "flaky-backup"),
    }
    results: list[CallResult] = []
    lock = threading.Lock()

    def after(result: CallResult) -> None:
        with lock:
            results.append(result)

    path = write_runtime(tmp_path / "llmhub.yaml", runtime_dict(fake_llm, roles=roles))
    return LLMHub(config_path=path, on_after_call=after), results


def _check(role: str, prompt: str, reply) -> None:
    assert reply.choices[0].message.content == f"echo: {prompt}"
    expected = ("steady-model", 1) if role == "steady" else ("flaky-backup", 2)
    assert (reply.llmhub.role, reply.llmhub.model, reply.llmhub.attempt) == (role, *expected)


def _check_hooks(results: list[CallResult], calls: int, flaky: int) -> None:
    # One result per attempt; every successful result's response answers its own messages.
    assert len(results) == calls + flaky
    assert sum(not r.success for r in results) == flaky
    for r in results:
        if r.success:
            prompt = r.messages[0]["content"]
            assert r.response.choices[0].message.content == f"echo: {prompt}"
            assert r.response.llmhub.role == r.role


def test_32_threads_share_one_hub(shared) -> None:
    hub, results = shared
    per_thread = 4
    barrier = threading.Barrier(32)

    def worker(t: int) -> int:
        barrier.wait()  # start together, so calls really overlap
        for i in range(per_thread):
            role = "steady" if (t + i) % 2 else "flaky"
            prompt = f"thread {t} call {i}"
            _check(role, prompt, hub.completion(role, [{"role": "user", "content": prompt}]))
        return per_thread

    with ThreadPoolExecutor(max_workers=32) as pool:
        done = sum(pool.map(worker, range(32)))
    assert done == 32 * per_thread
    _check_hooks(results, calls=done, flaky=done // 2)


def test_200_asyncio_tasks_share_one_hub(shared) -> None:
    hub, results = shared

    async def one(n: int) -> None:
        role = "steady" if n % 2 else "flaky"
        prompt = f"task {n}"
        _check(role, prompt, await hub.acompletion(role, [{"role": "user", "content": prompt}]))

    async def main() -> None:
        await asyncio.gather(*(one(n) for n in range(200)))

    run_async(main())
    _check_hooks(results, calls=200, flaky=100)
