"""The original design's runtime semantics, with its own sample runtime file (issue 8).

``defaults:`` is the target for roles the file does not list, never merged into listed roles;
an embedding request never carries chat parameters; hooks read their payload by key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.fake_llm import FakeLLM
from tests.helpers import REPO
from tests.runtime_setup import LITELLM_WARNINGS, MESSAGES, SENTINEL
from tests.runtime_setup import teardown_module as teardown_module

pytestmark = LITELLM_WARNINGS

SAMPLE = REPO / "examples" / "sample.llmhub.yaml"


@pytest.fixture
def sample_file(fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The original's sample runtime file, its providers pointed at the loopback server."""
    text = SAMPLE.read_text(encoding="utf-8")
    for var in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY"):
        text = text.replace(f"env_key: {var}", f"env_key: {var}\n    api_base: {fake_llm.url}")
        monkeypatch.setenv(var, SENTINEL)
    path = tmp_path / "llmhub.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_embedding_with_the_sample_file_sends_no_chat_params(
    sample_file: Path, fake_llm: FakeLLM
) -> None:
    from llmhub_runtime import LLMHub

    hub = LLMHub(config_path=str(sample_file))
    vectors = hub.embedding("llm.embedding", ["Hello world", "Goodbye world"])
    body = fake_llm.requests[-1].body
    assert fake_llm.requests[-1].path.endswith("/embeddings")
    assert body["dimensions"] == 1536 and len(vectors.data) == 2
    assert not {"temperature", "max_tokens", "embedding_dim"} & set(body), body
    # Even when the caller passes them: an embedding endpoint cannot take them.
    hub.embedding("llm.embedding", "x", params_override={"temperature": 0.1}, max_tokens=5)
    assert not {"temperature", "max_tokens"} & set(fake_llm.requests[-1].body)


def test_a_role_not_in_the_file_is_called_with_the_defaults_block(
    sample_file: Path, fake_llm: FakeLLM
) -> None:
    from llmhub_runtime import LLMHub

    hub = LLMHub(config_path=sample_file)
    reply = hub.completion("llm.summarize", MESSAGES)
    body = fake_llm.requests[-1].body
    assert (body["model"], body["temperature"], body["max_tokens"]) == ("gpt-4o-mini", 0.3, 1024)
    assert reply.llmhub.role == "llm.summarize"


def test_the_defaults_block_is_not_merged_into_listed_roles(
    sample_file: Path, fake_llm: FakeLLM
) -> None:
    from llmhub_runtime import LLMHub

    hub = LLMHub(config_path=sample_file)
    hub.completion("llm.preprocess", MESSAGES)
    body = fake_llm.requests[-1].body
    assert (body["temperature"], body["max_tokens"]) == (0.2, 512)
    bare = sample_file.read_text(encoding="utf-8").replace(
        "    params:\n      temperature: 0.2\n      max_tokens: 512\n", ""
    )
    sample_file.write_text(bare, encoding="utf-8")
    LLMHub(config_path=sample_file).completion("llm.preprocess", MESSAGES)
    assert not {"temperature", "max_tokens"} & set(fake_llm.requests[-1].body)


def test_hooks_read_the_payload_keys_the_document_names(
    sample_file: Path, fake_llm: FakeLLM
) -> None:
    from llmhub_runtime import LLMHub

    seen: list[Any] = []

    def log_before(ctx: Any) -> None:
        seen.append((ctx["provider"], ctx["model"], ctx["role"], ctx.get("no-such-key", "-")))

    def log_after(result: Any) -> None:
        seen.append((result["success"], result["role"], result["params"]["temperature"]))
        with pytest.raises(KeyError):
            result["_after"]

    hub = LLMHub(config_path=sample_file, on_before_call=log_before, on_after_call=log_after)
    hub.completion("llm.preprocess", MESSAGES, params_override={"temperature": 0.9})
    assert seen == [
        ("openai", "gpt-4o-mini", "llm.preprocess", "-"),
        (True, "llm.preprocess", 0.9),
    ]


def test_the_file_can_still_refuse_unknown_roles(sample_file: Path, fake_llm: FakeLLM) -> None:
    from llmhub_runtime import LLMHub
    from llmhub_runtime.errors import UnknownRoleError

    text = sample_file.read_text(encoding="utf-8") + "  apply_to_unknown_roles: false\n"
    sample_file.write_text(text, encoding="utf-8")
    with pytest.raises(UnknownRoleError, match=r"did you mean 'llm\.inference'"):
        LLMHub(config_path=sample_file).completion("llm.inferense", MESSAGES)
    assert fake_llm.requests == []
