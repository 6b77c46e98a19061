"""Fallbacks on retryable failures, none on a bad request; hooks once per attempt, usage and cost."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from llmhub.errors import AllAttemptsFailedError
from llmhub.runtime import CallContext, CallResult, LLMHub
from tests.fake_llm import Behaviour, FakeLLM, count_tokens, cut, drop, error, ok
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

pytestmark = [*LITELLM_WARNINGS, pytest.mark.usefixtures("team_key")]


class Recorder:
    """Hooks that remember every payload, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    def before(self, ctx: CallContext) -> None:
        self.events.append(("before", ctx))

    def after(self, result: CallResult) -> None:
        self.events.append(("after", result))

    def results(self) -> list[CallResult]:
        return [p for kind, p in self.events if kind == "after"]


def make_hub(
    fake: FakeLLM,
    tmp_path: Path,
    roles: dict[str, Any],
    rec: Recorder | None = None,
    providers: dict[str, Any] | None = None,
) -> LLMHub:
    path = write_runtime(
        tmp_path / "llmhub.yaml", runtime_dict(fake, roles=roles, providers=providers)
    )
    if rec is None:
        return LLMHub(config_path=path)
    return LLMHub(config_path=path, on_before_call=rec.before, on_after_call=rec.after)


RETRYABLE: list[tuple[str, Behaviour, dict[str, Any], str]] = [
    ("429", error(429), {}, "RateLimitError"),
    ("500", error(500), {}, "InternalServerError"),
    ("503", error(503), {}, "ServiceUnavailableError"),
    ("401", error(401), {}, "AuthenticationError"),
    ("connection-closed", drop(), {}, "InternalServerError"),
    # the SDK's timeout, or llmhub's own deadline 0.1 s after it when the SDK's fires late:
    # either is a timeout
    ("timeout", ok(delay=2.0), {"timeout": 0.3}, "Timeout|TimeoutError"),
]


@pytest.mark.parametrize(
    ("failure", "params", "error_class"), [r[1:] for r in RETRYABLE], ids=[r[0] for r in RETRYABLE]
)
def test_retryable_failure_falls_back_once_to_the_next_model(
    fake_llm: FakeLLM, tmp_path: Path, failure: Behaviour, params: dict[str, Any], error_class: str
) -> None:
    rec = Recorder()
    hub = make_hub(
        fake_llm, tmp_path, {"r": with_fallbacks("primary", "backup", params=params)}, rec
    )
    if "timeout" in params:
        # The first call of a process sets up litellm's client in the worker thread: inside a
        # 0.3 s budget that can outlast llmhub's deadline before the request is even sent, and
        # the primary's request then reaches the server after the backup's. One call first.
        hub.completion("r", MESSAGES)
        fake_llm.reset()
        rec.events.clear()
    fake_llm.script("primary", failure)
    reply = hub.completion("r", MESSAGES)
    assert reply.choices[0].message.content == "echo: hello there"
    assert (reply.llmhub.model, reply.llmhub.attempt) == ("backup", 2)
    names = error_class.split("|")
    assert any(f"{name}:" in reply.llmhub.fallback_reason for name in names)
    assert "openai/primary" in reply.llmhub.fallback_reason
    # llmhub's fallback, not litellm's retries: the failing model saw exactly one request.
    assert [r.body["model"] for r in fake_llm.requests] == ["primary", "backup"]
    first, second = rec.results()
    assert (first.success, first.model) == (False, "primary")
    assert type(first.error).__name__ in names
    assert (second.success, second.model, second.attempt) == (True, "backup", 2)
    assert second.fallback_reason == reply.llmhub.fallback_reason


def test_bad_request_is_not_retried(fake_llm: FakeLLM, tmp_path: Path) -> None:
    import litellm

    fake_llm.script("primary", error(400, "messages: field required"))
    rec = Recorder()
    hub = make_hub(fake_llm, tmp_path, {"r": with_fallbacks("primary", "backup")}, rec)
    with pytest.raises(litellm.BadRequestError, match="field required"):
        hub.completion("r", MESSAGES)
    assert fake_llm.requests_for("backup") == []
    assert len(fake_llm.requests) == 1
    (only,) = rec.results()
    assert only.success is False and only.attempt == 1


