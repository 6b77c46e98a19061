"""The loopback OpenAI-compatible server behaves as documented (plain HTTP, no litellm)."""

from __future__ import annotations

import http.client
import json
import threading

import pytest

from tests.fake_llm import FakeLLM, cut, drop, error, ok


def _post(fake: FakeLLM, path: str, body: dict, **headers: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=10)
    try:
        hdrs = {"content-type": "application/json", "authorization": "Bearer sk-test", **headers}
        conn.request("POST", path, json.dumps(body), hdrs)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def _chat(prompt: str, model: str = "m", **extra) -> dict:
    return {"model": model, "messages": [{"role": "user", "content": prompt}], **extra}


def test_chat_echoes_prompt_with_usage_and_records_request(fake_llm: FakeLLM) -> None:
    status, raw = _post(fake_llm, "/v1/chat/completions", _chat("hello world"))
    assert status == 200
    data = json.loads(raw)
    assert data["choices"][0]["message"]["content"] == "echo: hello world"
    usage = data["usage"]
    assert usage["prompt_tokens"] == 4 + 3  # 11 chars ≈ 3 tokens, plus per-message overhead
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    rec = fake_llm.requests[0]
    assert rec.api_key == "sk-test"
    assert "authorization" not in rec.headers
    assert rec.body["model"] == "m"


def test_stream_sends_word_chunks_then_usage_then_done(fake_llm: FakeLLM) -> None:
    body = _chat("a b c", stream=True, stream_options={"include_usage": True})
    status, raw = _post(fake_llm, "/v1/chat/completions", body)
    assert status == 200
    events = [line[6:] for line in raw.decode().splitlines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
    assert text == "echo: a b c"
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] > 0


def test_embeddings_are_unit_vectors_of_requested_size(fake_llm: FakeLLM) -> None:
    status, raw = _post(
        fake_llm, "/v1/embeddings", {"model": "e", "input": ["x", "y"], "dimensions": 5}
    )
    data = json.loads(raw)
    assert status == 200 and len(data["data"]) == 2
    vec = data["data"][0]["embedding"]
    assert len(vec) == 5 and abs(sum(v * v for v in vec) - 1) < 1e-9
    assert data["data"][0]["embedding"] != data["data"][1]["embedding"]


def test_scripts_run_in_order_and_last_repeats(fake_llm: FakeLLM) -> None:
    fake_llm.script("m", error(429), error(500), ok(text="fine"))
    statuses = [_post(fake_llm, "/v1/chat/completions", _chat("p"))[0] for _ in range(4)]
    assert statuses == [429, 500, 200, 200]
    assert _post(fake_llm, "/v1/chat/completions", _chat("p", model="other"))[0] == 200


def test_header_overrides_script_and_drop_closes_connection(fake_llm: FakeLLM) -> None:
    assert _post(fake_llm, "/chat/completions", _chat("p"), **{"x-fake-behaviour": "401"})[0] == 401
    fake_llm.script("*", drop())
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        _post(fake_llm, "/v1/chat/completions", _chat("p"))


def test_models_lists_scripted_names(fake_llm: FakeLLM) -> None:
    fake_llm.script("zeta", ok())
    conn = http.client.HTTPConnection("127.0.0.1", fake_llm.port, timeout=5)
    conn.request("GET", "/v1/models")
    ids = [m["id"] for m in json.loads(conn.getresponse().read())["data"]]
    conn.close()
    assert ids == ["zeta"]


def test_concurrent_requests_each_get_their_own_answer(fake_llm: FakeLLM) -> None:
    fake_llm.script("*", ok(delay=0.05))
    answers: dict[int, str] = {}

    def worker(i: int) -> None:
        _, raw = _post(fake_llm, "/v1/chat/completions", _chat(f"prompt {i}"))
        answers[i] = json.loads(raw)["choices"][0]["message"]["content"]

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == {i: f"echo: prompt {i}" for i in range(20)}


def test_cut_stops_a_stream_midway(fake_llm: FakeLLM) -> None:
    fake_llm.script("m", cut(after=2))
    body = _chat("one two three four", stream=True)
    with pytest.raises((http.client.IncompleteRead, ConnectionError)):
        _post(fake_llm, "/v1/chat/completions", body)
