"""Gateway mode: the exported proxy config routes like LLMHub, and the gateway runtime file
reports what the proxy says answered. The real proxy is checked by ``just proxy-check``."""

from __future__ import annotations

import time
import traceback
from pathlib import Path
from typing import Any

import pytest

from llmhub.export.gateway import gateway_runtime
from llmhub.export.litellm_proxy import build_proxy_config
from llmhub.runtime import LLMHub, load_runtime
from llmhub.runtime.plan import build_plans
from tests.fake_llm import FakeLLM, error, ok
from tests.runtime_setup import (
    KEY_VAR,
    LITELLM_WARNINGS,
    MESSAGES,
    SENTINEL,
    run_async,
    runtime_dict,
    teardown_module,  # noqa: F401  (pytest runs it for this module)
    with_fallbacks,
    write_runtime,
)

pytestmark = LITELLM_WARNINGS

ROLES = {
    "answer": with_fallbacks("m-primary", "m-second", "m-third"),
    "summary": with_fallbacks(
        "s-primary", "s-second", price_input_per_million=1.0, price_output_per_million=2.0
    ),
}


@pytest.fixture
def runtime_file(fake_llm: FakeLLM, tmp_path: Path, team_key: str) -> Path:
    return write_runtime(tmp_path / "llmhub.yaml", runtime_dict(fake_llm, roles=ROLES))


def _asked(fake: FakeLLM) -> list[str]:
    return [r.body["model"] for r in fake.requests]


@pytest.mark.parametrize(
    "failures",
    [
        {"m-primary": 500},
        {"m-primary": 429, "m-second": 500},
        {"s-primary": 503},
    ],
    ids=["500-then-second", "429-500-then-third", "summary-503"],
)
def test_router_from_the_export_falls_back_in_llmhub_order(
    fake_llm: FakeLLM, runtime_file: Path, failures: dict[str, int]
) -> None:
    import litellm

    role = "summary" if "s-primary" in failures else "answer"
    for model, status in failures.items():
        fake_llm.script(model, error(status))
    hub = LLMHub(runtime_file)
    hub.completion(role, MESSAGES)
    by_llmhub = _asked(fake_llm)

    fake_llm.requests.clear()
    config = build_proxy_config(build_plans(load_runtime(runtime_file)))
    router = litellm.Router(
        model_list=config["model_list"],
        fallbacks=config["router_settings"]["fallbacks"],
        num_retries=config["router_settings"]["num_retries"],
    )
    reply = router.completion(model=role, messages=MESSAGES)
    by_router = _asked(fake_llm)

    assert by_router == by_llmhub, f"router {by_router} vs llmhub {by_llmhub}"
    assert len(by_llmhub) == len(failures) + 1
    assert reply.choices[0].message.content == "echo: hello there"
    # The key reached the server from os.environ/<env_key>, never from the file.
    assert {r.api_key for r in fake_llm.requests} == {SENTINEL}


def _gateway_file(fake: FakeLLM, runtime_file: Path, tmp_path: Path) -> Path:
    from llmhub.runtime.config import save_runtime

    runtime = load_runtime(runtime_file)
    gateway = gateway_runtime(runtime, build_plans(runtime), fake.url, KEY_VAR)
    path = tmp_path / "llmhub.gateway.yaml"
    save_runtime(path, gateway)
    return path


def _proxy_says(model: str, cost: str) -> dict[str, str]:
    # What a LiteLLM Proxy adds to every answer (see `just proxy-check` for the real one).
    return {
        "x-litellm-model-name": model,
        "x-litellm-model-group": "answer",
        "x-litellm-response-cost": cost,
        "x-litellm-attempted-fallbacks": "0",
    }


def test_gateway_hooks_get_the_model_and_cost_the_proxy_reports(
    fake_llm: FakeLLM, runtime_file: Path, tmp_path: Path
) -> None:
    fake_llm.script("answer", error(500))
    fake_llm.script("answer.fallback-1", ok(headers=_proxy_says("openai/m-second", "0.000123")))
    results = []
    hub = LLMHub(_gateway_file(fake_llm, runtime_file, tmp_path), on_after_call=results.append)

    reply = hub.completion("answer", MESSAGES)

    assert _asked(fake_llm) == ["answer", "answer.fallback-1"]
    assert all(r.body["disable_fallbacks"] is True for r in fake_llm.requests)
    assert (reply.llmhub.provider, reply.llmhub.model, reply.llmhub.attempt) == (
        "openai",
        "m-second",
        2,
    )
    failed, answered = results
    assert (failed.success, failed.model) == (False, "answer")
    assert (answered.success, answered.provider, answered.model) == (True, "openai", "m-second")
    assert answered.cost_usd == pytest.approx(0.000123)
    assert SENTINEL not in repr(results)


