"""Live fetches against real HTTP servers on loopback: success, retries, timeout, cut-off."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from llmhub.errors import SourceFetchError
from llmhub.pipeline import SOURCES

BODY = json.dumps({"p": {"id": "p", "models": {"m": {"id": "m", "name": "M"}}}}).encode()


@dataclass
class Script:
    """What the server answers, one step per request; the last step repeats."""

    steps: list[tuple] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def next(self) -> tuple:
        return self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]


class Handler(BaseHTTPRequestHandler):
    script: Script

    def do_GET(self) -> None:
        self.script.paths.append(self.path)
        step = self.script.next()
        kind = step[0]
        if kind == "ok":
            body = step[1]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif kind == "status":
            self.send_response(step[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif kind == "sleep":
            time.sleep(step[1])
            try:
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")
            except OSError:
                pass  # the client gave up first, which is what the test wants
        elif kind == "cut":
            self.send_response(200)
            self.send_header("Content-Length", str(len(BODY) * 10))
            self.end_headers()
            self.wfile.write(BODY[:10])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True

    def log_message(self, format: str, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, Script]]:
    script = Script()
    handler = type("ScriptedHandler", (Handler,), {"script": script})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", script
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch) -> None:
    monkeypatch.setenv("LLMHUB_FETCH_BACKOFF", "0.01")


def test_live_fetch_success(server, monkeypatch) -> None:
    base, script = server
    script.steps = [("ok", BODY)]
    monkeypatch.setenv("LLMHUB_MODELS_DEV_URL", f"{base}/api.json")
    payload = SOURCES["models_dev"].fetch("live", timeout=5, retries=0)
    assert payload.origin == "live" and payload.location == f"{base}/api.json"
    assert payload.parts == {"api": BODY}
    assert script.paths == ["/api.json"]
    assert SOURCES["models_dev"].parse(payload).tables["models_dev_providers"].height == 1


def test_server_error_then_success_is_retried(server, monkeypatch) -> None:
    base, script = server
    script.steps = [("status", 500), ("status", 503), ("ok", BODY)]
    monkeypatch.setenv("LLMHUB_LITELLM_URL", f"{base}/cost.json")
    payload = SOURCES["litellm"].fetch("live", timeout=5, retries=3)
    assert payload.parts == {"cost_map": BODY}
    assert len(script.paths) == 3


def test_persistent_error_raises_after_the_retries(server, monkeypatch) -> None:
    base, script = server
    script.steps = [("status", 404)]
    monkeypatch.setenv("LLMHUB_MODELS_DEV_URL", f"{base}/missing.json")
    with pytest.raises(SourceFetchError) as caught:
        SOURCES["models_dev"].fetch("live", timeout=5, retries=2)
    assert len(script.paths) == 3
    message = str(caught.value)
    assert "models_dev: GET" in message and "failed after 3 attempt(s): HTTP 404" in message
    assert caught.value.url == f"{base}/missing.json" and caught.value.source == "models_dev"


def test_timeout_is_bounded_and_reported(server, monkeypatch) -> None:
    base, script = server
    script.steps = [("sleep", 1.5)]
    monkeypatch.setenv("LLMHUB_MODELS_DEV_URL", f"{base}/slow.json")
    started = time.monotonic()
    with pytest.raises(SourceFetchError, match="failed after 2 attempt\\(s\\): timed out"):
        SOURCES["models_dev"].fetch("live", timeout=0.3, retries=1)
    assert time.monotonic() - started < 2.5


def test_cut_off_body_is_retried_then_reported(server, monkeypatch) -> None:
    base, script = server
    script.steps = [("cut",)]
    monkeypatch.setenv("LLMHUB_MODELS_DEV_URL", f"{base}/cut.json")
    with pytest.raises(SourceFetchError, match="connection cut off"):
        SOURCES["models_dev"].fetch("live", timeout=5, retries=1)
    assert len(script.paths) == 2


def test_cut_off_then_complete_succeeds(server, monkeypatch) -> None:
    base, script = server
    script.steps = [("cut",), ("ok", BODY)]
    monkeypatch.setenv("LLMHUB_MODELS_DEV_URL", f"{base}/api.json")
    assert SOURCES["models_dev"].fetch("live", timeout=5, retries=1).parts["api"] == BODY


def test_lmarena_base_url_gets_each_file(server, monkeypatch) -> None:
    base, script = server
    script.steps = [("ok", b"{}")]
    monkeypatch.setenv("LLMHUB_LMARENA_URL", f"{base}/data/")
    payload = SOURCES["lmarena"].fetch("live", timeout=5, retries=0)
    assert sorted(script.paths) == [
        "/data/leaderboard-text.json",
        "/data/leaderboard-vision.json",
        "/data/scatterplot-data.json",
    ]
    assert sorted(payload.parts) == ["scatterplot", "text", "vision"]
    assert payload.location.count("http://127.0.0.1") == 3


def test_refused_connection_is_reported(monkeypatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("LLMHUB_MODELS_DEV_URL", f"http://127.0.0.1:{port}/api.json")
    with pytest.raises(SourceFetchError, match="cannot connect"):
        SOURCES["models_dev"].fetch("live", timeout=2, retries=1)


def test_unknown_origin_is_refused() -> None:
    with pytest.raises(SourceFetchError, match="unknown origin 'ftp'"):
        SOURCES["models_dev"].fetch("ftp")
