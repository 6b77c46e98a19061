"""A sentinel API key never appears in hook payloads, log lines, errors or reprs."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any

import pytest

from llmhub.errors import AllAttemptsFailedError
from llmhub.runtime import LLMHub
from llmhub.runtime.secrets import redact_params, scrub
from tests.fake_llm import FakeLLM, drop, error
from tests.runtime_setup import (
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


def _error_texts(exc: BaseException) -> list[str]:
    return [str(exc), repr(exc), "".join(traceback.format_exception(exc))]


@pytest.mark.usefixtures("team_key")
def test_sentinel_key_never_leaks(
    fake_llm: FakeLLM,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    roles = {
        "ok": with_fallbacks("gpt-4o-mini"),
        "falls": with_fallbacks("auth-fails", "gpt-4o-mini"),
        "dies": with_fallbacks("server-fails", "dropped"),
        "bad": with_fallbacks("bad-request"),
        "embed": {"provider": "openai", "model": "text-embedding-3-small", "mode": "embedding"},
    }
    fake_llm.script("auth-fails", error(401, "Incorrect API key provided"))
    fake_llm.script("server-fails", error(500))
    fake_llm.script("dropped", drop())
    fake_llm.script("bad-request", error(400))
    payloads: list[Any] = []
    path = write_runtime(tmp_path / "llmhub.yaml", runtime_dict(fake_llm, roles=roles))
    hub = LLMHub(config_path=path, on_before_call=payloads.append, on_after_call=payloads.append)
    texts: list[str] = [repr(hub)]

    # Everything at DEBUG, litellm's own logger included, with litellm's verbose mode on.
    import litellm

    monkeypatch.setattr(litellm, "set_verbose", True)
    caplog.set_level(logging.DEBUG)
    for name in ("LiteLLM", "LiteLLM Router", "openai", "httpx", "httpcore", "llmhub"):
        caplog.set_level(logging.DEBUG, logger=name)

    replies = [
        hub.completion("ok", MESSAGES),
        hub.completion("falls", MESSAGES),
        hub.completion("ok", MESSAGES, stream=True, stream_options={"include_usage": True}),
        hub.embedding("embed", "x"),
        run_async(hub.acompletion("falls", MESSAGES)),
        # A key passed by the caller is hidden from hooks too.
        hub.completion("ok", MESSAGES, api_key=SENTINEL),
    ]
    list(replies[2])  # finish the stream so its after-hook runs
    for reply in replies:
        texts += [repr(reply), repr(reply.llmhub), str(getattr(reply, "model_dump", dict)())]
    for role in ("dies", "bad"):
        with pytest.raises(Exception) as err:
            hub.completion(role, MESSAGES)
        texts += _error_texts(err.value)
    assert isinstance(texts, list) and any("AllAttemptsFailedError" in t for t in texts)

    # The key did reach the server, so a leak was possible.
    assert {r.api_key for r in fake_llm.requests} == {SENTINEL}
    assert len(payloads) >= 20
    texts += [repr(p) for p in payloads]
    texts += [repr(p.params) for p in payloads if hasattr(p, "params")]
    texts.append(caplog.text)
    texts += [r.getMessage() for r in caplog.records]
    out, err_out = capfd.readouterr()
    texts += [out, err_out]
    assert len(caplog.records) > 20  # debug logging really was on
    leaks = [t[:200] for t in texts if SENTINEL in t]
    assert leaks == []


@pytest.mark.usefixtures("team_key")
def test_a_log_line_with_the_key_is_scrubbed(
    caplog: pytest.LogCaptureFixture, fake_llm: FakeLLM
) -> None:
    LLMHub(config_obj=runtime_dict(fake_llm))  # registers KEY_VAR as a secret, installs the filter
    caplog.set_level(logging.DEBUG, logger="LiteLLM")
    caplog.set_level(logging.DEBUG, logger="openai._base_client")
    # litellm may redact its own logger's records too (once imported); either way, no key.
    logging.getLogger("LiteLLM").debug("headers: %s", {"Authorization": f"Bearer {SENTINEL}"})
    logging.getLogger("openai._base_client").debug("request with key %s", SENTINEL)
    try:
        raise ValueError(f"bad key {SENTINEL}")
    except ValueError:
        logging.getLogger("llmhub.runtime").exception("failed")
    assert SENTINEL not in caplog.text
    assert "request with key ***" in caplog.text and "bad key ***" in caplog.text


def test_redaction_helpers() -> None:
    params = {
        "api_key": "k",
        "temperature": 0.1,
        "extra_headers": {"Authorization": "Bearer x", "X-Id": "1"},
    }
    assert redact_params(params) == {
        "api_key": "***",
        "temperature": 0.1,
        "extra_headers": {"Authorization": "***", "X-Id": "1"},
    }
    assert scrub("key=abcdefgh12345678 ok", ["abcdefgh12345678"]) == "key=*** ok"
    assert scrub("short abc", ["abc"]) == "short abc"  # too short to be a key: left alone


@pytest.mark.usefixtures("team_key")
def test_all_attempts_failed_message_is_scrubbed(fake_llm: FakeLLM, tmp_path: Path) -> None:
    # A provider that echoes the key in its error body (some proxies do).
    fake_llm.script("echoes", error(500, f"invalid key {SENTINEL}"))
    path = write_runtime(
        tmp_path / "r.yaml", runtime_dict(fake_llm, roles={"r": with_fallbacks("echoes")})
    )
    with pytest.raises(AllAttemptsFailedError) as err:
        LLMHub(config_path=path).completion("r", MESSAGES)
    assert SENTINEL not in str(err.value) and "invalid key ***" in str(err.value)
    assert SENTINEL not in repr(err.value.attempts)
    assert all(SENTINEL not in t for t in _error_texts(err.value))


@pytest.mark.usefixtures("team_key")
@pytest.mark.parametrize("status", [400, 401])
def test_a_key_echoed_in_an_error_reaches_neither_the_caller_nor_the_hooks(
    fake_llm: FakeLLM, tmp_path: Path, status: int
) -> None:
    # 400 is raised to the caller at once; 401 falls back and ends in AllAttemptsFailedError.
    fake_llm.script("echoes", error(status, f"bad request from Bearer {SENTINEL}"))
    path = write_runtime(
        tmp_path / "r.yaml", runtime_dict(fake_llm, roles={"r": with_fallbacks("echoes")})
    )
    seen: list[Any] = []
    hub = LLMHub(config_path=path, on_after_call=seen.append)
    with pytest.raises(Exception) as err:
        hub.completion("r", MESSAGES)
    texts = _error_texts(err.value)
    assert texts[0] and all(SENTINEL not in t for t in texts)
    assert "***" in str(err.value)
    (result,) = seen
    assert result.success is False
    assert SENTINEL not in repr(result) and SENTINEL not in str(result.error)
    assert SENTINEL not in repr(getattr(result.error, "body", ""))