def test_gateway_keeps_a_400_a_400(fake_llm: FakeLLM, runtime_file: Path, tmp_path: Path) -> None:
    import litellm

    fake_llm.script("answer", error(400, "max_tokens is too large"))
    hub = LLMHub(_gateway_file(fake_llm, runtime_file, tmp_path))
    with pytest.raises(litellm.BadRequestError):
        hub.completion("answer", MESSAGES)
    assert _asked(fake_llm) == ["answer"]
    assert fake_llm.requests[0].body["disable_fallbacks"] is True


def test_gateway_without_proxy_headers_names_the_group(
    fake_llm: FakeLLM, runtime_file: Path, tmp_path: Path
) -> None:
    results = []
    hub = LLMHub(_gateway_file(fake_llm, runtime_file, tmp_path), on_after_call=results.append)
    reply = hub.completion("summary", MESSAGES)
    assert (reply.llmhub.provider, reply.llmhub.model) == ("litellm_proxy", "summary")
    # No cost header: the gateway file's prices (the primary's, from the catalog) price it.
    usage = results[0].usage
    assert usage.prompt_tokens and usage.completion_tokens
    expected = (usage.prompt_tokens * 1.0 + usage.completion_tokens * 2.0) / 1e6
    assert results[0].cost_usd == pytest.approx(expected)


def test_order_layout_router_tries_the_models_in_llmhub_order(
    fake_llm: FakeLLM, runtime_file: Path
) -> None:
    import litellm

    fake_llm.script("m-primary", error(500))
    fake_llm.script("m-second", error(429))
    LLMHub(runtime_file).completion("answer", MESSAGES)
    by_llmhub = _asked(fake_llm)

    fake_llm.requests.clear()
    config = build_proxy_config(build_plans(load_runtime(runtime_file)), layout="order")
    router = litellm.Router(model_list=config["model_list"], num_retries=0)
    router.completion(model="answer", messages=MESSAGES)
    assert _asked(fake_llm) == by_llmhub == ["m-primary", "m-second", "m-third"]


def _gateway_for(fake: FakeLLM, tmp_path: Path, roles: dict[str, Any]) -> Path:
    direct = write_runtime(tmp_path / "direct.yaml", runtime_dict(fake, roles=roles))
    return _gateway_file(fake, direct, tmp_path)


