"""LLMHub against a real loopback OpenAI-compatible server: each call type, parameters, roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmhub.errors import (
    ConfigError,
    EnvVarMissingError,
    RoleModeError,
    UnknownProviderError,
    UnknownRoleError,
)
from llmhub.runtime import LLMHub, ResponseInfo
from tests.fake_llm import FakeLLM
from tests.helpers import REPO
from tests.runtime_setup import (
    KEY_VAR,
    LITELLM_WARNINGS,
    MESSAGES,
    SENTINEL,
    run_async,
    runtime_dict,
    teardown_module,  # noqa: F401  (pytest calls it: collects litellm's garbage here)
    write_runtime,
)

pytestmark = LITELLM_WARNINGS


@pytest.fixture
def hub(fake_llm: FakeLLM, tmp_path: Path, team_key: str) -> LLMHub:
    return LLMHub(config_path=write_runtime(tmp_path / "llmhub.yaml", runtime_dict(fake_llm)))


def test_completion_returns_litellm_model_response_with_llmhub_info(
    hub: LLMHub, fake_llm: FakeLLM
) -> None:
    import litellm

    reply = hub.completion("chat", MESSAGES)
    assert type(reply) is litellm.ModelResponse
    assert reply.choices[0].message.content == "echo: hello there"
    assert reply.llmhub == ResponseInfo(
        "chat", "openai", "gpt-4o-mini", 1, None, pytest.approx(reply.llmhub.duration_ms)
    )
    assert reply.llmhub.duration_ms > 0
    # The info rides on the object but never in its serialized form.
    assert "llmhub" not in reply.model_dump()
    sent = fake_llm.requests[0]
    assert sent.body["model"] == "gpt-4o-mini"
    assert sent.api_key == SENTINEL  # read from the variable the runtime file names
    assert sent.path == "/v1/chat/completions"


def test_stream_yields_litellm_chunks_in_order(hub: LLMHub) -> None:
    from litellm import CustomStreamWrapper

    stream = hub.completion("chat", [{"role": "user", "content": "one two three"}], stream=True)
    assert isinstance(stream, CustomStreamWrapper)
    assert stream.llmhub.model == "gpt-4o-mini"
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert text == "echo: one two three"


def test_async_completion_and_async_stream(hub: LLMHub) -> None:
    import litellm

    async def main() -> tuple[object, str]:
        reply = await hub.acompletion("chat", [{"role": "user", "content": "async hi"}])
        stream = await hub.acompletion(
            "chat", [{"role": "user", "content": "async stream"}], stream=True
        )
        text = ""
        async for chunk in stream:
            if chunk.choices:
                text += chunk.choices[0].delta.content or ""
        return reply, text

    reply, text = run_async(main())
    assert type(reply) is litellm.ModelResponse
    assert reply.choices[0].message.content == "echo: async hi"
    assert text == "echo: async stream"


def test_embedding_maps_embedding_dim_to_dimensions(hub: LLMHub, fake_llm: FakeLLM) -> None:
    import litellm

    result = hub.embedding("embed", ["alpha", "beta"])
    assert type(result) is litellm.EmbeddingResponse
    assert [len(d["embedding"]) for d in result.data] == [6, 6]
    body = fake_llm.requests[0].body
    assert body["dimensions"] == 6 and "embedding_dim" not in body
    assert result.llmhub.role == "embed"
    # A call-time embedding_dim beats the role's, under the same alias.
    again = run_async(hub.aembedding("embed", "gamma", embedding_dim=3))
    assert len(again.data[0]["embedding"]) == 3
    assert fake_llm.requests[1].body["dimensions"] == 3


@pytest.mark.usefixtures("team_key")
def test_parameter_precedence_role_override_kwargs_without_defaults(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    body = runtime_dict(
        fake_llm,
        roles={
            "chat": {
                "provider": "openai",
                "model": "gpt-4o-mini",
                "params": {"temperature": 0.2, "max_tokens": 200, "top_p": 0.6},
            }
        },
        defaults={"params": {"temperature": 0.1, "max_tokens": 100, "top_p": 0.5, "seed": 7}},
    )
    hub = LLMHub(config_path=write_runtime(tmp_path / "r.yaml", body))
    hub.completion(
        "chat", MESSAGES, params_override={"temperature": 0.3, "max_tokens": 300}, temperature=0.4
    )
    hub.completion("chat", MESSAGES, params_override={"max_tokens": 300})
    hub.completion("chat", MESSAGES)
    first, second, third = (r.body for r in fake_llm.requests)
    assert (first["temperature"], first["max_tokens"], first["top_p"]) == (0.4, 300, 0.6)
    # The defaults block is for unknown roles only: its `seed` reaches no listed role.
    assert all("seed" not in body for body in (first, second, third))
    assert (second["temperature"], second["max_tokens"]) == (0.2, 300)
    assert (third["temperature"], third["max_tokens"], third["top_p"]) == (0.2, 200, 0.6)


def test_mode_mismatch_names_role_and_mode(hub: LLMHub, fake_llm: FakeLLM) -> None:
    with pytest.raises(RoleModeError) as err:
        hub.embedding("chat", "text")
    assert err.value.role == "chat" and err.value.mode == "chat"
    assert "'chat'" in str(err.value) and "embedding" in str(err.value)
    with pytest.raises(RoleModeError, match="'embed' has mode 'embedding'"):
        hub.completion("embed", MESSAGES)
    assert fake_llm.requests == []  # refused before any network call


def test_unknown_role_lists_roles_and_suggests_closest(hub: LLMHub) -> None:
    with pytest.raises(UnknownRoleError) as err:
        hub.completion("chta", MESSAGES)
    assert err.value.suggestion == "chat"
    assert err.value.known == ["chat", "embed"]
    assert "did you mean 'chat'" in str(err.value)


@pytest.mark.usefixtures("team_key")
def test_unknown_role_goes_to_the_defaults_block_unless_the_file_opts_out(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    defaults = {"provider": "openai", "model": "gpt-4o-mini", "params": {"max_tokens": 55}}
    open_ = LLMHub(
        config_path=write_runtime(tmp_path / "a.yaml", runtime_dict(fake_llm, defaults=defaults))
    )
    reply = open_.completion("llm.unlisted", MESSAGES)
    assert reply.llmhub.role == "llm.unlisted" and reply.llmhub.model == "gpt-4o-mini"
    assert fake_llm.requests[-1].body["max_tokens"] == 55
    open_.completion("chat", MESSAGES)  # a listed role does not get the defaults' params
    assert "max_tokens" not in fake_llm.requests[-1].body
    defaults["apply_to_unknown_roles"] = False
    closed = LLMHub(
        config_path=write_runtime(tmp_path / "b.yaml", runtime_dict(fake_llm, defaults=defaults))
    )
    with pytest.raises(UnknownRoleError):
        closed.completion("llm.unlisted", MESSAGES)


def test_strict_env_raises_at_construction(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_VAR, raising=False)
    path = write_runtime(tmp_path / "r.yaml", runtime_dict(fake_llm))
    with pytest.raises(EnvVarMissingError) as err:
        LLMHub(config_path=path, strict_env=True)
    assert err.value.env_keys == [KEY_VAR] and err.value.providers == ["openai"]
    lenient = LLMHub(config_path=path)  # lenient: the call fails instead, naming the variable
    with pytest.raises(Exception, match=KEY_VAR):
        lenient.completion("chat", MESSAGES)
    assert fake_llm.requests == []


def test_config_sources_path_object_env_and_cwd(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = runtime_dict(fake_llm)
    path = write_runtime(tmp_path / "custom.yaml", body)
    with pytest.raises(ValueError, match="not both"):
        LLMHub(config_path=path, config_obj=body)
    assert LLMHub(config_obj=body).roles == ["chat", "embed"]
    monkeypatch.setenv("LLMHUB_CONFIG", str(path))
    assert LLMHub().config_path == str(path)
    monkeypatch.delenv("LLMHUB_CONFIG")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"llmhub\.yaml"):
        LLMHub()
    write_runtime(tmp_path / "llmhub.yaml", body)
    assert LLMHub().roles == ["chat", "embed"]


def test_config_obj_with_undeclared_provider_is_rejected(fake_llm: FakeLLM) -> None:
    body = runtime_dict(fake_llm, roles={"r": {"provider": "mistral", "model": "m"}})
    with pytest.raises(UnknownProviderError, match="mistral"):
        LLMHub(config_obj=body)
    with pytest.raises(ConfigError, match="roles"):
        LLMHub(config_obj={"roles": {"r": {"model": "m"}}})


def test_sample_runtime_file_loads_and_roles_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    hub = LLMHub(config_path=REPO / "examples" / "sample.llmhub.yaml")
    assert hub.roles == ["llm.embedding", "llm.inference", "llm.preprocess"]
    inference = hub.resolve("llm.inference")
    assert inference.mode == "chat"
    (target,) = inference.targets
    assert target.litellm_model == "anthropic/claude-3-5-sonnet-20241022"
    assert target.env_key == "ANTHROPIC_API_KEY"
    # A role's params are its own: the defaults block is not merged in.
    assert target.params == {"temperature": 0.7, "max_tokens": 2048}
    embedding = hub.resolve("llm.embedding")
    assert embedding.mode == "embedding"
    assert embedding.targets[0].params == {"dimensions": 1536}
    # As in the original design, the defaults block is the target for roles not in the file.
    (fallback,) = hub.resolve("llm.unlisted").targets
    assert fallback.litellm_model == "openai/gpt-4o-mini"
    assert fallback.params == {"temperature": 0.3, "max_tokens": 1024}


def test_sample_file_calls_through_the_fake_server(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (REPO / "examples" / "sample.llmhub.yaml").read_text()
    text = text.replace(
        "env_key: OPENAI_API_KEY", f"env_key: OPENAI_API_KEY\n    api_base: {fake_llm.url}"
    )
    path = tmp_path / "llmhub.yaml"
    path.write_text(text)
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    hub = LLMHub(config_path=path)
    assert (
        hub.completion("llm.preprocess", MESSAGES).choices[0].message.content == "echo: hello there"
    )
    assert fake_llm.requests[0].body["temperature"] == 0.2
    emb = hub.embedding("llm.embedding", "vector me")
    assert len(emb.data[0]["embedding"]) == 1536


def test_repr_is_short_and_has_no_key(hub: LLMHub) -> None:
    text = repr(hub)
    assert "roles=['chat', 'embed']" in text and SENTINEL not in text
