"""``llmhub status``, a bare ``llmhub`` and ``llmhub init``'s project name (issue 8)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import REPO, cli_env, invoke_cli


def test_init_names_the_project_after_its_folder(tmp_path: Path) -> None:
    from llmhub.spec import load_spec

    folder = tmp_path / "support-bot"
    folder.mkdir()
    result = invoke_cli("init", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert load_spec(folder / "llmhub.spec.yaml").project == "support-bot"
    odd = tmp_path / "yes"  # a YAML boolean as a folder name stays a string
    odd.mkdir()
    assert invoke_cli("init", "--dir", str(odd)).returncode == 0
    assert load_spec(odd / "llmhub.spec.yaml").project == "yes"


def test_status_summarises_an_empty_folder_and_exits_0(tmp_path: Path) -> None:
    env = cli_env(LLMHUB_CATALOG=str(tmp_path / "none.duckdb"))
    result = invoke_cli("status", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "project: (unknown)   env: (unknown)"
    assert "spec:    llmhub.spec.yaml (missing)" in lines
    assert any(line.startswith("problem: llmhub.spec.yaml: no spec") for line in lines)
    assert any("none.duckdb: no catalog" in line for line in lines)


def test_status_counts_roles_providers_models_and_staleness(
    catalog_db: Path, tmp_path: Path
) -> None:
    shutil.copy(REPO / "examples" / "llmhub.spec.yaml", tmp_path / "llmhub.spec.yaml")
    env = cli_env(LLMHUB_CATALOG=str(catalog_db))
    assert invoke_cli("generate", "--no-llm", cwd=tmp_path, env=env).returncode == 0
    result = invoke_cli("status", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    from llmhub.catalog import get_catalog
    from llmhub.spec import load_spec

    spec = load_spec(tmp_path / "llmhub.spec.yaml")
    assert data["project"] == spec.project
    assert data["spec"]["counts"]["roles"] == len(spec.roles)
    assert data["runtime"]["counts"]["roles"] == len(spec.roles)
    assert data["runtime"]["detail"] == "up to date with the spec"
    assert data["catalog"]["counts"]["models"] == len(get_catalog(db_path=catalog_db))
    assert data["problems"] == []
    # Edit the spec: the runtime file is now older than it, which status says (still exit 0).
    spec_file = tmp_path / "llmhub.spec.yaml"
    spec_file.write_text(spec_file.read_text().replace("env: dev", "env: prod"))
    text = invoke_cli("status", cwd=tmp_path, env=env)
    assert text.returncode == 0
    assert "older than the spec" in text.stdout
    assert "warning: llmhub.yaml: generated from an older spec" in text.stdout


def test_bare_llmhub_prints_the_summary_then_the_common_commands(tmp_path: Path) -> None:
    env = cli_env(LLMHUB_CATALOG=str(tmp_path / "none.duckdb"))
    bare = invoke_cli(cwd=tmp_path, env=env)
    status = invoke_cli("status", cwd=tmp_path, env=env)
    assert bare.returncode == 0, bare.stderr
    summary, _, commands = bare.stdout.partition("\ncommon commands:\n")
    assert summary == status.stdout
    assert "llmhub init" in commands and "llmhub generate --explain" in commands
    help_text = invoke_cli("--help", cwd=tmp_path, env=env)
    assert "status" in help_text.stdout and help_text.returncode == 0


def test_status_names_a_file_that_is_no_catalog_once_and_exits_0(tmp_path: Path) -> None:
    # "problem: x.db: x.db: not a DuckDB file ...": the path twice
    notes = tmp_path / "notes.db"
    notes.write_text("a user's own file\n")
    env = cli_env(LLMHUB_CATALOG=str(notes))
    ran = invoke_cli("status", cwd=tmp_path, env=env)
    assert ran.returncode == 0, ran.stderr
    (line,) = [x for x in ran.stdout.splitlines() if "not a DuckDB file" in x]
    assert line.count(str(notes)) == 1, line
