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
