"""`llmhub init`, `llmhub env check` and `llmhub env sync`: names only, never values."""

from __future__ import annotations

import json
from pathlib import Path

from llmhub.envcheck import (
    EnvRequirement,
    check_env,
    env_example_text,
    read_env_file,
    requirements_from_file,
)
from tests.helpers import cli_env, invoke_cli

SECRET = "sk-test-SENTINEL-0123456789"


def test_init_writes_a_starter_that_parses_and_refuses_to_overwrite(tmp_path: Path) -> None:
    result = invoke_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    spec = tmp_path / "llmhub.spec.yaml"
    env_example = tmp_path / ".env.example"
    names = {r.env_key for r in requirements_from_file(spec)}
    assert names == {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"}
    assert set(env_example.read_text().split()) >= {f"{n}=" for n in names}

    spec.write_text(spec.read_text() + "# my edit\n")
    before = spec.read_bytes()
    again = invoke_cli("init", cwd=tmp_path)
    assert again.returncode == 2
    assert "--force" in again.stderr and "llmhub.spec.yaml" in again.stderr
    assert spec.read_bytes() == before

    forced = invoke_cli("init", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert b"# my edit" not in spec.read_bytes()


def test_requirements_skip_disabled_providers(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "providers:\n  openai: {env_key: OPENAI_API_KEY}\n"
        "  anthropic: {enabled: false, env_key: ANTHROPIC_API_KEY}\n  local: {}\n"
    )
    assert requirements_from_file(spec) == [EnvRequirement("openai", "OPENAI_API_KEY")]


def test_read_env_file_handles_export_quotes_and_comments(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("# c\nexport A=1\nB='two words'\nC=\"3\"\n\nD=\n")
    assert read_env_file(env) == {"A": "1", "B": "two words", "C": "3", "D": ""}


def test_check_env_prefers_environment_then_file() -> None:
    reqs = [
        EnvRequirement("a", "A_KEY"),
        EnvRequirement("b", "B_KEY"),
        EnvRequirement("c", "C_KEY"),
    ]
    statuses = check_env(reqs, {"B_KEY": "x", "C_KEY": ""}, environ={"A_KEY": "y"})
    assert [(s.env_key, s.is_set, s.found_in) for s in statuses] == [
        ("A_KEY", True, "environment"),
        ("B_KEY", True, ".env file"),
        ("C_KEY", False, None),
    ]


def test_env_check_cli_exit_codes_and_no_values_in_output(tmp_path: Path) -> None:
    (tmp_path / "llmhub.spec.yaml").write_text(
        "providers:\n  openai: {env_key: OPENAI_API_KEY}\n  mistral: {env_key: MISTRAL_API_KEY}\n"
    )
    (tmp_path / ".env").write_text(f"OPENAI_API_KEY={SECRET}\n")
    missing = invoke_cli("env", "check", "--env-file", ".env", "--json", cwd=tmp_path)
    assert missing.returncode == 1, missing.stderr
    report = json.loads(missing.stdout)
    assert report["missing"] == ["MISTRAL_API_KEY"]
    assert SECRET not in missing.stdout + missing.stderr

    ok = invoke_cli(
        "env", "check", "--env-file", ".env", cwd=tmp_path, env=cli_env(MISTRAL_API_KEY=SECRET)
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "MISTRAL_API_KEY" in ok.stdout
    assert SECRET not in ok.stdout + ok.stderr


def test_env_sync_adds_names_only_and_keeps_existing_lines(tmp_path: Path) -> None:
    (tmp_path / "llmhub.spec.yaml").write_text(
        "providers:\n  openai: {env_key: OPENAI_API_KEY}\n  groq: {env_key: GROQ_API_KEY}\n"
    )
    example = tmp_path / ".env.example"
    example.write_text("# mine\nOPENAI_API_KEY=\nOTHER=1\n")
    result = invoke_cli("env", "sync", cwd=tmp_path, env=cli_env(GROQ_API_KEY=SECRET))
    assert result.returncode == 0, result.stderr
    assert "GROQ_API_KEY" in result.stdout
    text = example.read_text()
    assert text == "# mine\nOPENAI_API_KEY=\nOTHER=1\nGROQ_API_KEY=\n"
    assert SECRET not in text
    second = invoke_cli("env", "sync", cwd=tmp_path)
    assert "up to date" in second.stdout
    assert example.read_text() == text


def test_env_example_text_for_a_new_file() -> None:
    text = env_example_text([EnvRequirement("openai", "OPENAI_API_KEY")])
    assert text.startswith("# ")
    assert text.endswith("OPENAI_API_KEY=\n")
