"""The original design's spec API, called the way its users wrote the calls (issue 8).

``validate_spec`` takes a path, a ``SpecConfig`` or a dict and reports strings; ``save_spec``
writes what ``load_spec`` reads back; and a spec that validation calls valid does not fail
``generate`` for a reason validation could have seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import REPO

EXAMPLE_SPEC = REPO / "examples" / "llmhub.spec.yaml"


def test_spec_models_exports_every_name_the_document_uses() -> None:
    from llmhub_cli.spec_models import (
        PreferenceLevel,
        Preferences,
        PreferencesSpec,
        RoleKind,
        RoleSpec,
        SpecConfig,
        SpecDefaults,
        SpecError,
        SpecProviderConfig,
        load_spec,
        save_spec,
    )

    prefs = Preferences(cost=PreferenceLevel.low, quality="high")
    assert isinstance(prefs, PreferencesSpec) and prefs.quality is PreferenceLevel.high
    role = RoleSpec(kind=RoleKind.chat, description="d", preferences=prefs)
    spec = SpecConfig(
        project="p",
        providers={"openai": SpecProviderConfig(env_key="OPENAI_API_KEY")},
        roles={"llm.chat": role},
        defaults=SpecDefaults(providers=["openai"]),
    )
    assert callable(load_spec) and callable(save_spec) and issubclass(SpecError, Exception)
    assert spec.roles["llm.chat"].preferences.cost is PreferenceLevel.low


def test_validate_spec_accepts_a_spec_config(tmp_path: Path) -> None:
    from llmhub_cli import load_spec
    from llmhub_cli.spec import validate_spec

    spec = load_spec(EXAMPLE_SPEC)
    result = validate_spec(spec)
    assert result.valid, result.errors
    assert result.spec == spec


def test_validate_spec_accepts_a_dict_and_names_the_field() -> None:
    from llmhub_cli.spec import validate_spec

    result = validate_spec({"roles": {"llm.chat": {"kind": "chatt"}}})
    assert not result.valid
    assert result.errors[0].startswith("<dict>: roles.llm.chat.kind:"), result.errors
    assert result.problems[0].field == "roles.llm.chat.kind"
    assert result.problems[0].line is None  # a dict has no lines to point at


@pytest.mark.parametrize("bad", [42, None, ["llmhub.spec.yaml"], b"roles: {}"])
def test_validate_spec_reports_any_other_type_as_invalid(bad: object) -> None:
    from llmhub_cli.spec import validate_spec

    result = validate_spec(bad)  # type: ignore[arg-type]
    assert result.valid is False
    assert result.errors[0].startswith(f"invalid spec type: {type(bad).__name__}")


def test_errors_and_warnings_are_strings_with_the_problems_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from llmhub_cli.spec import validate_spec

    monkeypatch.delenv("SEED_TEST_KEY", raising=False)
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(
        "providers:\n  openai: {env_key: SEED_TEST_KEY}\n"
        "roles:\n  a: {kind: chat, descripton: typo}\n",
        encoding="utf-8",
    )
    bad = validate_spec(str(spec))
    assert not bad.valid
    assert [e.lower() for e in bad.errors] == [str(p).lower() for p in bad.problems]
    assert "did you mean 'description'" in bad.errors[0]
    assert bad.errors[0].startswith(f"{spec}:4:")
    spec.write_text(
        "providers:\n  openai: {env_key: SEED_TEST_KEY}\nroles:\n  a: {description: hi}\n",
        encoding="utf-8",
    )
    good = validate_spec(spec)
    assert good.valid and good.errors == []
    assert any("seed_test_key is not set" in w.lower() for w in good.warnings)
    assert [str(p) for p in good.warning_problems] == good.warnings


def test_save_spec_round_trips_and_writes_atomically(tmp_path: Path) -> None:
    from llmhub_cli.spec_models import load_spec, save_spec

    spec = load_spec(EXAMPLE_SPEC)
    target = tmp_path / "copy.spec.yaml"
    save_spec(spec, target)
    assert load_spec(target) == spec
    assert [p.name for p in tmp_path.iterdir()] == ["copy.spec.yaml"]  # no temporary left


def test_save_spec_refuses_a_spec_that_would_not_load_and_keeps_the_file(tmp_path: Path) -> None:
    from llmhub_cli.spec_models import (
        RoleKind,
        RoleSpec,
        SpecConfig,
        SpecError,
        load_spec,
        save_spec,
    )

    target = tmp_path / "llmhub.spec.yaml"
    save_spec(load_spec(EXAMPLE_SPEC), target)
    before = target.read_bytes()
    impossible = SpecConfig(
        roles={"e": RoleSpec(kind=RoleKind.embedding, requires={"tools": True})}
    )
    with pytest.raises(SpecError, match="embedding models do not offer tools"):
        save_spec(impossible, target)
    assert target.read_bytes() == before


_names = st.from_regex(r"[a-z][a-z0-9_.-]{0,12}", fullmatch=True)
_levels = st.sampled_from([None, "low", "medium", "high"])
_roles = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["chat", "embedding", "tool"]),
        "description": st.text(max_size=40),
        "preferences": st.fixed_dictionaries(
            {"cost": _levels, "quality": _levels, "latency": _levels}
        ),
        "fallbacks": st.integers(0, 10),
        # Values inside the ranges the spec checks (temperature 0..2, top_p 0..1, max_tokens >= 1).
        "mode_params": st.fixed_dictionaries(
            {},
            optional={
                "temperature": st.floats(0, 2, allow_nan=False),
                "top_p": st.floats(0, 1, allow_nan=False),
                "max_tokens": st.integers(1, 4096),
            },
        ),
    }
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    project=st.text(min_size=1, max_size=30).filter(lambda s: s.strip() == s and s),
    providers=st.dictionaries(_names, st.booleans(), max_size=3),
    roles=st.dictionaries(_names, _roles, min_size=1, max_size=4),
)
def test_any_valid_spec_round_trips_through_save_and_load(
    tmp_path: Path, project: str, providers: dict[str, bool], roles: dict[str, dict]
) -> None:
    from llmhub_cli.spec_models import SpecConfig, load_spec, save_spec

    spec = SpecConfig.model_validate(
        {
            "project": project,
            "providers": {n: {"enabled": on} for n, on in providers.items()},
            "roles": roles,
        }
    )
    target = tmp_path / "round.spec.yaml"
    save_spec(spec, target)
    assert load_spec(target) == spec


# --- validation and generation agree -------------------------------------------------------------

AGREEMENT_SPECS = {
    "no enabled provider": (
        "providers:\n  openai: {enabled: false}\n  anthropic: {enabled: false}\n"
        "roles:\n  a: {description: answer questions}\n",
        "no enabled provider",
    ),
    "no roles": ("providers:\n  openai: {}\nroles: {}\n", "no roles"),
    "unknown force_provider": (
        "providers:\n  openai: {}\nroles:\n  a: {description: answer, force_provider: opneai}\n",
        "unknown provider 'opneai'",
    ),
}


@pytest.mark.parametrize("case", sorted(AGREEMENT_SPECS))
def test_what_generate_refuses_validation_reports_as_an_error(
    case: str, catalog_db: Path, tmp_path: Path
) -> None:
    from llmhub.errors import LLMHubError
    from llmhub_cli import generate_runtime_from_spec, load_spec
    from llmhub_cli.generator import GeneratorOptions
    from llmhub_cli.spec import validate_spec

    text, message = AGREEMENT_SPECS[case]
    path = tmp_path / "llmhub.spec.yaml"
    path.write_text(text, encoding="utf-8")
    result = validate_spec(path, db_path=catalog_db)
    assert not result.valid
    assert any(message in e for e in result.errors), result.errors
    with pytest.raises(LLMHubError, match=message):
        generate_runtime_from_spec(load_spec(path), GeneratorOptions(db_path=catalog_db))
    # The same verdict for the loaded SpecConfig as for the file.
    assert not validate_spec(load_spec(path), db_path=catalog_db).valid


def test_a_spec_validation_calls_valid_generates(catalog_db: Path) -> None:
    from llmhub_cli import generate_runtime_from_spec, load_spec
    from llmhub_cli.generator import GeneratorOptions
    from llmhub_cli.spec import validate_spec

    assert validate_spec(EXAMPLE_SPEC, db_path=catalog_db).valid
    result = generate_runtime_from_spec(
        load_spec(EXAMPLE_SPEC), GeneratorOptions(no_llm=True, db_path=catalog_db)
    )
    assert set(result.runtime.roles) == set(load_spec(EXAMPLE_SPEC).roles)


def test_llmhubs_own_validate_spec_keeps_problem_objects(catalog_db: Path) -> None:
    from llmhub import Problem, validate_spec

    result = validate_spec({"roles": {}}, db_path=catalog_db)
    assert not result.valid and all(isinstance(p, Problem) for p in result.errors)
    with pytest.raises(TypeError, match="not int"):
        validate_spec(42)  # type: ignore[arg-type]
    assert validate_spec(EXAMPLE_SPEC, db_path=catalog_db).valid
