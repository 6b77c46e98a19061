"""Benchmark (issue 14): 200 concurrent async calls through ``LLMHub`` with both hooks set
(a sync before-hook, which llmhub runs in a worker thread, and an async after-hook) against
the same 200 calls made directly with ``litellm.acompletion``, on the loopback server.

Rounds alternate (hub, direct, direct, hub, ...); the target is median wall ratio <= 1.05.
The server runs in its own process so it does not compete with the client for the GIL.
Exits 1 when the target is missed.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

TARGET_RATIO = 1.05
CONCURRENT = 200
ROUNDS = int(os.environ.get("LLMHUB_BENCH_SAFETY_ROUNDS", "6"))
KEY_VAR = "LLMHUB_BENCH_KEY"
KEY = "sk-bench-0000000000000000"
MODEL = "gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "How fast is the runtime client?"}]


def _serve(port_queue: mp.Queue, stop: mp.Event) -> None:  # type: ignore[type-arg]
    from tests.fake_llm import FakeLLM

    with FakeLLM() as fake:
        port_queue.put(fake.port)
        stop.wait()


async def _rounds(api_base: str) -> tuple[list[float], list[float]]:
    os.environ[KEY_VAR] = KEY
    from llmhub.runtime import LLMHub

    seen = {"before": 0, "after": 0}

    def before(ctx: object) -> None:
        seen["before"] += 1

    async def after(result: object) -> None:
        seen["after"] += 1

    config = {
        "providers": {"openai": {"env_key": KEY_VAR, "api_base": api_base}},
        "roles": {"bench": {"provider": "openai", "model": MODEL, "params": {"max_tokens": 64}}},
    }
    hub = LLMHub(config_obj=config, on_before_call=before, on_after_call=after)
    hub.warmup()
    import litellm

    direct = {
        "api_key": KEY,
        "api_base": api_base,
        "max_tokens": 64,
        "max_retries": 0,
        "timeout": 60.0,
    }
    model = f"openai/{MODEL}"

    async def via_hub() -> float:
        start = time.perf_counter()
        await asyncio.gather(*(hub.acompletion("bench", MESSAGES) for _ in range(CONCURRENT)))
        return time.perf_counter() - start

    async def via_litellm() -> float:
        start = time.perf_counter()
        await asyncio.gather(
            *(
                litellm.acompletion(model=model, messages=MESSAGES, **direct)
                for _ in range(CONCURRENT)
            )
        )
        return time.perf_counter() - start

    await via_hub()  # warm both paths: clients, connection pools, caches
    await via_litellm()
    hub_s: list[float] = []
    direct_s: list[float] = []
    for i in range(ROUNDS):
        order = (via_hub, via_litellm) if i % 2 == 0 else (via_litellm, via_hub)
        for fn in order:
            (hub_s if fn is via_hub else direct_s).append(await fn())
    assert seen["before"] == seen["after"] == CONCURRENT * (ROUNDS + 1)
    return hub_s, direct_s


def main() -> int:
    ctx = mp.get_context("spawn")
    ports, stop = ctx.Queue(), ctx.Event()
    server = ctx.Process(target=_serve, args=(ports, stop), daemon=True)
    server.start()
    try:
        api_base = f"http://127.0.0.1:{ports.get(timeout=30)}/v1"
        hub_s, direct_s = asyncio.run(_rounds(api_base))
    finally:
        stop.set()
        server.join(timeout=5)
    hub_m, direct_m = statistics.median(hub_s), statistics.median(direct_s)
    ratio = hub_m / direct_m
    print(
        f"{CONCURRENT} concurrent acompletion calls, {ROUNDS} rounds each: "
        f"LLMHub (hooks set) median {hub_m * 1000:.0f} ms, "
        f"litellm.acompletion median {direct_m * 1000:.0f} ms, ratio {ratio:.3f} "
        f"(target <= {TARGET_RATIO})"
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
