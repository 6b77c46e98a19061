"""Issue 14.2: one secrets policy. Credentials never reach llmhub.yaml, a hook payload or an
exception, whatever the depth: the walk below follows causes, contexts, attributes and vars()."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

import pytest

from llmhub.errors import AllAttemptsFailedError
from llmhub.redact import find_credentials, is_secret_key, redact, redact_text
from llmhub.runtime import LLMHub
from llmhub.runtime.secrets import redact_params
from tests.fake_llm import FakeLLM, cut, drop, error, ok
from tests.helpers import ASSETS, invoke_cli, reachable_leaks
from tests.runtime_setup import (
    KEY_VAR,
    LITELLM_WARNINGS,
    MESSAGES,
    run_async,
    runtime_dict,
    teardown_module,  # noqa: F401  (pytest calls it: collects litellm's garbage here)
    with_fallbacks,
    write_runtime,
)

pytestmark = LITELLM_WARNINGS

# No known key shape: only llmhub's watch on the key variable can hide this one.
SENTINEL = "zq7LLMHUBsentinel40c2b9e1d7a54f"


# -- the rules -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "key",
    [
        "Authorization",
        "api-key",
        "x-api-key",
        "x-goog-api-key",
        "Ocp-Apim-Subscription-Key",
        "token",
        "secret",
        "password",
        "client_secret",
        "aws_secret_access_key",
        "access_token",
    ],
)
def test_credential_keys_are_recognised_at_any_depth(key: str) -> None:
    assert is_secret_key(key)
    params = {"extra_headers": {"nested": [{key: "v4lue-of-the-key"}]}, "temperature": 0.2}
    assert list(find_credentials(params)) == [("extra_headers", "nested", 0, key)]
    assert "v4lue-of-the-key" not in repr(redact(params))
    assert redact(params)["temperature"] == 0.2


@pytest.mark.parametrize(
    "text",
    [
        "Bearer abcdefghijklmnop",
        "sk-proj-abcdefghijklmnopqrst",
        "sk-ant-api03-abcdefghijklmnop",
        "http://user:sk-abcdefgh@host:8000/v1",
        "https://alice:hunter2hunter2@proxy.example/v1",
        "AIzaSyA1234567890abcdefghijklmnopqrstu",
        "pplx-" + "a1B2c3D4e5" * 5,
    ],
)
def test_credential_values_are_recognised_by_shape_and_in_urls(text: str) -> None:
    assert redact_text(text) != text
    assert list(find_credentials({"x": text})) == [("x",)]


def test_ordinary_values_are_left_alone() -> None:
    # Perplexity's model ids start as its keys do ("pplx-"), with words where a key has 48
    # letters and digits: a pick of pplx-embed-v1-0.6b must not be refused as a credential.
    ordinary = ("http://localhost:8000/v1", "max_tokens", "gpt-4o-mini", "skip-this", "tokens")
    for text in (*ordinary, "pplx-embed-context-v1-0.6b", "perplexity/pplx-embed-v1-4b"):
        assert redact_text(text) == text
    assert not is_secret_key("max_tokens") and not is_secret_key("temperature")


def test_hook_params_hide_nested_headers() -> None:
    params = {
        "extra_headers": {"x-goog-api-key": "abc12345678", "Ocp-Apim-Subscription-Key": "k" * 12},
        "metadata": {"token": "t" * 12},
        "api_base": "http://u:p4ssw0rd99@h/v1",
    }
    shown = repr(redact_params(params))
    assert "abc12345678" not in shown and "k" * 12 not in shown and "t" * 12 not in shown
    assert "p4ssw0rd99" not in shown


# -- the generator refuses to write one -----------------------------------------------------
@pytest.mark.parametrize(
    "snippet",
    [
        "mode_params: {extra_headers: {Authorization: 'Bearer sk-abcdefghijkl'}}",
        "mode_params: {api-key: sk-abcdefghijkl}",
        "mode_params: {api_base: 'http://user:sk-abcdefghijkl@host/v1'}",
        "mode_params: {metadata: {note: 'sk-proj-abcdefghijklmnop'}}",
    ],
)
def test_generate_refuses_a_credential_in_the_spec(
    snippet: str, tmp_path: Path, catalog_db: Path
) -> None:
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text((ASSETS / "bad_inputs" / "good.spec.yaml").read_text() + f"    {snippet}\n")
    out = tmp_path / "llmhub.yaml"
    proc = invoke_cli("generate", "--spec", str(spec), "--db", str(catalog_db), "--out", str(out))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "env_key" in lines[0], proc.stderr
    assert "abcdefghijkl" not in proc.stderr
    assert not out.exists()


def test_a_provider_url_with_userinfo_is_refused(tmp_path: Path, catalog_db: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(
        (ASSETS / "bad_inputs" / "good.spec.yaml")
        .read_text()
        .replace("{env_key: OPENAI_API_KEY}", "{api_base: 'https://me:s3cr3tvalue@gw.example/v1'}")
    )
    proc = invoke_cli(
        "generate", "--spec", str(spec), "--db", str(catalog_db), "--out", str(tmp_path / "o")
    )
    assert proc.returncode == 2 and "s3cr3tvalue" not in proc.stderr
    assert "credential" in proc.stderr


# -- nothing reachable from a payload or an exception holds the key ------------------------
def test_no_key_is_reachable_over_200_concurrent_calls_with_mixed_faults(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_VAR, SENTINEL)
    fake_llm.script("m-ok", ok())
    fake_llm.script("m-429", error(429))
    fake_llm.script("m-500", error(500))
    fake_llm.script("m-401-echo", error(401, f"Incorrect API key provided: {SENTINEL}"))
    fake_llm.script("m-400", error(400))
    fake_llm.script("m-400-echo", error(400, f"bad header Authorization: Bearer {SENTINEL}"))
    fake_llm.script("m-drop", drop())
    fake_llm.script("m-cut", cut(after=1))
    roles = {
        "ok": with_fallbacks("m-ok"),
        "falls": with_fallbacks("m-429", "m-500", "m-ok"),
        "echo": with_fallbacks("m-401-echo", "m-ok"),
        "bad": with_fallbacks("m-400"),
        "bad-echo": with_fallbacks("m-400-echo"),
        "dies": with_fallbacks("m-drop", "m-500"),
        "stream": with_fallbacks("m-ok"),
        "cut": with_fallbacks("m-cut"),
    }
    path = write_runtime(tmp_path / "llmhub.yaml", runtime_dict(fake_llm, roles=roles))
    payloads: list[Any] = []

    async def after(result: Any) -> None:
        payloads.append(result)

    hub = LLMHub(config_path=path, on_before_call=payloads.append, on_after_call=after)
    names = sorted(roles)

    async def one(i: int) -> Any:
        role = names[i % len(names)]
        try:
            if role in ("stream", "cut"):
                stream = await hub.acompletion(role, MESSAGES, stream=True)
                async for _ in stream:
                    pass
                return stream
            return await hub.acompletion(role, MESSAGES)
        except Exception as exc:  # kept, and walked below
            return exc

    async def all_calls() -> list[Any]:
        return await asyncio.gather(*(one(i) for i in range(200)))

    results = run_async(all_calls())
    gc.collect()
    errors = [r for r in results if isinstance(r, BaseException)]
    kinds = {type(e).__name__ for e in errors}
    assert "AllAttemptsFailedError" in kinds and "BadRequestError" in kinds, kinds
    assert len(payloads) >= 400
    assert {r.api_key for r in fake_llm.requests} == {SENTINEL}  # the key was really sent
    leaks: list[str] = []
    for i, item in enumerate(errors):
        leaks += [f"error{i}:{p}" for p in reachable_leaks(item, SENTINEL)]
    for i, item in enumerate(payloads):
        leaks += [f"payload{i}:{p}" for p in reachable_leaks(item, SENTINEL)]
    assert leaks == [], leaks[:10]
    failed_hooks = [p for p in payloads if getattr(p, "success", True) is False]
    assert failed_hooks and all(p.error is None or p.error.__cause__ is None for p in failed_hooks)


def test_a_raised_bad_request_has_no_chain_to_the_request(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import litellm

    monkeypatch.setenv(KEY_VAR, SENTINEL)
    fake_llm.script("m-400", error(400))
    path = write_runtime(
        tmp_path / "r.yaml", runtime_dict(fake_llm, roles={"r": with_fallbacks("m-400")})
    )
    with pytest.raises(litellm.BadRequestError) as info:  # the class is kept for except clauses
        LLMHub(config_path=path).completion("r", MESSAGES)
    exc = info.value
    assert exc.__cause__ is None and exc.__suppress_context__
    assert reachable_leaks(exc, SENTINEL) == []
    assert getattr(exc, "status_code", None) == 400


def test_all_attempts_failed_is_raised_from_none(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_VAR, SENTINEL)
    fake_llm.script("m-500", error(500))
    path = write_runtime(
        tmp_path / "r.yaml", runtime_dict(fake_llm, roles={"r": with_fallbacks("m-500", "m-500")})
    )
    with pytest.raises(AllAttemptsFailedError) as info:
        LLMHub(config_path=path).completion("r", MESSAGES)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert len(info.value.attempts) == 2 and "500" in str(info.value)


def test_every_repeat_of_a_credential_is_found_in_document_order() -> None:
    # Keys and strings are judged once per call: a repeat must still be reported where it is.
    token = "sk-" + "a" * 20
    body = {
        "roles": {
            "a": {"params": {"api_key": "x", "note": token}, "model": "m"},
            "b": {"params": {"api_key": "x", "note": token}, "model": "m"},
        },
        "list": [token, "plain", token, {"api_key": ""}, {1: token, "true": "y"}],
    }
    assert list(find_credentials(body)) == [
        ("roles", "a", "params", "api_key"),
        ("roles", "a", "params", "note"),
        ("roles", "b", "params", "api_key"),
        ("roles", "b", "params", "note"),
        ("list", 0),
        ("list", 2),
        ("list", 4, 1),
    ]
