"""Benchmark: what the runtime client costs on top of litellm, measured side by side.

1. Import time of ``llmhub.runtime`` and of ``litellm`` (medians of fresh subprocesses).
2. Per-call overhead: ``hub.completion`` interleaved with direct ``litellm.completion`` on the
   same model, server and arguments (target: median ratio <= 1.03).
3. Streaming time to first chunk, the same way (target: median ratio <= 1.03).

The loopback OpenAI-compatible server (tests/fake_llm.py) runs in its own process, so it does
not compete with the client for the GIL. Exits 1 when a target is missed.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _timing import PY, side_by_side, summarize

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

TARGET_RATIO = 1.03
KEY_VAR = "LLMHUB_BENCH_KEY"
KEY = "sk-bench-0000000000000000"
MODEL = "gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "How fast is the runtime client?"}]
IMPORT_RUNS = int(os.environ.get("LLMHUB_BENCH_IMPORT_RUNS", "5"))
CALLS = int(os.environ.get("LLMHUB_BENCH_CALLS", "500"))
STREAMS = int(os.environ.get("LLMHUB_BENCH_STREAMS", "500"))


def _serve(port_queue: mp.Queue, stop: mp.Event) -> None:  # type: ignore[type-arg]
    from tests.fake_llm import FakeLLM

    with FakeLLM() as fake:
        port_queue.put(fake.port)
        stop.wait()


def _import_times() -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    samples: dict[str, list[float]] = {"llmhub.runtime": [], "litellm": []}
    for _ in range(IMPORT_RUNS):
        for module in samples:  # interleaved, so drift hits both alike
            start = time.perf_counter()
            subprocess.run([PY, "-c", f"import {module}"], check=True, env=env)
            samples[module].append(time.perf_counter() - start)
    for module, values in samples.items():
        print(summarize(f"import {module} (fresh process)", values))
    return statistics.median(samples["llmhub.runtime"]), statistics.median(samples["litellm"])


def main() -> int:
    runtime_s, litellm_s = _import_times()
    print(
        f"import medians: llmhub.runtime {runtime_s * 1000:.0f} ms, litellm {litellm_s * 1000:.0f} ms"
    )

    ctx = mp.get_context("spawn")
    ports, stop = ctx.Queue(), ctx.Event()
    server = ctx.Process(target=_serve, args=(ports, stop), daemon=True)
    server.start()
    try:
        return _calls(f"http://127.0.0.1:{ports.get(timeout=30)}/v1")
    finally:
        stop.set()
        server.join(timeout=5)


def _calls(api_base: str) -> int:
    os.environ[KEY_VAR] = KEY
    from llmhub.runtime import LLMHub

    config = {
        "providers": {"openai": {"env_key": KEY_VAR, "api_base": api_base}},
        "roles": {"bench": {"provider": "openai", "model": MODEL, "params": {"max_tokens": 64}}},
    }
    hub = LLMHub(config_obj=config)
    hub.warmup()
    import litellm

    # Exactly what the hub sends, so the difference is the hub's own work.
    direct = {"api_key": KEY, "api_base": api_base, "max_tokens": 64, "max_retries": 0}
    model = f"openai/{MODEL}"

    def via_hub() -> object:
        return hub.completion("bench", MESSAGES)

    def via_litellm() -> object:
        return litellm.completion(model=model, messages=MESSAGES, **direct)

    for _ in range(50):  # warm both paths: clients, caches, the server's threads
        via_hub(), via_litellm()
    t_hub, t_direct, ratio = side_by_side(
        "hub.completion", via_hub, "litellm.completion", via_litellm, CALLS
    )
    print(t_hub)
    print(t_direct)
    ok_calls = ratio <= TARGET_RATIO
    print(
        f"per-call median ratio hub/litellm {ratio:.3f} (target <= {TARGET_RATIO}): {'ok' if ok_calls else 'MISSED'}"
    )

    # Informational: the same with both hooks set (payloads, usage and cost on every call).
    hooked = LLMHub(
        config_obj=config, on_before_call=lambda ctx: None, on_after_call=lambda r: None
    )

    def via_hooked_hub() -> object:
        return hooked.completion("bench", MESSAGES)

    t_hooked, _, hooked_ratio = side_by_side(
        "hub.completion with hooks", via_hooked_hub, "litellm.completion", via_litellm, CALLS // 2
    )
    print(t_hooked)
    print(f"per-call median ratio with both hooks set {hooked_ratio:.3f} (informational)")

    def first_chunk(open_stream) -> float:
        start = time.perf_counter()
        stream = open_stream()
        next(iter(stream))
        elapsed = time.perf_counter() - start
        for _ in stream:  # drain outside the timing, so the connection is reused cleanly
            pass
        return elapsed

    def hub_stream() -> object:
        return hub.completion("bench", MESSAGES, stream=True)

    def direct_stream() -> object:
        return litellm.completion(model=model, messages=MESSAGES, stream=True, **direct)

    for _ in range(30):
        first_chunk(hub_stream), first_chunk(direct_stream)
    s_hub: list[float] = []
    s_direct: list[float] = []
    for i in range(STREAMS):
        pair = [(s_hub, hub_stream), (s_direct, direct_stream)]
        for bucket, fn in pair if i % 2 == 0 else reversed(pair):
            bucket.append(first_chunk(fn))
    t_sh, t_sd = summarize("hub stream TTFC", s_hub), summarize("litellm stream TTFC", s_direct)
    s_ratio = t_sh.median / t_sd.median
    print(t_sh)
    print(t_sd)
    ok_stream = s_ratio <= TARGET_RATIO
    print(
        f"stream time-to-first-chunk median ratio {s_ratio:.3f} (target <= {TARGET_RATIO}): {'ok' if ok_stream else 'MISSED'}"
    )
    return 0 if ok_calls and ok_stream else 1


if __name__ == "__main__":
    sys.exit(main())
