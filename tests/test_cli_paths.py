"""Paths a user gets wrong are bad input: exit 2, one line naming the path, no traceback,
and nothing the user had is replaced."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.helpers import REPO, invoke_cli
from tests.test_cli_errors import assert_one_line_input_error


@pytest.fixture
def folder(tmp_path: Path, catalog_db: Path) -> Path:
    (tmp_path / "adir").mkdir()
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00binary")
    (tmp_path / "good.spec.yaml").write_bytes((REPO / "examples" / "llmhub.spec.yaml").read_bytes())
    (tmp_path / "catalog.duckdb").write_bytes(catalog_db.read_bytes())
    return tmp_path


CASES = [
    (["spec", "schema", "--out", "adir"], "adir"),
    (["spec", "schema", "--out", "good.spec.yaml/x"], "good.spec.yaml"),
    (
        [
            "generate",
            "--spec",
            "good.spec.yaml",
            "--out",
            "good.spec.yaml/x",
            "--force",
            "--no-llm",
        ],
        "good.spec.yaml",
    ),
    (["generate", "--spec", "good.spec.yaml", "--out", "adir", "--check", "--no-llm"], "adir"),
    (
        ["generate", "--spec", "good.spec.yaml", "--out", "bin.yaml", "--check", "--no-llm"],
        "bin.yaml",
    ),
    (["runtime", "diff", "--config", "adir", "--spec", "good.spec.yaml", "--no-llm"], "adir"),
    (
        ["runtime", "diff", "--config", "bin.yaml", "--spec", "good.spec.yaml", "--no-llm"],
        "bin.yaml",
    ),
    (["env", "sync", "--spec", "good.spec.yaml", "--out", "adir"], "adir"),
    (["env", "sync", "--spec", "good.spec.yaml", "--out", "bin.yaml"], "bin.yaml"),
    (["catalog", "show", "--limit", "99999999999999999999999"], "--limit"),
    (["catalog", "refresh", "--source", "snapshot", "--db", "good.spec.yaml"], "good.spec.yaml"),
]


@pytest.mark.parametrize(
    ("argv", "names"), CASES, ids=[" ".join(a[:2]) + f" {i}" for i, (a, _) in enumerate(CASES)]
)
def test_bad_paths_are_one_line_input_errors(folder: Path, argv: list[str], names: str) -> None:
    before = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }
    result = (
        invoke_cli(*argv, cwd=folder, env=None)
        if "--db" in argv
        else invoke_cli(*argv, "--db", "catalog.duckdb", cwd=folder)
        if argv[0] in ("generate", "runtime")
        else invoke_cli(*argv, cwd=folder)
    )
    assert_one_line_input_error(result, names)
    after = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }
    assert after == before


def test_refresh_replaces_a_non_catalog_file_only_with_force(folder: Path) -> None:
    victim = folder / "victim.yaml"
    victim.write_text("project: mine\n")
    result = invoke_cli(
        "catalog", "refresh", "--source", "snapshot", "--db", "victim.yaml", cwd=folder
    )
    assert_one_line_input_error(result, "victim.yaml")
    assert victim.read_text() == "project: mine\n"
    forced = invoke_cli(
        "catalog", "refresh", "--source", "snapshot", "--force", "--db", "victim.yaml", cwd=folder
    )
    assert forced.returncode == 0, forced.stderr
    assert victim.read_bytes()[8:12] == b"DUCK"


def test_a_credential_in_mode_params_is_refused(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        "project: p\nproviders:\n  openai: {env_key: OPENAI_API_KEY}\n"
        "roles:\n  a:\n    kind: chat\n    mode_params: {api_key: sk-not-here-123456}\n"
    )
    result = invoke_cli("spec", "validate", "s.yaml", cwd=tmp_path)
    assert_one_line_input_error(result, "s.yaml:7:")
    assert "env_key" in result.stderr
    assert "sk-not-here-123456" not in result.stderr


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["spec", "validate", "good.spec.yaml", "--db", "nope.duckdb"], "nope.duckdb"),
        (["roles", "--spec", "good.spec.yaml", "--config", "nope.yaml"], "nope.yaml"),
    ],
)
def test_a_path_the_user_named_must_exist(folder: Path, argv: list[str], name: str) -> None:
    assert_one_line_input_error(invoke_cli(*argv, cwd=folder), name)
