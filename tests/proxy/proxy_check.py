"""Check the exported LiteLLM Proxy config against the real proxy, on loopback.

Run by ``just proxy-check`` (tests/proxy/proxy_check.sh), which installs the proxy first. Steps:
export the demo spec's roles (``tests/assets/gateway/llmhub.yaml``) pointed at the loopback fake
LLM server, ``litellm --validate_config`` it, start ``litellm --config`` on 127.0.0.1, wait for
``/health/liveliness`` (bounded), then check fallbacks on 500 and 429 as the headers report them,
streaming, embeddings, the 400 behaviour, the cost against the catalog's prices, and the gateway
runtime file through ``LLMHub``. The proxy is stopped whatever happens. Exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import httpx  # noqa: E402
import yaml  # noqa: E402

from llmhub.generator.header import render_with_header, split_header  # noqa: E402
from tests.fake_llm import FakeLLM, error  # noqa: E402

DEMO = REPO / "tests" / "assets" / "gateway" / "llmhub.yaml"
UPSTREAM_KEY_VAR = "LLMHUB_PROXY_CHECK_UPSTREAM_KEY"
PROXY_KEY_VAR = "LLMHUB_PROXY_CHECK_KEY"
MESSAGES = [{"role": "user", "content": "hello proxy"}]


def loopback_runtime(fake: FakeLLM, path: Path) -> dict[str, Any]:
    """The demo runtime file with every model served by the fake server (OpenAI-compatible)."""
    body = yaml.safe_load(DEMO.read_text("utf-8"))
    body["providers"] = {"openai": {"env_key": UPSTREAM_KEY_VAR, "api_base": fake.url}}
    for role in body["roles"].values():
        role["provider"] = "openai"
        for fb in role.get("fallbacks", []):
            fb["provider"] = "openai"
    # Keep the demo's provenance, with the body hash of the edited body (else loading warns).
    header, _ = split_header(DEMO.read_text("utf-8"))
    assert header is not None and header.spec_sha256 and header.catalog_build
    text = yaml.safe_dump(body, sort_keys=False)
    path.write_text(
        render_with_header(text, header.spec_sha256, header.catalog_build), encoding="utf-8"
    )
    return body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Checks:
    def __init__(self) -> None:
        self.failed: list[str] = []
        self.passed = 0

    def run(self, name: str, fn: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail = fn()
        except Exception as exc:  # report every check, then fail the run
            self.failed.append(name)
            print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
            return
        self.passed += 1
        print(f"ok   {name} ({time.perf_counter() - start:.2f} s): {detail}", flush=True)


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--litellm", required=True, help="the proxy venv's litellm command")
    parser.add_argument("--pidfile", help="where to write the proxy's pid (for the shell's trap)")
    parser.add_argument("--start-timeout", type=float, default=240.0)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="llmhub-proxy-check-"))
    port = free_port()
    proxy_url = f"http://127.0.0.1:{port}"
    master_key = "sk-" + secrets.token_hex(24)
    upstream_key = "sk-upstream-" + secrets.token_hex(12)
    env = {
        **os.environ,
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        "LITELLM_MASTER_KEY": master_key,
        UPSTREAM_KEY_VAR: upstream_key,
        "NO_COLOR": "1",
    }
    os.environ[PROXY_KEY_VAR] = master_key
    proc: subprocess.Popen[bytes] | None = None
    log_path = work / "proxy.log"
    checks = Checks()
    with FakeLLM() as fake:
        try:
            runtime = loopback_runtime(fake, work / "llmhub.yaml")
            config_path, gateway_path = work / "litellm.config.yaml", work / "llmhub.gateway.yaml"
            export = subprocess.run(
                [sys.executable, "-m", "llmhub", "export", "litellm-proxy",
                 "--config", str(work / "llmhub.yaml"), "--out", str(config_path),
                 "--runtime-out", str(gateway_path), "--gateway-url", proxy_url,
                 "--gateway-key-env", PROXY_KEY_VAR],
                capture_output=True, text=True, cwd=REPO, timeout=300,
            )  # fmt: skip
            print(export.stdout.strip(), export.stderr.strip(), flush=True)
            if export.returncode != 0:
                return 1
            written = len(yaml.safe_load(config_path.read_text("utf-8"))["model_list"])

            def validate() -> str:
                run = subprocess.run(
                    [args.litellm, "--config", str(config_path), "--validate_config"],
                    capture_output=True, text=True, env=env, timeout=300,
                )  # fmt: skip
                out = run.stdout + run.stderr
                found = re.search(r"config OK \((\d+) models?\)", out)
                expect(run.returncode == 0, f"exit {run.returncode}: {out[-500:]}")
                expect(found is not None, f"no model count in: {out[-300:]}")
                assert found is not None
                expect(int(found.group(1)) == written, f"{found.group(1)} != {written} written")
                return f"config OK ({found.group(1)} models), as many as written"

            checks.run("validate_config counts every model written", validate)

            started = time.perf_counter()
            with log_path.open("wb") as log:
                proc = subprocess.Popen(
                    [args.litellm, "--config", str(config_path), "--host", "127.0.0.1",
                     "--port", str(port)],
                    stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
                )  # fmt: skip
            if args.pidfile:
                Path(args.pidfile).write_text(str(proc.pid))
            if not wait_live(proc, proxy_url, args.start_timeout):
                print(f"FAIL proxy did not come up in {args.start_timeout:.0f} s; log tail:")
                print(log_path.read_text("utf-8", "replace")[-3000:])
                return 1
            print(f"proxy-check: proxy live after {time.perf_counter() - started:.1f} s")
            checks_started = time.perf_counter()
            run_checks(checks, fake, proxy_url, master_key, runtime, gateway_path, upstream_key)
            print(f"proxy-check: checks took {time.perf_counter() - checks_started:.1f} s")
        finally:
            stop(proc)
        log_text = log_path.read_text("utf-8", "replace") if log_path.exists() else ""
        checks.run(
            "no key in the proxy's log",
            lambda: "" if upstream_key not in log_text and master_key not in log_text else 1 / 0,
        )
    print(f"proxy-check: {checks.passed} passed, {len(checks.failed)} failed")
    return 1 if checks.failed else 0


def wait_live(proc: subprocess.Popen[bytes], url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            if httpx.get(f"{url}/health/liveliness", timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return False


def stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def run_checks(
    checks: Checks,
    fake: FakeLLM,
    url: str,
    key: str,
    runtime: dict[str, Any],
    gateway_path: Path,
    upstream_key: str,
) -> None:
    client = httpx.Client(base_url=url, headers={"authorization": f"Bearer {key}"}, timeout=60)
    roles = runtime["roles"]

    def chat(group: str, **extra: Any) -> httpx.Response:
        return client.post(
            "/v1/chat/completions", json={"model": group, "messages": MESSAGES, **extra}
        )

    def primary(role: str) -> str:
        return roles[role]["model"]

    def fallback(role: str, n: int) -> str:
        return roles[role]["fallbacks"][n - 1]["model"]

    def falls_back(role: str, status: int) -> Callable[[], str]:
        def check() -> str:
            fake.reset()
            fake.script(primary(role), error(status))
            r = chat(role)
            expect(r.status_code == 200, f"HTTP {r.status_code}: {r.text[:300]}")
            h = r.headers
            want = f"openai/{fallback(role, 1)}"
            expect(
                h.get("x-litellm-model-name") == want,
                f"answered by {h.get('x-litellm-model-name')}, not {want}",
            )
            expect(
                h.get("x-litellm-model-group") == f"{role}.fallback-1",
                f"group {h.get('x-litellm-model-group')}",
            )
            expect(
                h.get("x-litellm-attempted-fallbacks") == "1",
                f"fallbacks {h.get('x-litellm-attempted-fallbacks')}",
            )
            asked = [q.body["model"] for q in fake.requests]
            expect(asked == [primary(role), fallback(role, 1)], f"upstream saw {asked}")
            expect({q.api_key for q in fake.requests} == {upstream_key}, "wrong upstream key")
            return f"{primary(role)} {status} -> {want} (x-litellm-attempted-fallbacks: 1)"

        return check

    checks.run(
        "a 500 from the primary is answered by the fallback", falls_back("llm.inference", 500)
    )
    checks.run(
        "a 429 from the primary is answered by the fallback", falls_back("llm.preprocess", 429)
    )

    def streaming() -> str:
        fake.reset()
        text = []
        body = {"model": "llm.copy", "messages": MESSAGES, "stream": True}
        with client.stream("POST", "/v1/chat/completions", json=body) as r:
            expect(r.status_code == 200, f"HTTP {r.status_code}")
            for line in r.iter_lines():
                if line.startswith("data: ") and line != "data: [DONE]":
                    text.extend(
                        (choice.get("delta") or {}).get("content") or ""
                        for choice in json.loads(line[6:]).get("choices", [])
                    )
        joined = "".join(text)
        expect(joined == "echo: hello proxy", f"streamed {joined!r}")
        return f"{len(text)} chunks: {joined!r}"

    checks.run("streaming works", streaming)

    def embeddings() -> str:
        fake.reset()
        r = client.post("/v1/embeddings", json={"model": "llm.embedding", "input": ["a", "b"]})
        expect(r.status_code == 200, f"HTTP {r.status_code}: {r.text[:300]}")
        data = r.json()["data"]
        expect(len(data) == 2 and len(data[0]["embedding"]) > 0, f"got {len(data)} vectors")
        return (
            f"2 vectors of {len(data[0]['embedding'])} from {r.headers.get('x-litellm-model-name')}"
        )

    checks.run("embeddings work", embeddings)

    def cost() -> str:
        fake.reset()
        role = roles["llm.code_review"]
        r = chat("llm.code_review")
        expect(r.status_code == 200, f"HTTP {r.status_code}")
        usage = r.json()["usage"]
        expected = (
            usage["prompt_tokens"] * role["price_input_per_million"]
            + usage["completion_tokens"] * role["price_output_per_million"]
        ) / 1e6
        reported = float(r.headers["x-litellm-response-cost"])
        expect(abs(reported - expected) <= 1e-12 + 1e-9 * expected, f"{reported} != {expected}")
        return f"x-litellm-response-cost {reported:.3g} = catalog prices x usage {expected:.3g}"

    checks.run("the reported cost matches the catalog's prices", cost)

    def gateway_fallback() -> str:
        from llmhub.runtime import LLMHub

        fake.reset()
        fake.script(primary("llm.inference"), error(500))
        results: list[Any] = []
        hub = LLMHub(gateway_path, on_after_call=results.append)
        reply = hub.completion("llm.inference", MESSAGES)
        info = reply.llmhub
        want = fallback("llm.inference", 1)
        expect((info.provider, info.model, info.attempt) == ("openai", want, 2), f"answered {info}")
        ok_result = results[-1]
        expect(ok_result.model == want and ok_result.success, f"hook saw {ok_result.model}")
        role = roles["llm.inference"]["fallbacks"][0]
        u = ok_result.usage
        expected = (
            u.prompt_tokens * role["price_input_per_million"]
            + u.completion_tokens * role["price_output_per_million"]
        ) / 1e6
        expect(
            ok_result.cost_usd is not None and abs(ok_result.cost_usd - expected) < 1e-12,
            f"cost {ok_result.cost_usd} != {expected}",
        )
        return f"hooks: attempt 2 answered by openai/{want}, cost {ok_result.cost_usd:.3g} from the proxy"

    checks.run("the gateway runtime reports the model that answered and its cost", gateway_fallback)

    def bad_request() -> str:
        import litellm

        from llmhub.runtime import LLMHub

        fake.reset()
        fake.script(primary("llm.code_review"), error(400, "max_tokens is too large"))
        plain = chat("llm.code_review")
        expect(plain.status_code == 200, f"plain: HTTP {plain.status_code}")
        expect(plain.headers.get("x-litellm-attempted-fallbacks") == "1", "plain: no fallback")
        strict = chat("llm.code_review", disable_fallbacks=True)
        expect(strict.status_code == 400, f"disable_fallbacks: HTTP {strict.status_code}")
        fake.requests.clear()
        hub = LLMHub(gateway_path)
        try:
            hub.completion("llm.code_review", MESSAGES)
        except litellm.BadRequestError:
            pass
        else:
            raise AssertionError("the gateway runtime turned a 400 into a fallback")
        asked = [q.body["model"] for q in fake.requests]
        expect(asked == [primary("llm.code_review")], f"gateway: upstream saw {asked}")
        return (
            "plain request: proxy falls back on a 400 (200 from fallback-1); "
            "disable_fallbacks: 400; gateway runtime: BadRequestError, one upstream call"
        )

    checks.run("a 400 behaves as documented", bad_request)
    client.close()


if __name__ == "__main__":
    sys.exit(main())
