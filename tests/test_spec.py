"""The spec format: documented files load, warnings, JSON Schema, hashing, `llmhub spec`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.spec import load_spec, parse_spec, spec_hash, spec_json_schema, validate_spec
from llmhub.spec.models import Level, RoleKind
from llmhub.spec.schema import spec_json_schema_text
from tests.helpers import REPO, cli_env, invoke_cli

# The original design's spec, kept as written: it must keep loading.
DESIGN_SPEC = """\
project: memory
env: dev
providers:
  openai:
    enabled: true
    env_key: OPENAI_API_KEY
  anthropic:
    enabled: true
    env_key: ANTHROPIC_API_KEY
roles:
  llm.preprocess:
    kind: chat
    description: Fast, cheap preprocessing
    preferences:
      quality: low
      cost: high
      latency: high
      providers: [openai]
    mode_params:
      temperature: 0.2
  llm.inference:
    kind: chat
    description: Main answer model
    preferences:
      quality: high
      cost: medium
    force_provider: anthropic
    force_model: claude-3-5-sonnet-20241022
  llm.embedding:
    kind: embedding
    description: Embeddings for search
    mode_params:
      embedding_dim: 1536
defaults:
  providers: [openai, anthropic]
"""


def test_design_spec_loads_as_documented() -> None:
    spec = parse_spec(DESIGN_SPEC)
    assert spec.project == "memory"
    assert spec.roles["llm.preprocess"].preferences.quality is Level.low
    assert spec.roles["llm.preprocess"].preferences.providers == ["openai"]
    assert spec.roles["llm.inference"].force_model == "claude-3-5-sonnet-20241022"
    assert spec.roles["llm.embedding"].kind is RoleKind.embedding
    assert spec.roles["llm.embedding"].fallbacks == 2
    assert spec.defaults is not None and spec.defaults.providers == ["openai", "anthropic"]


@pytest.mark.parametrize(
    "path",
    [REPO / "examples" / "llmhub.spec.yaml", REPO / "llmhub" / "templates" / "starter.spec.yaml"],
)
def test_shipped_specs_load(path: Path) -> None:
    spec = load_spec(path)
    assert spec.roles
    assert path.read_text().startswith("# yaml-language-server: $schema=./llmhub.spec.schema.json")


def test_committed_example_schema_is_current() -> None:
    committed = (REPO / "examples" / "llmhub.spec.schema.json").read_text()
    assert committed == spec_json_schema_text(), "run: llmhub spec schema --out examples/..."


def test_schema_describes_every_key() -> None:
    schema = spec_json_schema()
    assert set(schema["properties"]) == {
        "project",
        "env",
        "providers",
        "roles",
        "defaults",
        "interpreter",
    }
    defs = schema["$defs"]
    assert set(defs["RoleSpec"]["properties"]) >= {"kind", "requires", "fallbacks", "mode_params"}
    assert defs["RoleSpec"]["additionalProperties"] is False
    assert set(defs["PreferencesSpec"]["properties"]) >= {"reasoning", "creative", "coding"}


def test_spec_hash_ignores_order_and_comments_but_not_meaning() -> None:
    a = parse_spec(DESIGN_SPEC)
    reordered = DESIGN_SPEC.replace("project: memory\nenv: dev\n", "env: dev\nproject: memory\n")
    b = parse_spec("# a comment\n" + reordered)
    assert spec_hash(a) == spec_hash(b)
    c = parse_spec(DESIGN_SPEC.replace("quality: high", "quality: medium"))
    assert spec_hash(a) != spec_hash(c)


def test_validate_spec_warnings(tmp_path: Path, catalog_db: Path, monkeypatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "set")
    path = tmp_path / "s.yaml"
    path.write_text(
        "providers:\n"
        "  openai: {env_key: OPENAI_API_KEY}\n"
        "  anthropic: {env_key: ANTHROPIC_API_KEY}\n"
        "  google: {enabled: false}\n"
        "roles:\n"
        "  a:\n"
        "    description: ''\n"
        "    preferences: {providers: [mistral, google]}\n"
        "  b:\n"
        "    description: pinned\n"
        "    force_provider: openai\n"
        "    force_model: gpt-does-not-exist\n"
    )
    result = validate_spec(path, catalog_db)
    assert result.valid, result.errors
    text = "\n".join(str(w) for w in result.warnings)
    assert "OPENAI_API_KEY is not set" in text
    assert "ANTHROPIC_API_KEY" not in text
    assert "'mistral' is used but not declared" in text
    assert "'google' is used but disabled" in text
    assert "empty description" in text
    assert "force_model 'gpt-does-not-exist' is not in the catalog" in text
    assert all(w.line is not None for w in result.warnings)


def test_validate_spec_reports_errors_without_raising(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("roles:\n  a:\n    kind: chatt\n")
    result = validate_spec(path)
    assert not result.valid
    assert (result.errors[0].line, result.errors[0].column) == (3, 5)


def test_spec_cli_validate_show_schema(tmp_path: Path, catalog_db: Path) -> None:
    path = tmp_path / "llmhub.spec.yaml"
    path.write_text(DESIGN_SPEC)
    ok = invoke_cli("spec", "validate", str(path), "--db", str(catalog_db))
    assert ok.returncode == 0, ok.stderr
    assert "valid (3 roles" in ok.stdout
    shown = invoke_cli("spec", "show", "--json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["roles"]["llm.embedding"]["fallbacks"] == 2
    schema = invoke_cli("spec", "schema")
    assert schema.returncode == 0
    assert json.loads(schema.stdout)["title"] == "llmhub.spec.yaml"
    path.write_text(DESIGN_SPEC.replace("latency: high", "latencyy: high"))
    bad = invoke_cli("spec", "validate", str(path))
    assert bad.returncode == 2
    assert f"{path}:17:7: roles.llm.preprocess.preferences.latencyy" in bad.stderr
    assert "did you mean 'latency'?" in bad.stderr


def test_init_writes_schema_and_editor_comment(tmp_path: Path) -> None:
    result = invoke_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    schema = json.loads((tmp_path / "llmhub.spec.schema.json").read_text())
    assert schema == json.loads(spec_json_schema_text())
    assert (
        (tmp_path / "llmhub.spec.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=./llmhub.spec.schema.json")
    )
    assert load_spec(tmp_path / "llmhub.spec.yaml").roles


def test_env_check_reads_specs_with_the_spec_loader(tmp_path: Path) -> None:
    (tmp_path / "llmhub.spec.yaml").write_text(
        "providers:\n  openai: {env_key: OPENAI_API_KEY, enabld: true}\n"
    )
    proc = invoke_cli("env", "check", cwd=tmp_path, env=cli_env())
    assert proc.returncode == 2
    assert "llmhub.spec.yaml:2:37: providers.openai.enabld: unknown key" in proc.stderr
    assert "did you mean 'enabled'?" in proc.stderr


def test_google_and_gemini_name_the_same_provider(tmp_path: Path, catalog_db: Path) -> None:
    texts = []
    for name in ("google", "gemini"):
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            f"providers:\n  {name}: {{env_key: GEMINI_API_KEY}}\n"
            "roles:\n  a: {kind: chat, description: answer questions}\n"
        )
        result = generate_runtime_from_spec(path, GeneratorOptions(no_llm=True, db_path=catalog_db))
        role = result.runtime.roles["a"]
        assert role.provider == "gemini"
        assert result.runtime.providers["gemini"].env_key == "GEMINI_API_KEY"
        texts.append(result.runtime)
    assert texts[0] == texts[1]
