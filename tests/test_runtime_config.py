"""The runtime file contract: the design's sample loads, files round-trip, errors are located."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llmhub.errors import ConfigError, UnknownProviderError
from llmhub.runtime.config import (
    FallbackConfig,
    LLMMode,
    ProviderConfig,
    RoleConfig,
    RuntimeConfig,
    dump_runtime,
    load_runtime,
    parse_runtime,
    save_runtime,
)
from tests.helpers import REPO

SAMPLE = REPO / "examples" / "sample.llmhub.yaml"


def test_design_sample_loads_with_its_roles() -> None:
    config = load_runtime(SAMPLE)
    assert config.project == "memory"
    assert set(config.roles) == {"llm.preprocess", "llm.inference", "llm.embedding"}
    embedding = config.roles["llm.embedding"]
    assert embedding.mode is LLMMode.embedding
    assert embedding.params == {"embedding_dim": 1536}
    assert config.providers["anthropic"].env_key == "ANTHROPIC_API_KEY"
    # Not set, as in the original: the defaults block is the target for unknown roles.
    assert config.defaults is not None and config.defaults.apply_to_unknown_roles is None
    assert config.defaults.model == "gpt-4o-mini"


def test_unknown_key_has_line_and_did_you_mean() -> None:
    text = "providers:\n  openai: {env_key: K}\nroles:\n  a:\n    provider: openai\n    model: m\n    parms: {}\n"
    with pytest.raises(ConfigError) as info:
        parse_runtime(text, "llmhub.yaml")
    assert (
        str(info.value)
        == "llmhub.yaml:7:5: roles.a.parms: unknown key 'parms' — did you mean 'params'?"
    )


def test_bad_mode_is_located() -> None:
    text = "providers:\n  openai: {}\nroles:\n  a: {provider: openai, model: m, mode: chatty}\n"
    with pytest.raises(ConfigError) as info:
        parse_runtime(text, "r.yaml")
    assert str(info.value).startswith("r.yaml:4:")
    assert "chatty" in str(info.value)


def test_undeclared_provider_names_role_and_line() -> None:
    text = (
        "providers:\n  openai: {}\nroles:\n  a:\n    provider: openai\n    model: m\n"
        "    fallbacks:\n      - {provider: mistral, model: small}\n"
    )
    with pytest.raises(UnknownProviderError) as info:
        parse_runtime(text, "r.yaml")
    err = info.value
    assert (err.provider, err.role, err.line) == ("mistral", "a", 8)
    assert "declared: openai" in str(err)


def test_negative_price_is_rejected() -> None:
    text = (
        "providers:\n  p: {}\nroles:\n  a: {provider: p, model: m, price_input_per_million: -1}\n"
    )
    with pytest.raises(ConfigError, match="greater than or equal to 0"):
        parse_runtime(text)


_ONE_ROLE = "providers:\n  openai: {env_key: OPENAI_API_KEY}\nroles:\n  chat:\n"


@pytest.mark.parametrize(
    ("lines", "where", "says"),
    [
        # an empty model reached litellm as "openai/" and failed at call time
        ("    provider: openai\n    model: ''\n", "r.yaml:6:5: roles.chat.model:", "empty"),
        (
            "    provider: openai\n    model: m\n    fallbacks: [{provider: openai, model: ' '}]\n",
            "r.yaml:7:",
            "roles.chat.fallbacks.0.model: the model name is empty",
        ),
        # "60" was read as 60.0, where the spec refuses it: both files now refuse it alike
        (
            "    provider: openai\n    model: m\n    timeout: '60'\n",
            "r.yaml:7:5: roles.chat.timeout:",
            "must be a number, not str",
        ),
        (
            "    provider: openai\n    model: m\n    total_timeout: '180'\n",
            "r.yaml:7:5: roles.chat.total_timeout:",
            "must be a number, not str",
        ),
        (
            "    provider: openai\n    model: m\n    price_output_per_million: '0.6'\n",
            "r.yaml:7:5: roles.chat.price_output_per_million:",
            "must be a number, not str",
        ),
        (
            "    provider: openai\n    model: m\n    timeout: true\n",
            "r.yaml:7:5: roles.chat.timeout:",
            "must be a number, not bool",
        ),
    ],
)
def test_an_empty_model_or_a_quoted_number_is_one_located_error(
    lines: str, where: str, says: str
) -> None:
    with pytest.raises(ConfigError) as info:
        parse_runtime(_ONE_ROLE + lines, "r.yaml")
    message = str(info.value)
    assert len(info.value.problems) == 1 and "\n" not in message, message
    assert message.startswith(where) and says in message, message


def test_an_env_key_with_a_space_is_refused_without_echoing_it() -> None:
    text = "providers:\n  openai: {env_key: OPENAI API_KEY}\nroles:\n  a: {provider: openai, model: m}\n"
    with pytest.raises(ConfigError) as info:
        parse_runtime(text, "r.yaml")
    message = str(info.value)
    assert message.startswith("r.yaml:2:12: providers.openai.env_key: not an environment"), message
    assert "OPENAI API_KEY" not in message


def test_defaults_refuse_an_empty_model_and_a_quoted_flag() -> None:
    base = "providers:\n  openai: {}\ndefaults:\n  provider: openai\n"
    with pytest.raises(ConfigError, match=r"r.yaml:5:\d+: defaults.model: the model name is empty"):
        parse_runtime(base + "  model: ''\n", "r.yaml")
    with pytest.raises(
        ConfigError, match=r"defaults.apply_to_unknown_roles: input should be a valid boolean"
    ):
        parse_runtime(base + "  model: m\n  apply_to_unknown_roles: 'no'\n", "r.yaml")
    # numbers and flags written as YAML numbers and booleans still load
    ok = parse_runtime(
        "providers:\n  openai: {}\nroles:\n  a: {provider: openai, model: m, timeout: 60, "
        "total_timeout: 90.5, price_input_per_million: 0}\n"
    )
    assert (ok.roles["a"].timeout, ok.roles["a"].total_timeout) == (60.0, 90.5)


def test_save_is_atomic_and_accepts_str_and_path(tmp_path: Path) -> None:
    config = load_runtime(SAMPLE)
    target = tmp_path / "out.yaml"
    save_runtime(str(target), config, header="generated by a test\nsecond line")
    first = target.read_bytes()
    save_runtime(target, config, header="generated by a test\nsecond line")
    assert target.read_bytes() == first
    assert first.startswith(b"# generated by a test\n# second line\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]
    assert load_runtime(target) == config


_names = st.from_regex(r"[a-z][a-z0-9_.-]{0,12}", fullmatch=True)
_params = st.dictionaries(
    st.sampled_from(["temperature", "max_tokens", "top_p", "seed"]),
    st.one_of(st.integers(0, 4096), st.floats(0, 2, allow_nan=False)),
    max_size=3,
)
_price = st.one_of(st.none(), st.floats(0, 100, allow_nan=False))


@st.composite
def _runtimes(draw) -> RuntimeConfig:
    # Provider names are litellm's prefixes: the loader refuses any other (issue 14).
    providers = draw(
        st.lists(
            st.sampled_from(["openai", "anthropic", "gemini", "mistral", "groq"]),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    roles = {}
    for name in draw(st.lists(_names, max_size=4, unique=True)):
        fallbacks = [
            FallbackConfig(
                provider=draw(st.sampled_from(providers)), model=draw(_names), params=draw(_params)
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        roles[name] = RoleConfig(
            provider=draw(st.sampled_from(providers)),
            model=draw(_names),
            mode=draw(st.sampled_from(list(LLMMode))),
            params=draw(_params),
            price_input_per_million=draw(_price),
            price_output_per_million=draw(_price),
            fallbacks=fallbacks,
        )
    return RuntimeConfig(
        project=draw(_names),
        env=draw(_names),
        providers={
            p: ProviderConfig(env_key=draw(st.one_of(st.none(), st.just("KEY_" + str(i)))))
            for i, p in enumerate(providers)
        },
        roles=roles,
    )


@settings(max_examples=60, deadline=None)
@given(_runtimes())
def test_dump_then_parse_round_trips(config: RuntimeConfig) -> None:
    assert parse_runtime(dump_runtime(config)) == config


def test_missing_files_suggest_the_command_that_writes_them(tmp_path: Path) -> None:
    from llmhub.errors import SpecError
    from llmhub.yamlio import read_yaml

    with pytest.raises(ConfigError, match="llmhub generate"):
        load_runtime(tmp_path / "llmhub.yaml")
    with pytest.raises(SpecError, match="llmhub init"):
        read_yaml(tmp_path / "llmhub.spec.yaml", SpecError)