def _chain_texts(exc: BaseException | None) -> list[str]:
    """What a traceback shows of ``exc`` and each exception it is chained to."""
    texts = []
    while exc is not None:
        texts += [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return texts


def test_gateway_async_falls_back_and_answers_as_litellm_would(
    fake_llm: FakeLLM, runtime_file: Path, tmp_path: Path
) -> None:
    import litellm

    fake_llm.script("answer", error(503))
    fake_llm.script("answer.fallback-1", ok(headers=_proxy_says("openai/m-second", "0.0002")))
    results: list[Any] = []

    async def record(result: Any) -> None:
        results.append(result)

    hub = LLMHub(_gateway_file(fake_llm, runtime_file, tmp_path), on_after_call=record)
    reply = run_async(hub.acompletion("answer", MESSAGES, temperature=0.2))

    assert isinstance(reply, litellm.ModelResponse), type(reply)
    assert reply.choices[0].message.content == "echo: hello there"
    assert "llmhub" not in reply.model_dump()
    assert (reply.llmhub.provider, reply.llmhub.model, reply.llmhub.attempt) == (
        "openai",
        "m-second",
        2,
    )
    assert _asked(fake_llm) == ["answer", "answer.fallback-1"]
    assert [r.body["temperature"] for r in fake_llm.requests] == [0.2, 0.2]
    assert all(r.body["disable_fallbacks"] is True for r in fake_llm.requests)
    assert {r.api_key for r in fake_llm.requests} == {SENTINEL}
    assert [(r.success, r.model) for r in results] == [(False, "answer"), (True, "m-second")]
    assert results[1].cost_usd == pytest.approx(0.0002)
    assert results[1].usage.prompt_tokens and results[1].usage.completion_tokens


@pytest.mark.usefixtures("team_key")
def test_gateway_embeddings_sync_and_async(fake_llm: FakeLLM, tmp_path: Path) -> None:
    import litellm

    roles = {
        "embed": {
            "provider": "openai",
            "model": "e-primary",
            "mode": "embedding",
            "fallbacks": [{"provider": "openai", "model": "e-second"}],
        }
    }
    fake_llm.script("embed", error(500))
    fake_llm.script("embed.fallback-1", ok(headers=_proxy_says("openai/e-second", "0.00001")))
    results: list[Any] = []
    hub = LLMHub(_gateway_for(fake_llm, tmp_path, roles), on_after_call=results.append)

    reply = hub.embedding("embed", ["a", "b"])
    areply = run_async(hub.aembedding("embed", "c"))

    assert isinstance(reply, litellm.EmbeddingResponse), type(reply)
    assert len(reply.data) == 2 and len(reply.data[0]["embedding"]) > 0
    assert len(areply.data) == 1
    assert (reply.llmhub.model, areply.llmhub.model) == ("e-second", "e-second")
    assert _asked(fake_llm) == ["embed", "embed.fallback-1"] * 2
    assert all(r.body["disable_fallbacks"] is True for r in fake_llm.requests)
    assert [r.cost_usd for r in results if r.success] == [pytest.approx(0.00001)] * 2


def test_gateway_stream_goes_through_litellm_with_hooks(
    fake_llm: FakeLLM, runtime_file: Path, tmp_path: Path
) -> None:
    results: list[Any] = []
    hub = LLMHub(_gateway_file(fake_llm, runtime_file, tmp_path), on_after_call=results.append)
    stream = hub.completion("summary", MESSAGES, stream=True)
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert text == "echo: hello there"
    assert fake_llm.requests[0].body["stream"] is True
    assert fake_llm.requests[0].body["disable_fallbacks"] is True
    assert [r.success for r in results] == [True]


def test_gateway_timeout_moves_to_the_fallback(
    fake_llm: FakeLLM, runtime_file: Path, tmp_path: Path
) -> None:
    fake_llm.script("answer", ok(delay=3))
    results: list[Any] = []
    hub = LLMHub(_gateway_file(fake_llm, runtime_file, tmp_path), on_after_call=results.append)
    hub.warmup()  # litellm's import (seconds, when the test runs alone) is not the call's time
    started = time.perf_counter()
    reply = hub.completion("answer", MESSAGES, timeout=0.5)
    assert time.perf_counter() - started < 2.5
    assert (reply.llmhub.model, reply.llmhub.attempt) == ("answer.fallback-1", 2)
    # The SDK's timeout (litellm's Timeout) or, when the first request's set-up in a process
    # takes it past the 0.1 s grace, llmhub's own deadline (TimeoutError): both are timeouts.
    assert type(results[0].error).__name__ in ("Timeout", "TimeoutError")
    assert "timed out" in reply.llmhub.fallback_reason.lower()


@pytest.mark.usefixtures("team_key")
@pytest.mark.parametrize("status", [400, 401])
def test_gateway_errors_carry_no_key(fake_llm: FakeLLM, tmp_path: Path, status: int) -> None:
    # 400 is raised at once; 401 moves on, and the last failure ends the role.
    fake_llm.script("r", error(status, f"bad request from Bearer {SENTINEL}"))
    roles = {"r": with_fallbacks("echoes")}
    seen: list[Any] = []
    hub = LLMHub(_gateway_for(fake_llm, tmp_path, roles), on_after_call=seen.append)
    with pytest.raises(Exception) as err:
        hub.completion("r", MESSAGES)
    texts = _chain_texts(err.value)
    assert texts[0] and all(SENTINEL not in t for t in texts)
    assert "***" in str(err.value)
    (result,) = seen
    assert result.success is False
    assert all(SENTINEL not in t for t in _chain_texts(result.error))


def test_gateway_400_is_litellms_bad_request_async(
    fake_llm: FakeLLM, runtime_file: Path, tmp_path: Path
) -> None:
    import litellm

    fake_llm.script("answer", error(400, "max_tokens is too large"))
    hub = LLMHub(_gateway_file(fake_llm, runtime_file, tmp_path))
    with pytest.raises(litellm.BadRequestError) as err:
        run_async(hub.acompletion("answer", MESSAGES))
    assert err.value.status_code == 400 and "max_tokens is too large" in str(err.value)
    # The SDK's own exception holds the request (with its Authorization header): not chained.
    assert err.value.__cause__ is None and err.value.__context__ is None
    assert _asked(fake_llm) == ["answer"]


def test_gateway_async_works_across_event_loops(
    fake_llm: FakeLLM, runtime_file: Path, tmp_path: Path
) -> None:
    # An application may call asyncio.run per request: pooled connections must not cross loops.
    import asyncio

    hub = LLMHub(_gateway_file(fake_llm, runtime_file, tmp_path))
    replies = [asyncio.run(hub.acompletion("summary", MESSAGES)) for _ in range(3)]
    assert [r.choices[0].message.content for r in replies] == ["echo: hello there"] * 3
    assert [r.llmhub.attempt for r in replies] == [1, 1, 1]


def test_gateway_pydantic_response_format_goes_through_litellm(
    fake_llm: FakeLLM, runtime_file: Path, tmp_path: Path
) -> None:
    from pydantic import BaseModel

    class Answer(BaseModel):
        text: str

    hub = LLMHub(_gateway_file(fake_llm, runtime_file, tmp_path))
    reply = hub.completion("summary", MESSAGES, response_format=Answer)
    assert reply.llmhub.attempt == 1
    sent = fake_llm.requests[0].body["response_format"]
    assert sent["type"] == "json_schema" and "text" in str(sent["json_schema"])
