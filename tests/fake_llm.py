"""A real OpenAI-compatible HTTP server on loopback, for tests and benchmarks.

Start it with a context manager (or the ``fake_llm`` pytest fixture below) and point a client at
``fake.url`` (``http://127.0.0.1:<port>/v1``) as its ``api_base``::

    from tests.fake_llm import FakeLLM, drop, error, ok

    with FakeLLM() as fake:
        fake.script("gpt-main", error(429))          # every call to this model gets a 429
        fake.script("gpt-flaky", error(500), ok())   # first call 500, later calls answer
        fake.script("*", ok(delay=0.2))              # any other model answers after 0.2 s
        ...  # call litellm / LLMHub with api_base=fake.url, model "openai/gpt-main"
        assert fake.requests[0].body["model"] == "gpt-main"

Endpoints: ``POST /v1/chat/completions`` (JSON, or server-sent events with ``"stream": true``,
plus a final usage chunk when ``stream_options.include_usage`` is set), ``POST /v1/embeddings``
and ``GET /v1/models``. The ``/v1`` prefix is optional.

Answers:
    chat: ``"echo: <last user message>"`` unless ``ok(text=...)`` says otherwise, so concurrent
    callers can check that each answer matches its own prompt. Streaming splits the text into
    word chunks. ``usage`` counts about one token per four characters (plus 4 per message), like
    a real tokenizer would for English.
    embeddings: a deterministic unit vector per input (length ``dimensions``, default 8).

Scripting (``fake.script(model, *behaviours)``): behaviours are used in order, one per request,
and the last one repeats. ``model`` is the name the server receives (without the litellm
provider prefix), or ``"*"`` for any model without its own script. ``fake.reset()`` clears
scripts and recorded requests. Behaviours:
    ``ok(text=None, delay=0.0, headers=None)``: answer normally, after ``delay`` seconds (for
        streams: the delay before the first chunk, so it is the time to first token), with
        ``headers`` added to the response (a LiteLLM Proxy's ``x-litellm-*`` ones, say).
    ``error(status, message=None, delay=0.0)``: answer with that HTTP status and an OpenAI-style
        error body (429, 500, 400, 401, ...).
    ``drop(delay=0.0)``: read the request, then close the connection without answering.
    ``cut(after=1)``: for a stream, send ``after`` chunks, then close the connection mid-stream
        (no final chunk, no ``[DONE]``); a request without ``stream`` is dropped.

Per-request scripting: a request header ``x-fake-behaviour`` (``ok``, ``drop``, or a status code
such as ``429``) overrides the model's script for that request.

Recorded requests (``fake.requests``, a list of ``Recorded``): ``method``, ``path``, ``headers``
(lower-case names; ``authorization`` and ``api-key`` removed), ``api_key`` (the bearer token the
client sent, so a test can assert the right key was used), ``body`` (parsed JSON) and
``behaviour`` (the kind that was applied). The server is a ``ThreadingHTTPServer``: requests are
served concurrently, and keep-alive connections are supported (streams use chunked encoding).
"""

from __future__ import annotations

import hashlib
import json
import math
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

__all__ = [
    "Behaviour",
    "FakeLLM",
    "Recorded",
    "count_tokens",
    "cut",
    "drop",
    "error",
    "fake_llm",
    "ok",
]

_SECRET_HEADERS = {"authorization", "api-key", "x-api-key"}


@dataclass(frozen=True)
class Behaviour:
    """How the server answers one request: ``kind`` is ``ok``, ``error`` or ``drop``."""

    kind: str
    status: int = 200
    delay: float = 0.0
    text: str | None = None
    message: str | None = None
    after: int = 0
    headers: tuple[tuple[str, str], ...] = ()


def ok(
    text: str | None = None, delay: float = 0.0, headers: dict[str, str] | None = None
) -> Behaviour:
    """Answer normally (with ``text`` instead of the echo, if given) after ``delay`` seconds,
    adding ``headers`` to the response (as a LiteLLM Proxy adds its ``x-litellm-*`` ones)."""
    return Behaviour("ok", 200, delay, text, headers=tuple((headers or {}).items()))


def error(status: int, message: str | None = None, delay: float = 0.0) -> Behaviour:
    """Answer with HTTP ``status`` and an OpenAI-style error body."""
    return Behaviour("error", status, delay, message=message)


