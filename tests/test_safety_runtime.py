"""Issue 14.6 and 9.5: the runtime bounds every call in time, reports abandoned streams, keeps
sync hooks off the event loop, and refuses what cannot work when the file is loaded."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from llmhub.errors import AllAttemptsFailedError, ConfigError, SpecError
from llmhub.generator.header import render_with_header
from llmhub.runtime import LLMHub
from llmhub.runtime.config import DEFAULT_TIMEOUTS, dump_runtime, load_runtime, parse_runtime
from llmhub.spec import parse_spec
from tests.fake_llm import FakeLLM, ok
from tests.helpers import REPO, cli_env, invoke_cli
from tests.runtime_setup import (
    KEY_VAR,
    LITELLM_WARNINGS,
    MESSAGES,
    SENTINEL,
    run_async,
    runtime_dict,
    teardown_module,  # noqa: F401  (pytest calls it: collects litellm's garbage here)
    with_fallbacks,
    write_runtime,
)

pytestmark = [
    *LITELLM_WARNINGS,
    # A call cancelled at its deadline while litellm's executor hop is in flight leaves
    # litellm's inner coroutine unawaited (litellm's code, not ours; nothing runs late).
    pytest.mark.filterwarnings(
        "ignore:coroutine 'OpenAIChatCompletion.acompletion' was never awaited:RuntimeWarning"
    ),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <coroutine object OpenAIChatCompletion.acompletion"
        ":pytest.PytestUnraisableExceptionWarning"
    ),
]


class BlackHole:
    """A loopback TCP server that accepts connections, reads, and never answers; on ``stop``
    it shuts every socket down (``socket.shutdown``), the way a dead peer drops them."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.conns: list[socket.socket] = []
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/v1"

    def _accept(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.conns.append(conn)

    def stop(self) -> None:
        self._stop = True
        for conn in self.conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        self.sock.close()


@pytest.fixture
def black_hole():
    hole = BlackHole()
    yield hole
    hole.stop()


# -- timeouts --------------------------------------------------------------------------------
def test_a_file_without_timeout_gets_the_documented_default(fake_llm: FakeLLM) -> None:
    hub = LLMHub(config_obj=runtime_dict(fake_llm))
    assert hub.resolve("chat").targets[0].timeout == DEFAULT_TIMEOUTS["chat"] == 60.0
    assert hub.resolve("embed").targets[0].timeout == DEFAULT_TIMEOUTS["embedding"] == 30.0
    assert hub.resolve("chat").total_timeout == 180.0


@pytest.mark.usefixtures("team_key")
def test_the_default_timeout_reaches_litellm(fake_llm: FakeLLM) -> None:
    seen: list[Any] = []
    hub = LLMHub(config_obj=runtime_dict(fake_llm), on_before_call=seen.append)
    hub.completion("chat", MESSAGES)
    assert 59.0 < seen[0].params["timeout"] <= 60.0


def test_a_dropped_connection_is_bounded_by_the_role_timeout_in_a_subprocess(
    black_hole: BlackHole, tmp_path: Path
) -> None:
    body = runtime_dict(
        None,  # type: ignore[arg-type]
        roles={"chat": {"provider": "openai", "model": "m", "timeout": 1.5}},
        providers={"openai": {"env_key": KEY_VAR, "api_base": black_hole.url}},
    )
    path = write_runtime(tmp_path / "llmhub.yaml", body)
    script = (
        "import asyncio, time, sys\n"
        "from llmhub.runtime import LLMHub\n"
        f"hub = LLMHub(config_path={str(path)!r})\n"
        "hub.warmup()\n"
        "for call in ('sync', 'async'):\n"
        "    t = time.monotonic()\n"
        "    try:\n"
        "        if call == 'sync':\n"
        "            hub.completion('chat', [{'role': 'user', 'content': 'hi'}])\n"
        "        else:\n"
        "            asyncio.run(hub.acompletion('chat', [{'role': 'user', 'content': 'hi'}]))\n"
        "    except Exception as exc:\n"
        "        print(call, round(time.monotonic() - t, 2), type(exc).__name__)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        env=cli_env(**{KEY_VAR: SENTINEL}),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = proc.stdout.split("\n")
    results = {line.split()[0]: line.split() for line in lines if line.strip()}
    assert set(results) == {"sync", "async"}, proc.stdout + proc.stderr
    for call, (_, took, kind) in results.items():
        assert kind == "AllAttemptsFailedError", (call, kind)
        # the deadline is 1.5 s; without it a dropped connection waits for the provider
        # default (60 s). The upper slack absorbs a loaded CI machine (2.5 s failed at load 6-11).
        assert 1.4 <= float(took) < 6.0, (call, took)


@pytest.mark.usefixtures("team_key")
def test_the_timeout_is_enforced_by_llmhub_under_concurrency(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    fake_llm.script("slow", ok(delay=6.0))
    fake_llm.script("fast", ok())
    roles = {"r": with_fallbacks("slow", "fast", timeout=1.5)}
    hub = LLMHub(config_obj=runtime_dict(fake_llm, roles=roles))
    hub.warmup()  # litellm's import is not part of any call's time

    async def many() -> list[Any]:
        async def one() -> tuple[Any, float]:
            t = time.perf_counter()
            reply = await hub.acompletion("r", MESSAGES)
            return reply, time.perf_counter() - t

        return await asyncio.gather(*(one() for _ in range(12)))

    for reply, took in run_async(many()):
        assert reply.llmhub.model == "fast" and reply.llmhub.attempt == 2
        assert took < 4.5, took  # the slow primary alone would take 6 s


@pytest.mark.usefixtures("team_key")
def test_total_timeout_bounds_a_run_of_fallbacks(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.script("slow", ok(delay=3.0))
    roles = {"r": with_fallbacks("slow", "slow", "slow", timeout=0.6, total_timeout=1.0)}
    hub = LLMHub(config_obj=runtime_dict(fake_llm, roles=roles))
    hub.warmup()
    t = time.perf_counter()
    with pytest.raises(AllAttemptsFailedError) as info:
        run_async(hub.acompletion("r", MESSAGES))
    assert time.perf_counter() - t < 2.0
    assert "total_timeout" in str(info.value)
    assert len(fake_llm.requests_for("slow")) == 2


# -- hooks ------------------------------------------------------------------------------------
@pytest.mark.usefixtures("team_key")
def test_a_sync_hook_does_not_block_the_event_loop(fake_llm: FakeLLM) -> None:

    def slow_hook(_: Any) -> None:
        time.sleep(0.25)

    hub = LLMHub(config_obj=runtime_dict(fake_llm), on_before_call=slow_hook)
    hub.warmup()
    run_async(hub.acompletion("chat", MESSAGES))  # the first call sets up litellm's clients

    async def ten() -> None:
        await asyncio.gather(*(hub.acompletion("chat", MESSAGES) for _ in range(6)))

    t = time.perf_counter()
    run_async(ten())
    took = time.perf_counter() - t
    assert took < 6 * 0.25, took  # a blocking hook would serialise: 1.5 s at least


@pytest.mark.usefixtures("team_key")
def test_an_abandoned_stream_fires_after_call_once(fake_llm: FakeLLM) -> None:
    fake_llm.script("*", ok(text="one two three four five six"))
    results: list[Any] = []
    hub = LLMHub(config_obj=runtime_dict(fake_llm), on_after_call=results.append)

    def outcomes(n: int) -> list[str]:
        # litellm's logging threads may hold the stream for a moment after the last chunk.
        deadline = time.monotonic() + 5
        while len(results) < n and time.monotonic() < deadline:
            gc.collect()
            time.sleep(0.05)
        time.sleep(0.2)
        gc.collect()
        return [r.outcome for r in results]

    stream = hub.completion("chat", MESSAGES, stream=True)
    next(iter(stream))
    del stream
    assert outcomes(1) == ["abandoned"]

    stream = hub.completion("chat", MESSAGES, stream=True)
    next(iter(stream))
    stream.close()
    assert [r.outcome for r in results] == ["abandoned", "abandoned"]  # at once, on close
    del stream
    assert outcomes(2) == ["abandoned", "abandoned"]  # and only once

    stream = hub.completion("chat", MESSAGES, stream=True)
    list(stream)
    del stream
    assert outcomes(3) == ["abandoned", "abandoned", "success"]


@pytest.mark.usefixtures("team_key")
def test_an_abandoned_async_stream_fires_once_on_aclose(fake_llm: FakeLLM) -> None:
    results: list[Any] = []

    async def after(result: Any) -> None:
        results.append(result)

    hub = LLMHub(config_obj=runtime_dict(fake_llm), on_after_call=after)

    async def go() -> None:
        stream = await hub.acompletion("chat", MESSAGES, stream=True)
        await stream.__anext__()
        await stream.aclose()
        await asyncio.sleep(0.05)

    run_async(go())
    gc.collect()
    assert [r.outcome for r in results] == ["abandoned"]
    assert results[0].success is False and results[0].error is None


# -- loading ------------------------------------------------------------------------------
def test_an_unknown_provider_prefix_is_refused_at_load(tmp_path: Path) -> None:
    path = tmp_path / "llmhub.yaml"
    path.write_text(
        "providers:\n  openia: {env_key: K}\nroles:\n  chat:\n    provider: openia\n    model: m\n"
    )
    with pytest.raises(ConfigError) as info:
        load_runtime(path)
    text = str(info.value)
    assert f"{path}:5" in text and "'openai'" in text and "\n" not in text


def _generated_text() -> str:
    body = dump_runtime(
        parse_runtime(
            "providers: {openai: {env_key: K}}\nroles:\n"
            + "".join(
                f"  r{i}:\n    provider: openai\n    model: m{i}\n"
                "    fallbacks: [{provider: openai, model: f}]\n"
                for i in range(4)
            )
        )
    )
    return render_with_header(body, "0" * 64, "b1")


def test_a_cut_runtime_file_loads_with_one_warning(tmp_path: Path, caplog) -> None:
    text = _generated_text()
    lines = text.splitlines(keepends=True)
    cut_at = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  r"))
    path = tmp_path / "llmhub.yaml"
    path.write_text("".join(lines[:cut_at]))
    with caplog.at_level(logging.WARNING, logger="llmhub.runtime"):
        config = load_runtime(path)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and str(path) in warnings[0].getMessage()
    assert "body-sha256" in warnings[0].getMessage()
    assert len(config.roles) < 4


def test_files_without_a_header_or_intact_load_silently(tmp_path: Path, caplog) -> None:
    whole = tmp_path / "whole.yaml"
    whole.write_text(_generated_text())
    plain = tmp_path / "plain.yaml"
    plain.write_text("providers: {openai: {env_key: K}}\nroles: {}\n")
    with caplog.at_level(logging.WARNING, logger="llmhub.runtime"):
        load_runtime(whole)
        load_runtime(plain)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_runtime_show_reports_the_mismatch(tmp_path: Path) -> None:

    path = tmp_path / "llmhub.yaml"
    path.write_text(_generated_text().replace("model: m1", "model: m9"))
    proc = invoke_cli("runtime", "show", "--config", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "does not match its header" in proc.stdout


# -- names ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        'roles:\n  "chat\\n": {kind: chat}\n',
        'providers:\n  openai: {env_key: "OPENAI_API_KEY\\n"}\nroles: {}\n',
        'providers:\n  "openai\\n": {}\nroles: {}\n',
    ],
)
def test_names_with_a_trailing_newline_are_refused(text: str) -> None:
    with pytest.raises(SpecError):
        parse_spec(text)


@pytest.mark.usefixtures("team_key")
def test_a_closed_port_is_not_reported_as_an_http_status(tmp_path: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    body = runtime_dict(
        None,  # type: ignore[arg-type]
        roles={"chat": {"provider": "openai", "model": "m"}},
        providers={"openai": {"env_key": KEY_VAR, "api_base": f"http://127.0.0.1:{port}/v1"}},
    )
    with pytest.raises(AllAttemptsFailedError) as info:
        LLMHub(config_obj=body).completion("chat", MESSAGES)
    text = str(info.value)
    assert "HTTP 500" not in text and "connection failed" in text, text


@pytest.mark.usefixtures("team_key")
def test_llmhubs_own_deadline_is_reported_as_a_timeout(fake_llm: FakeLLM) -> None:
    # A server that accepts and never answers in time: whichever deadline ends the attempt,
    # the SDK's or llmhub's, the reason says it timed out, not that the connection failed.
    fake_llm.script("slow", ok(delay=3.0))
    roles = {"r": with_fallbacks("slow", timeout=0.3)}
    hub = LLMHub(config_obj=runtime_dict(fake_llm, roles=roles))
    hub.warmup()
    with pytest.raises(AllAttemptsFailedError) as info:
        hub.completion("r", MESSAGES)
    text = str(info.value)
    assert "timed out" in text.lower() and "connection failed" not in text, text