def test_fallbacks_are_tried_in_order_until_one_answers(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.script("a", error(429))
    fake_llm.script("b", error(502))
    hub = make_hub(fake_llm, tmp_path, {"r": with_fallbacks("a", "b", "c", "d")})
    reply = hub.completion("r", MESSAGES)
    assert (reply.llmhub.model, reply.llmhub.attempt) == ("c", 3)
    assert [r.body["model"] for r in fake_llm.requests] == ["a", "b", "c"]


def test_every_attempt_failing_lists_each_attempt(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.script("a", error(429, "slow down"))
    fake_llm.script("b", error(500, "boom"))
    rec = Recorder()
    hub = make_hub(fake_llm, tmp_path, {"r": with_fallbacks("a", "b")}, rec)
    with pytest.raises(AllAttemptsFailedError) as err:
        hub.completion("r", MESSAGES)
    attempts = err.value.attempts
    assert [(a.provider, a.model, a.error_class) for a in attempts] == [
        ("openai", "a", "RateLimitError"),
        ("openai", "b", "InternalServerError"),
    ]
    assert "slow down" in attempts[0].message and "boom" in attempts[1].message
    assert err.value.role == "r"
    assert "all 2 attempt(s) failed" in str(err.value)
    assert [r.success for r in rec.results()] == [False, False]


def test_async_falls_back_and_reports_all_failures(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.script("a", error(500))
    hub = make_hub(fake_llm, tmp_path, {"r": with_fallbacks("a", "b")})
    reply = run_async(hub.acompletion("r", MESSAGES))
    assert reply.llmhub.model == "b"
    fake_llm.script("b", drop())
    with pytest.raises(AllAttemptsFailedError):
        run_async(hub.acompletion("r", MESSAGES))


def test_stream_falls_back_before_the_first_chunk(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.script("a", error(429))
    hub = make_hub(fake_llm, tmp_path, {"r": with_fallbacks("a", "b")})
    stream = hub.completion("r", MESSAGES, stream=True)
    assert stream.llmhub.model == "b"
    assert (
        "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        == "echo: hello there"
    )


def test_missing_key_for_one_provider_falls_back_to_another(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    providers = {
        "openai": {"env_key": "LLMHUB_TEST_UNSET_KEY", "api_base": fake_llm.url},
        "hosted_vllm": {"env_key": KEY_VAR, "api_base": fake_llm.url},
    }
    monkeypatch.delenv("LLMHUB_TEST_UNSET_KEY", raising=False)
    role = {
        "provider": "openai",
        "model": "a",
        "fallbacks": [{"provider": "hosted_vllm", "model": "b"}],
    }
    hub = make_hub(fake_llm, tmp_path, {"r": role}, providers=providers)
    reply = hub.completion("r", MESSAGES)
    assert (reply.llmhub.provider, reply.llmhub.model) == ("hosted_vllm", "b")
    assert "EnvVarMissingError" in reply.llmhub.fallback_reason
    assert "LLMHUB_TEST_UNSET_KEY" in reply.llmhub.fallback_reason
    assert [r.body["model"] for r in fake_llm.requests] == ["b"]


def test_hooks_run_once_per_attempt_with_usage_and_cost(fake_llm: FakeLLM, tmp_path: Path) -> None:
    import litellm

    fake_llm.script("gpt-4o-mini", error(429))
    role = {
        "provider": "openai",
        "model": "gpt-4o-mini",
        "params": {"temperature": 0.5},
        "fallbacks": [
            {
                "provider": "openai",
                "model": "house-model",
                "price_input_per_million": 2.0,
                "price_output_per_million": 8.0,
            },
        ],
    }
    rec = Recorder()
    hub = make_hub(fake_llm, tmp_path, {"r": role}, rec)
    hub.completion("r", MESSAGES)
    kinds = [(k, p.attempt) for k, p in rec.events]
    assert kinds == [("before", 1), ("after", 1), ("before", 2), ("after", 2)]
    ctx = rec.events[0][1]
    assert (ctx.role, ctx.provider, ctx.model, ctx.mode) == ("r", "openai", "gpt-4o-mini", "chat")
    assert ctx.messages == MESSAGES and ctx.input is None
    assert ctx.params["temperature"] == 0.5 and "api_key" not in ctx.params
    failed, ok_ = rec.results()
    assert failed.cost_usd is None and failed.usage.total_tokens is None
    assert failed.duration_ms > 0
    assert ok_.response is not None and ok_.usage.prompt_tokens == 7
    assert ok_.usage.completion_tokens == ok_.response.usage.completion_tokens
    # litellm does not know "house-model": the runtime file's prices apply.
    expected = (7 * 2.0 + ok_.usage.completion_tokens * 8.0) / 1e6
    assert ok_.cost_usd == pytest.approx(expected)

    # A model litellm knows is priced by litellm.
    fake_llm.reset()
    rec.events.clear()
    hub.completion("r", MESSAGES)
    (known,) = rec.results()
    info = litellm.model_cost["gpt-4o-mini"]
    expected = (
        7 * info["input_cost_per_token"]
        + known.usage.completion_tokens * info["output_cost_per_token"]
    )
    assert known.cost_usd == pytest.approx(expected)


def test_unpriced_unknown_model_has_no_cost_and_no_error(fake_llm: FakeLLM, tmp_path: Path) -> None:
    rec = Recorder()
    hub = make_hub(fake_llm, tmp_path, {"r": with_fallbacks("mystery-model")}, rec)
    hub.completion("r", MESSAGES)
    (result,) = rec.results()
    assert result.success and result.cost_usd is None and result.usage.total_tokens == 12


def test_stream_after_hook_fires_at_the_end_with_usage(fake_llm: FakeLLM, tmp_path: Path) -> None:
    rec = Recorder()
    hub = make_hub(fake_llm, tmp_path, {"r": with_fallbacks("gpt-4o-mini")}, rec)
    stream = hub.completion("r", MESSAGES, stream=True, stream_options={"include_usage": True})
    assert [k for k, _ in rec.events] == ["before"]  # not finished yet
    chunks = list(stream)
    (result,) = rec.results()
    assert result.success and result.context.stream
    answer_tokens = count_tokens("echo: hello there")
    assert result.usage.prompt_tokens == 7 and result.usage.completion_tokens == answer_tokens
    assert result.cost_usd is not None and result.cost_usd > 0
    assert chunks[-1].usage.completion_tokens == answer_tokens

    async def consume() -> int:
        s = await hub.acompletion(
            "r", MESSAGES, stream=True, stream_options={"include_usage": True}
        )
        return len([c async for c in s])

    assert run_async(consume()) == len(chunks)
    assert rec.results()[-1].usage.completion_tokens == answer_tokens


def test_embedding_hooks_carry_input_and_cost(fake_llm: FakeLLM, tmp_path: Path) -> None:
    roles = {
        "e": {
            "provider": "openai",
            "model": "embed-house",
            "mode": "embedding",
            "price_input_per_million": 1.0,
        }
    }
    rec = Recorder()
    hub = make_hub(fake_llm, tmp_path, roles, rec)
    hub.embedding("e", ["abcdefgh", "ijkl"])
    (result,) = rec.results()
    assert (
        result.mode == "embedding"
        and result.input == ["abcdefgh", "ijkl"]
        and result.messages is None
    )
    assert result.usage.prompt_tokens == 3
    assert result.cost_usd == pytest.approx(3 / 1e6)


def test_a_raising_hook_is_logged_and_the_call_goes_on(
    fake_llm: FakeLLM, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_before(ctx: CallContext) -> None:
        raise RuntimeError("hook bug before")

    def broken_after(result: CallResult) -> None:
        raise ValueError("hook bug after")

    path = write_runtime(tmp_path / "r.yaml", runtime_dict(fake_llm))
    hub = LLMHub(config_path=path, on_before_call=broken_before, on_after_call=broken_after)
    with caplog.at_level(logging.WARNING, logger="llmhub.runtime"):
        reply = hub.completion("chat", MESSAGES)
        run_async(hub.acompletion("chat", MESSAGES))
    assert reply.choices[0].message.content == "echo: hello there"
    messages = [r.getMessage() for r in caplog.records if r.name == "llmhub.runtime"]
    assert sum("broken_before" in m for m in messages) == 2
    assert sum("broken_after" in m for m in messages) == 2
    assert "hook bug before" in caplog.text


def test_async_hooks_may_be_coroutines(fake_llm: FakeLLM, tmp_path: Path) -> None:
    seen: list[str] = []

    async def before(ctx: CallContext) -> None:
        seen.append(f"before {ctx.attempt}")

    async def after(result: CallResult) -> None:
        seen.append(f"after {result.success}")

    path = write_runtime(tmp_path / "r.yaml", runtime_dict(fake_llm))
    hub = LLMHub(config_path=path, on_before_call=before, on_after_call=after)
    run_async(hub.acompletion("chat", MESSAGES))
    assert seen == ["before 1", "after True"]


def test_a_stream_cut_midway_raises_and_the_after_hook_sees_the_failure(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    fake_llm.script("a", cut(after=1))
    rec = Recorder()
    hub = make_hub(fake_llm, tmp_path, {"r": with_fallbacks("a", "b")}, rec)
    stream = hub.completion("r", [{"role": "user", "content": "w1 w2 w3 w4"}], stream=True)
    with pytest.raises(Exception):  # noqa: B017  (litellm's class for a cut stream varies)
        for _ in stream:
            pass
    (result,) = rec.results()
    assert result.success is False and result.error is not None and result.cost_usd is None
    assert fake_llm.requests_for("b") == []  # content already flowed: no silent switch

    async def consume() -> None:
        s = await hub.acompletion("r", [{"role": "user", "content": "w1 w2 w3"}], stream=True)
        async for _ in s:
            pass

    with pytest.raises(Exception):  # noqa: B017
        run_async(consume())
    assert rec.results()[-1].success is False


def test_each_provider_uses_its_own_api_base_and_key(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLMHUB_TEST_OTHER_KEY", "sk-other-provider-key-123")
    fake_llm.script("*", error(503))
    with FakeLLM() as other:
        providers = {
            "openai": {"env_key": KEY_VAR, "api_base": fake_llm.url},
            "hosted_vllm": {"env_key": "LLMHUB_TEST_OTHER_KEY", "api_base": other.url},
        }
        role = {
            "provider": "openai",
            "model": "a",
            "fallbacks": [{"provider": "hosted_vllm", "model": "b"}],
        }
        hub = make_hub(fake_llm, tmp_path, {"r": role}, providers=providers)
        reply = hub.completion("r", MESSAGES)
        assert (reply.llmhub.provider, reply.llmhub.model) == ("hosted_vllm", "b")
        assert [(r.body["model"], r.api_key) for r in fake_llm.requests] == [("a", SENTINEL)]
        assert [(r.body["model"], r.api_key) for r in other.requests] == [
            ("b", "sk-other-provider-key-123")
        ]