def drop(delay: float = 0.0) -> Behaviour:
    """Read the request, then close the connection without a response."""
    return Behaviour("drop", 0, delay)


def cut(after: int = 1) -> Behaviour:
    """Stream ``after`` chunks, then close the connection mid-stream."""
    return Behaviour("cut", 200, after=after)


@dataclass
class Recorded:
    """One request as the server saw it (secrets removed from ``headers``)."""

    method: str
    path: str
    headers: dict[str, str]
    api_key: str | None
    body: dict[str, Any]
    behaviour: str = "ok"
    at: float = field(default_factory=time.time)


def count_tokens(text: str) -> int:
    """About one token per four characters, at least one for non-empty text."""
    return max(1, math.ceil(len(text) / 4)) if text else 0


class FakeLLM:
    """The server; use as a context manager. See the module docstring for the API."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._scripts: dict[str, list[Behaviour]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeLLM:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            # A short poll interval makes stop() (and so each test's teardown) quick.
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-llm",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeLLM:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start the server first"
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """The ``api_base`` to give a client: ``http://127.0.0.1:<port>/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    # -- scripting -------------------------------------------------------------------------
    def script(self, model: str, *behaviours: Behaviour) -> None:
        """Answer requests for ``model`` (or ``"*"``) with ``behaviours`` in order; the last repeats."""
        if not behaviours:
            raise ValueError("give at least one behaviour")
        with self._lock:
            self._scripts[model] = list(behaviours)

    def reset(self) -> None:
        """Forget every script and every recorded request."""
        with self._lock:
            self._scripts.clear()
            self.requests.clear()

    def requests_for(self, model: str) -> list[Recorded]:
        """The recorded requests whose body names ``model``."""
        with self._lock:
            return [r for r in self.requests if r.body.get("model") == model]

    def _next(self, model: str) -> Behaviour:
        with self._lock:
            queue = self._scripts.get(model) or self._scripts.get("*")
            if not queue:
                return ok()
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def _record(self, rec: Recorded) -> None:
        with self._lock:
            self.requests.append(rec)


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    """A running ``FakeLLM`` for one test."""
    with FakeLLM() as fake:
        yield fake


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # listen() backlog: 200 clients connecting at once must not be refused (default is 5).
    request_queue_size = 512

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up (a timeout test, a dropped keep-alive) is normal here, not news.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeLLM
    protocol_version = "HTTP/1.1"  # keep-alive, as real providers do
    # Headers and body go out in separate writes; with Nagle's algorithm on, the client's
    # delayed ACK would add ~40 ms to every response.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read their own output
        pass

    # -- plumbing ----------------------------------------------------------------------------
    def _read_body(self) -> dict[str, Any]:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = {"_raw": raw.decode("utf-8", "replace")}
        return body if isinstance(body, dict) else {"_raw": body}

    def _send_json(
        self, status: int, payload: dict[str, Any], headers: tuple[tuple[str, str], ...] = ()
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _route(self) -> str:
        path = self.path.split("?", 1)[0].rstrip("/")
        return path.removeprefix("/v1")

    def _behaviour(self, model: str) -> Behaviour:
        override = self.headers.get("x-fake-behaviour")
        if override:
            if override == "ok":
                return ok()
            if override == "drop":
                return drop()
            return error(int(override))
        return self.fake._next(model)

    # -- verbs ---------------------------------------------------------------------------------
    def do_GET(self) -> None:
        if self._route() == "/models":
            with self.fake._lock:
                names = sorted(m for m in self.fake._scripts if m != "*") or ["fake-model"]
            data = [{"id": n, "object": "model", "created": 0, "owned_by": "fake"} for n in names]
            self._send_json(200, {"object": "list", "data": data})
        else:
            self._send_json(404, _error_body(404, f"no route {self.path}"))

    def do_POST(self) -> None:
        body = self._read_body()
        route = self._route()
        model = str(body.get("model", ""))
        behaviour = self._behaviour(model)
        headers = {k.lower(): v for k, v in self.headers.items()}
        auth = headers.get("authorization", "")
        api_key = auth.removeprefix("Bearer ").strip() or headers.get("api-key") or None
        clean = {k: v for k, v in headers.items() if k not in _SECRET_HEADERS}
        self.fake._record(Recorded("POST", self.path, clean, api_key, body, behaviour.kind))

        if behaviour.delay and not (behaviour.kind == "ok" and body.get("stream")):
            time.sleep(behaviour.delay)
        if behaviour.kind == "drop" or (behaviour.kind == "cut" and not body.get("stream")):
            self.close_connection = True
            self.connection.close()
            return
        if behaviour.kind == "error":
            self._send_json(behaviour.status, _error_body(behaviour.status, behaviour.message))
            return
        if route == "/chat/completions":
            self._chat(body, behaviour)
        elif route == "/embeddings":
            self._embeddings(body, behaviour)
        else:
            self._send_json(404, _error_body(404, f"no route {self.path}"))

    # -- endpoints -----------------------------------------------------------------------------
    def _chat(self, body: dict[str, Any], behaviour: Behaviour) -> None:
        messages = body.get("messages") or []
        prompt_text = _last_user_text(messages)
        text = behaviour.text if behaviour.text is not None else f"echo: {prompt_text}"
        prompt_tokens = sum(4 + count_tokens(_content_text(m.get("content"))) for m in messages)
        completion_tokens = count_tokens(text)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        ident = "chatcmpl-" + hashlib.sha1(f"{time.time_ns()}{text}".encode()).hexdigest()[:24]
        model = body.get("model", "fake-model")
        created = int(time.time())
        if not body.get("stream"):
            self._send_json(
                200,
                {
                    "id": ident,
                    "object": "chat.completion",
                    "created": created,
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": usage,
                },
                behaviour.headers,
            )
            return
        self.send_response(200)
        for name, value in behaviour.headers:
            self.send_header(name, value)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        if behaviour.delay:
            time.sleep(behaviour.delay)
        base = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model}
        pieces = _split_words(text)
        for i, piece in enumerate(pieces):
            if behaviour.kind == "cut" and i >= behaviour.after:
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            delta: dict[str, Any] = {"content": piece}
            if i == 0:
                delta["role"] = "assistant"
            choice = {"index": 0, "delta": delta, "finish_reason": None}
            self._event({**base, "choices": [choice]})
        self._event({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        if (body.get("stream_options") or {}).get("include_usage"):
            self._event({**base, "choices": [], "usage": usage})
        self._chunk(b"data: [DONE]\n\n")
        self._chunk(b"")

    def _event(self, payload: dict[str, Any]) -> None:
        self._chunk(b"data: " + json.dumps(payload).encode() + b"\n\n")

    def _embeddings(self, body: dict[str, Any], behaviour: Behaviour) -> None:
        inputs = body.get("input")
        items = inputs if isinstance(inputs, list) else [inputs]
        dims = int(body.get("dimensions") or 8)
        data = []
        tokens = 0
        for i, item in enumerate(items):
            text = item if isinstance(item, str) else json.dumps(item)
            tokens += count_tokens(text)
            data.append({"object": "embedding", "index": i, "embedding": _vector(text, dims)})
        self._send_json(
            200,
            {
                "object": "list",
                "data": data,
                "model": body.get("model", "fake-embedding"),
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            },
            behaviour.headers,
        )


def _error_body(status: int, message: str | None) -> dict[str, Any]:
    kinds = {
        400: "invalid_request_error",
        401: "authentication_error",
        404: "not_found_error",
        429: "rate_limit_error",
    }
    kind = kinds.get(status, "server_error")
    return {
        "error": {
            "message": message or f"fake {kind} ({status})",
            "type": kind,
            "param": None,
            "code": str(status),
        }
    }


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


def _last_user_text(messages: list[dict[str, Any]]) -> str:
    for message in reversed(messages):
        if message.get("role") == "user":
            return _content_text(message.get("content"))
    return ""


def _split_words(text: str) -> list[str]:
    words = text.split(" ")
    return [w if i == 0 else " " + w for i, w in enumerate(words)] or [""]


def _vector(text: str, dims: int) -> list[float]:
    seed = hashlib.sha256(text.encode()).digest()
    raw = [(seed[i % len(seed)] - 127.5) / 127.5 + i * 1e-3 for i in range(dims)]
    norm = math.sqrt(sum(x * x for x in raw)) or 1.0
    return [x / norm for x in raw]
