"""The sync and async calls run one attempt loop: the same scenario, against the same real
loopback server, gives the same requests, hook payloads and answer (or error) both ways, and
no error a caller sees is chained to the SDK's exception (which holds the request and key)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from llmhub.runtime import CallContext, CallResult, LLMHub
from tests.fake_llm import Behaviour, FakeLLM, drop, error, ok
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

pytestmark = LITELLM_WARNINGS

EMBED_INPUT = ["abcdefgh", "ijkl"]

# name: (server script per model, role parameters, mode, stream)
SCENARIOS: dict[str, tuple[dict[str, list[Behaviour]], dict[str, Any], str, bool]] = {
    "falls-back": ({"a": [error(429)]}, {}, "chat", False),
    "times-out-then-answers": ({"a": [ok(delay=2.0)]}, {"timeout": 0.3}, "chat", False),
    "every-model-fails": ({"a": [error(500)], "b": [drop()]}, {}, "chat", False),
    "not-retried": ({"a": [error(503)], "b": [error(400, "bad field")]}, {}, "chat", False),
    "stream-falls-back": ({"a": [error(429)]}, {}, "chat", True),
    "embedding-falls-back": ({"a": [error(429)]}, {}, "embedding", False),
}


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_VAR, SENTINEL)


def _seen(kind: str, payload: CallContext | CallResult) -> tuple[Any, ...]:
    """What a hook saw, without the wall times (which differ from run to run)."""
    if isinstance(payload, CallContext):
        return (kind, payload.role, payload.provider, payload.model, payload.mode,
                payload.attempt, payload.stream, _reason(payload.fallback_reason), payload.params)  # fmt: skip
    error = None if payload.error is None else type(payload.error).__name__
    return (kind, payload.model, payload.attempt, payload.success, payload.outcome, error,
            payload.usage, payload.cost_usd, payload.response is None)  # fmt: skip


def _reason(text: str | None) -> str | None:
    """``"<model> failed: <error class>"``: litellm words the message itself differently in its
    sync and async clients (the async one adds the time taken)."""
    return None if text is None else ": ".join(text.split(": ")[:2])


def _outcome(value: Any) -> tuple[Any, ...]:
    info = value.llmhub
    if isinstance(value, list):  # a stream, read to its end
        return ("answer", info.model, info.attempt, _reason(info.fallback_reason), len(value))
    if value.object == "list":  # embeddings
        return ("answer", info.model, info.attempt, _reason(info.fallback_reason), value.data)
    return (
        "answer",
        info.model,
        info.attempt,
        _reason(info.fallback_reason),
        value.choices[0].message,
    )


def _failure(exc: Exception) -> tuple[Any, ...]:
    # The caller's error starts a chain of its own: nothing leads back to the SDK's request.
    assert exc.__cause__ is None and exc.__context__ is None, repr(exc)
    attempts = getattr(exc, "attempts", None)
    listed = None if attempts is None else [(a.model, a.error_class) for a in attempts]
    return ("raised", type(exc).__name__, listed)


class _Observed(list):  # type: ignore[type-arg]
    """A stream's chunks, with the stream's ``llmhub`` info."""

    llmhub: Any


def _run(
    fake: FakeLLM, tmp_path: Path, name: str, call: Callable[[LLMHub, str, bool], Any]
) -> tuple[list[tuple[Any, ...]], tuple[Any, ...], list[str]]:
    script, params, mode, stream = SCENARIOS[name]
    fake.reset()
    for model, behaviours in script.items():
        fake.script(model, *behaviours)
    role = with_fallbacks("a", "b", params=params, mode=mode)
    path = write_runtime(tmp_path / "llmhub.yaml", runtime_dict(fake, roles={"r": role}))
    seen: list[tuple[Any, ...]] = []
    hub = LLMHub(
        config_path=path,
        on_before_call=lambda ctx: seen.append(_seen("before", ctx)),
        on_after_call=lambda result: seen.append(_seen("after", result)),
    )
    try:
        outcome = _outcome(call(hub, mode, stream))
    except Exception as exc:
        outcome = _failure(exc)
    # Each model once, in order (see the xfail below for the requests an embedding repeats).
    return seen, outcome, list(dict.fromkeys(r.body["model"] for r in fake.requests))


def _sync(hub: LLMHub, mode: str, stream: bool) -> Any:
    if mode == "embedding":
        return hub.embedding("r", EMBED_INPUT)
    if not stream:
        return hub.completion("r", MESSAGES)
    opened = hub.completion("r", MESSAGES, stream=True)
    chunks = _Observed(opened)
    chunks.llmhub = opened.llmhub
    return chunks


def _async(hub: LLMHub, mode: str, stream: bool) -> Any:
    async def go() -> Any:
        if mode == "embedding":
            return await hub.aembedding("r", EMBED_INPUT)
        if not stream:
            return await hub.acompletion("r", MESSAGES)
        opened = await hub.acompletion("r", MESSAGES, stream=True)
        chunks = _Observed([c async for c in opened])
        chunks.llmhub = opened.llmhub
        return chunks

    return run_async(go())


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_sync_and_async_calls_make_the_same_attempts_and_report_them_alike(
    fake_llm: FakeLLM, tmp_path: Path, name: str
) -> None:
    sync_seen, sync_outcome, sync_requests = _run(fake_llm, tmp_path, name, _sync)
    async_seen, async_outcome, async_requests = _run(fake_llm, tmp_path, name, _async)
    # One before- and one after-call report per model the server was asked for, in order.
    assert [s[:2] for s in sync_seen[::2]] == [("before", "r")] * len(sync_requests)
    assert [s[3] for s in sync_seen[::2]] == [s[1] for s in sync_seen[1::2]] == sync_requests
    assert async_requests == sync_requests
    assert async_outcome == sync_outcome
    assert async_seen == sync_seen


@pytest.mark.xfail(
    strict=True,
    reason="litellm's embedding() leaves max_retries to the OpenAI SDK, which retries a 429 "
    "twice: the failing model gets three requests before llmhub falls back",
)
def test_a_failing_embedding_model_gets_one_request(fake_llm: FakeLLM, tmp_path: Path) -> None:
    _, outcome, _ = _run(fake_llm, tmp_path, "embedding-falls-back", _sync)
    assert outcome[0] == "answer"
    assert [r.body["model"] for r in fake_llm.requests] == ["a", "b"]


def test_the_sdk_timeout_stays_the_same_from_call_to_call(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    # litellm keys its cached HTTP clients on the timeout: an exact remainder of the role's
    # budget (9.99987...) on every call would build a new client, and a new connection, each time.
    role = with_fallbacks("a", "b", params={"timeout": 30}, total_timeout=10)
    fake_llm.reset()
    fake_llm.script("a", error(429))
    path = write_runtime(tmp_path / "llmhub.yaml", runtime_dict(fake_llm, roles={"r": role}))
    seen: list[CallContext] = []
    hub = LLMHub(config_path=str(path), on_before_call=seen.append)
    for _ in range(3):
        hub.completion("r", MESSAGES)
    timeouts = [(c.attempt, c.params["timeout"]) for c in seen]
    # The first call fails over to b; the others stay on b: the same figure every time.
    assert timeouts[0] == (1, 10.0) and timeouts[1][0] == 2
    assert {t for _, t in timeouts} == {10.0}


def test_a_timeout_is_one_class_whichever_deadline_fired() -> None:
    # Under load the SDK's deadline (litellm's Timeout) or llmhub's own (TimeoutError) fires
    # first, and the same slow model was reported as either: the sync and async calls of one
    # scenario disagreed.
    from llmhub.runtime import backend

    class Timeout(Exception):  # litellm.exceptions.Timeout, by name
        pass

    for exc in (TimeoutError(), Timeout("litellm.Timeout: Request timed out")):
        name, message = backend.describe(exc)
        assert name == "Timeout" and "timed out" in message, (name, message)
    assert backend.describe(ConnectionError("refused"))[0] == "ConnectionError"
