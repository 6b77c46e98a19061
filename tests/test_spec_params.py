"""``mode_params``: names litellm knows for the role's kind, and only what each model accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from llmhub.errors import SpecError
from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.generator.params import litellm_refuses
from llmhub.litellm_known import CALL_PARAMS
from llmhub.spec import validate_spec
from llmhub.spec.params import ALIASES

SPEC = """\
project: params
providers:
  openai: {env_key: OPENAI_API_KEY}
  anthropic: {env_key: ANTHROPIC_API_KEY}
roles:
  answer:
    kind: chat
    description: answers questions
    mode_params:
      temprature: 0.2
      top_k: 40
      reasoning_effort: low
      extra_body: {safe_prompt: true, any_provider_knob: 3}
  act:
    kind: tool
    description: calls tools
    mode_params: {max_tokns: 100}
  embed:
    kind: embedding
    description: vectors for search
    mode_params: {embedding_dim: 256, temperature: 0.1, dims: 4}
"""
BAD = {
    "roles.answer.mode_params.temprature",
    "roles.act.mode_params.max_tokns",
    "roles.embed.mode_params.temperature",
    "roles.embed.mode_params.dims",
}


def _line_of(text: str, role: str, key: str) -> int:
    # The 1-based line of `key` inside role `role`'s block, found in the text itself.
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"{role}:")
    return next(i for i in range(start, len(lines)) if f"{key}:" in lines[i]) + 1


def test_validate_and_generate_report_the_same_unknown_names_at_their_lines(
    tmp_path: Path, catalog_db: Path
) -> None:
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(SPEC)
    checked = validate_spec(spec, db_path=catalog_db)
    assert not checked.valid
    validated = {(p.field, p.line) for p in checked.errors}
    with pytest.raises(SpecError) as info:
        generate_runtime_from_spec(spec, GeneratorOptions(no_llm=True, db_path=catalog_db))
    generated = {(p.field, p.line) for p in info.value.problems}
    assert validated == generated, (validated, generated)
    assert {f for f, _ in validated} == BAD
    for field, line in validated:
        _, role, _, key = field.split(".")
        assert line == _line_of(SPEC, role, key), field


def test_a_typo_names_the_closest_known_parameter_and_extra_body_for_the_rest(
    tmp_path: Path, catalog_db: Path
) -> None:
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(SPEC)
    problems = {p.field: p for p in validate_spec(spec, db_path=catalog_db).errors}
    typo = problems["roles.answer.mode_params.temprature"]
    assert "did you mean 'temperature'?" in (typo.fix or ""), typo
    assert "max_tokens" in (problems["roles.act.mode_params.max_tokns"].fix or "")
    wrong_kind = problems["roles.embed.mode_params.temperature"]
    assert "chat" in wrong_kind.message and "kind" in (wrong_kind.fix or ""), wrong_kind
    assert "extra_body" in (problems["roles.embed.mode_params.dims"].fix or "")
    for problem in problems.values():
        assert "\n" not in str(problem), problem


def test_known_names_and_extra_body_generate_and_pass_through_unchanged(
    tmp_path: Path, catalog_db: Path
) -> None:
    good = yaml.safe_load(SPEC)
    good["roles"]["answer"]["mode_params"].pop("temprature")
    good["roles"]["act"]["mode_params"] = {"max_tokens": 100, "parallel_tool_calls": False}
    good["roles"]["embed"]["mode_params"] = {"embedding_dim": 256, "encoding_format": "float"}
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(yaml.safe_dump(good))
    assert validate_spec(spec, db_path=catalog_db).errors == []
    result = generate_runtime_from_spec(spec, GeneratorOptions(no_llm=True, db_path=catalog_db))
    answer = result.runtime.roles["answer"].params
    assert answer["extra_body"] == good["roles"]["answer"]["mode_params"]["extra_body"]
    assert answer["top_k"] == 40


def test_every_known_name_of_a_kind_validates_for_it() -> None:
    from llmhub.modes import CallMode
    from llmhub.spec.params import known_params, unknown_param

    for kind in CallMode:
        known = known_params(kind)
        assert known, kind
        assert [k for k in known if unknown_param(kind, k) is not None] == [], kind
    # `other` may be any call: every name litellm knows for some mode is allowed.
    assert set().union(*CALL_PARAMS.values()) <= known_params(CallMode.other)
    assert known_params(CallMode.tool) == known_params(CallMode.chat)


CASES = {
    # litellm refuses `dimensions` for ada-002 (pinned: an embedding role falls back only to
    # the same model, so no other openai embedding model is a fallback to refuse it).
    "embedding_dim": (
        "embedding",
        "[openai]",
        "{embedding_dim: 256}",
        "    force_provider: openai\n    force_model: text-embedding-ada-002\n",
    ),
    # litellm refuses frequency_penalty and seed for Claude models.
    "chat_penalty": ("chat", "[anthropic, openai]", "{frequency_penalty: 0.2, seed: 7}", ""),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_params_litellm_refuses_for_a_model_are_dropped_for_it_alone_with_a_note(
    case: str, tmp_path: Path, catalog_db: Path
) -> None:
    kind, providers, params, extra = CASES[case]
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(
        "project: refused\nroles:\n  r:\n"
        f"    kind: {kind}\n    description: a job\n    mode_params: {params}\n"
        f"    preferences: {{providers: {providers}}}\n    fallbacks: 5\n{extra}"
    )
    given = yaml.safe_load(params)
    result = generate_runtime_from_spec(spec, GeneratorOptions(no_llm=True, db_path=catalog_db))
    role = result.runtime.roles["r"]
    fallbacks = [(f"{f.provider}/{f.model}", f.params or {}) for f in role.fallbacks]
    targets = [(f"{role.provider}/{role.model}", role.params), *fallbacks]
    dropped = []
    for name, written in targets:
        for key in given:
            refused = ALIASES.get(key, key) in litellm_refuses(kind, name)
            assert (key in written) is not refused, (name, key, written)
            if refused:
                dropped.append((name, key))
    assert dropped, f"no target litellm refuses any of {given} for: {targets}"
    reason = role.reason or ""
    explained = "\n".join(result.explanations["r"].lines())
    for name, key in dropped:
        note = f"dropped {key}: litellm refuses {ALIASES.get(key, key)} for {name}"
        if name == targets[0][0]:
            assert any(note in w for w in result.warnings), result.warnings
        else:
            assert f"{note} (a fallback)" in reason, reason
            assert f"params: {note} (a fallback)" in explained, explained


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_parameter_that_is_not_a_finite_number_is_refused_at_its_line(
    tmp_path: Path, value: str
) -> None:
    # `temperature: .nan` passed the 0..2 range check (NaN compares false to both ends), the
    # spec validated, and llmhub.yaml got `temperature: null`.
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(
        "project: p\nproviders: {openai: {}}\nroles:\n  chat:\n    kind: chat\n"
        f"    description: answers\n    mode_params:\n      temperature: {value}\n"
    )
    checked = validate_spec(spec)
    assert not checked.valid
    (problem,) = checked.errors
    assert problem.line == 7 and problem.field == "roles.chat.mode_params", problem
    assert "temperature must be a finite number" in problem.message, problem
