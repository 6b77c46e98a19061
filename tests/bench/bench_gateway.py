"""Benchmark: gateway mode, through the real LiteLLM Proxy on loopback.

1. Per-call time through the proxy vs direct to the loopback server: ``LLMHub`` with the gateway
   runtime file vs ``LLMHub`` with the direct one, same role, interleaved (reported as a ratio).
2. The runtime's own overhead in gateway mode: ``LLMHub`` with the gateway file vs a plain
   OpenAI SDK call to the same proxy group, interleaved (target: median ratio <= 1.05); and,
   to show where a miss comes from, ``LLMHub`` vs ``litellm.completion`` on the same call.

Needs the proxy venv that ``just proxy-check`` installs (.cache/proxy-venv); without it, says so
and exits 0. The fake server runs in its own process, like bench_runtime's.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import side_by_side

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

TARGET_RATIO = 1.05
CALLS = int(os.environ.get("LLMHUB_BENCH_GATEWAY_CALLS", "200"))
LITELLM = REPO / os.environ.get("LLMHUB_PROXY_VENV", ".cache/proxy-venv") / "bin" / "litellm"
UPSTREAM_VAR, PROXY_VAR = "LLMHUB_BENCH_UPSTREAM_KEY", "LLMHUB_BENCH_PROXY_KEY"
MESSAGES = [{"role": "user", "content": "How fast is the gateway?"}]


def _serve(port_queue: mp.Queue, stop: mp.Event) -> None:  # type: ignore[type-arg]
    from tests.fake_llm import FakeLLM

    with FakeLLM() as fake:
        port_queue.put(fake.port)
        stop.wait()


def main() -> int:
    if not LITELLM.exists():
        print(f"skipped: no proxy at {LITELLM}; run `just proxy-check` once to install it")
        return 0
    import openai
    import yaml

    from llmhub.runtime import LLMHub
    from tests.proxy.proxy_check import free_port, stop, wait_live

    ports: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    done = mp.Event()
    server = mp.Process(target=_serve, args=(ports, done), daemon=True)
    server.start()
    fake_url = f"http://127.0.0.1:{ports.get(timeout=30)}/v1"
    work = Path(tempfile.mkdtemp(prefix="llmhub-bench-gateway-"))
    direct_path = work / "llmhub.yaml"
    direct_path.write_text(
        yaml.safe_dump(
            {
                "providers": {"openai": {"env_key": UPSTREAM_VAR, "api_base": fake_url}},
                "roles": {
                    "bench": {
                        "provider": "openai",
                        "model": "gpt-4o-mini",
                        "price_input_per_million": 0.15,
                        "price_output_per_million": 0.6,
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    os.environ[UPSTREAM_VAR] = "sk-upstream-" + secrets.token_hex(12)
    os.environ[PROXY_VAR] = "sk-" + secrets.token_hex(24)
    subprocess.run(
        [sys.executable, "-m", "llmhub", "export", "litellm-proxy", "--config", str(direct_path),
         "--out", str(work / "litellm.config.yaml"), "--runtime-out", str(work / "gw.yaml"),
         "--gateway-url", url, "--gateway-key-env", PROXY_VAR],
        check=True, cwd=REPO, capture_output=True,
    )  # fmt: skip
    env = {**os.environ, "LITELLM_MASTER_KEY": os.environ[PROXY_VAR]}
    started = time.perf_counter()
    with (work / "proxy.log").open("wb") as log:
        proc = subprocess.Popen(
            [str(LITELLM), "--config", str(work / "litellm.config.yaml"), "--host", "127.0.0.1",
             "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )  # fmt: skip
    try:
        if not wait_live(proc, url, 300):
            print("proxy did not start; see", work / "proxy.log")
            return 1
        print(f"proxy start to /health/liveliness: {time.perf_counter() - started:.1f} s")
        direct = LLMHub(direct_path)
        gateway = LLMHub(work / "gw.yaml")
        sdk = openai.OpenAI(base_url=url, api_key=os.environ[PROXY_VAR], max_retries=0)

        def via_direct() -> object:
            return direct.completion("bench", MESSAGES)

        def via_gateway() -> object:
            return gateway.completion("bench", MESSAGES)

        def via_sdk() -> object:
            return sdk.chat.completions.create(
                model="bench", messages=MESSAGES, extra_body={"disable_fallbacks": True}
            )

        import litellm

        def via_litellm() -> object:
            return litellm.completion(
                model="litellm_proxy/bench",
                messages=MESSAGES,
                api_base=url,
                api_key=os.environ[PROXY_VAR],
                max_retries=0,
                disable_fallbacks=True,
            )

        for _ in range(20):  # warm up connections and litellm's caches
            via_direct(), via_gateway(), via_sdk(), via_litellm()
        t_gw, t_direct, proxy_ratio = side_by_side(
            "LLMHub via proxy", via_gateway, "LLMHub direct", via_direct, CALLS
        )
        print(t_gw)
        print(t_direct)
        print(f"per-call median ratio via proxy / direct: {proxy_ratio:.2f} (informational)")
        print(f"proxy adds {(t_gw.median - t_direct.median) * 1000:.1f} ms per call (median)")
        t_hub, t_sdk, ratio = side_by_side(
            "LLMHub gateway mode", via_gateway, "OpenAI SDK to the proxy", via_sdk, CALLS
        )
        print(t_hub)
        print(t_sdk)
        # Where the difference goes: llmhub's own layer vs litellm's client, same proxy call.
        t_hub2, t_ll, own = side_by_side(
            "LLMHub gateway mode",
            via_gateway,
            "litellm.completion to the proxy",
            via_litellm,
            CALLS,
        )
        print(t_hub2)
        print(t_ll)
        print(f"llmhub's own layer: LLMHub / litellm.completion median ratio {own:.3f}")
        print(
            f"litellm's client vs the OpenAI SDK: {t_ll.median / t_sdk.median:.3f} (informational)"
        )
        ok = ratio <= TARGET_RATIO
        print(
            f"gateway-mode runtime vs plain SDK median ratio {ratio:.3f} "
            f"(target <= {TARGET_RATIO}): {'ok' if ok else 'MISSED'}"
        )
        return 0 if ok else 1
    finally:
        stop(proc)
        done.set()
        server.join(timeout=5)


if __name__ == "__main__":
    sys.exit(main())
