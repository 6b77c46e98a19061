"""`llmhub doctor` and `llmhub path`: resolved paths and checks, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import cli_env, run_cli


def test_doctor_in_an_empty_folder_passes_with_warnings(tmp_path: Path) -> None:
    result = run_cli("doctor", "--no-network", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    checks = {c["name"]: c["status"] for c in report["checks"]}
    assert checks["snapshots"] == "pass"
    assert checks["litellm"] == "pass"
    assert checks["spec"] == "warn"
    assert "network" not in checks
    assert report["paths"]["spec"] == str(tmp_path / "llmhub.spec.yaml")


def test_doctor_fails_on_a_broken_runtime_file(tmp_path: Path) -> None:
    (tmp_path / "llmhub.yaml").write_text("roles:\n  a: {provider: ghost, model: m}\n")
    result = run_cli("doctor", "--no-network", "--json", cwd=tmp_path)
    assert result.returncode == 1
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["runtime"]["status"] == "fail"
    assert "ghost" in checks["runtime"]["detail"]


def test_path_honours_environment_overrides(tmp_path: Path) -> None:
    env = cli_env(LLMHUB_CATALOG=str(tmp_path / "cat.duckdb"), LLMHUB_CONFIG="conf/run.yaml")
    result = run_cli("path", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    paths = json.loads(result.stdout)
    assert paths["catalog"] == str(tmp_path / "cat.duckdb")
    assert paths["runtime"] == str(tmp_path / "conf" / "run.yaml")


def test_tables_print_data_that_looks_like_markup_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        "project: m\nproviders:\n  openai: {env_key: OPENAI_API_KEY}\n"
        "roles:\n  a: {kind: chat, description: 'Summarise [/b] logs [bold]now'}\n"
    )
    result = run_cli("roles", "--spec", "s.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Summarise [/b] logs [bold]now" in result.stdout
    weird = tmp_path / "[/x]"
    doctor = run_cli(
        "doctor", "--no-network", cwd=tmp_path, env=cli_env(LLMHUB_CATALOG=str(weird / "c.duckdb"))
    )
    assert doctor.returncode == 0, doctor.stderr
    assert "Traceback" not in doctor.stderr


def test_doctor_carries_the_artificial_analysis_attribution(
    catalog_db: Path, tmp_path: Path
) -> None:
    line = "Data: Artificial Analysis, https://artificialanalysis.ai"
    for env in (cli_env(), cli_env(LLMHUB_CATALOG=str(catalog_db))):  # without and with a catalog
        result = run_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env)
        checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
        assert checks["attribution"]["status"] == "pass"
        assert line in checks["attribution"]["detail"]
