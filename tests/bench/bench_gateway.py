"""Benchmark: gateway mode, through the real LiteLLM Proxy on loopback.

1. Per-call time through the proxy vs direct to the loopback server: ``LLMHub`` with the gateway
   runtime file vs ``LLMHub`` with the direct one, same role, interleaved (reported as a ratio).
2. The runtime's own overhead in gateway mode: ``LLMHub`` with the gateway file vs a plain
   OpenAI SDK call to the same proxy group, interleaved (target: median ratio <= 1.05); and,
   to show where a miss comes from, ``LLMHub`` vs ``litellm.completion`` on the same call.

Uses the proxy venv that ``just proxy-check`` installs (.cache/proxy-venv); without it, the
loopback server plays the proxy for 2 (the runtime's overhead hardly depends on what answers)
and 1 is skipped. The fake server runs in its own process, like bench_runtime's.
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

import yaml
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


def _write_direct(path: Path, fake_url: str) -> None:
    path.write_text(
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


def _export(work: Path, url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "llmhub", "export", "litellm-proxy", "--config",
         str(work / "llmhub.yaml"), "--out", str(work / "litellm.config.yaml"),
         "--runtime-out", str(work / "gw.yaml"), "--gateway-url", url,
         "--gateway-key-env", PROXY_VAR],
        check=True, cwd=REPO, capture_output=True,
    )  # fmt: skip


def main() -> int:
    ports: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    done = mp.Event()
    server = mp.Process(target=_serve, args=(ports, done), daemon=True)
    server.start()
    fake_url = f"http://127.0.0.1:{ports.get(timeout=30)}/v1"
    work = Path(tempfile.mkdtemp(prefix="llmhub-bench-gateway-"))
    _write_direct(work / "llmhub.yaml", fake_url)
    os.environ[UPSTREAM_VAR] = "sk-upstream-" + secrets.token_hex(12)
    os.environ[PROXY_VAR] = "sk-" + secrets.token_hex(24)
    proc = None
    try:
        if LITELLM.exists():
            from tests.proxy.proxy_check import free_port, wait_live

            url = f"http://127.0.0.1:{free_port()}"
            _export(work, url)
            proc = _start_proxy(work, url)
            started = time.perf_counter()
            if not wait_live(proc, url, 300):
                print("proxy did not start; see", work / "proxy.log")
                return 1
            print(f"proxy start to /health/liveliness: {time.perf_counter() - started:.1f} s")
        else:
            # The runtime's own overhead hardly depends on what answers: the loopback server
            # stands in for the proxy (it answers any group name, and ignores disable_fallbacks).
            print(f"no proxy at {LITELLM} (`just proxy-check` installs it): the loopback")
            print("server plays the proxy; the proxy-vs-direct comparison is skipped")
            url = fake_url
            _export(work, url)
        return _measure(work, url, through_proxy=proc is not None)
    finally:
        if proc is not None:
            from tests.proxy.proxy_check import stop

            stop(proc)
        done.set()
        server.join(timeout=5)


def _start_proxy(work: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LITELLM_MASTER_KEY": os.environ[PROXY_VAR]}
    port = url.rsplit(":", 1)[1]
    with (work / "proxy.log").open("wb") as log:
        return subprocess.Popen(
            [str(LITELLM), "--config", str(work / "litellm.config.yaml"), "--host", "127.0.0.1",
             "--port", port],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )  # fmt: skip


def _measure(work: Path, url: str, *, through_proxy: bool) -> int:
    import litellm
    import openai

    from llmhub.runtime import LLMHub

    direct = LLMHub(work / "llmhub.yaml")
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
    if through_proxy:
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
    # For comparison: litellm's client on the same call (what gateway mode used to go through).
    t_hub2, t_ll, own = side_by_side(
        "LLMHub gateway mode", via_gateway, "litellm.completion to the proxy", via_litellm, CALLS
    )
    print(t_hub2)
    print(t_ll)
    print(f"LLMHub gateway mode / litellm.completion median ratio {own:.3f} (informational)")
    print(f"litellm's client vs the OpenAI SDK: {t_ll.median / t_sdk.median:.3f} (informational)")
    ok = ratio <= TARGET_RATIO
    print(
        f"gateway-mode runtime vs plain SDK median ratio {ratio:.3f} "
        f"(target <= {TARGET_RATIO}): {'ok' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
