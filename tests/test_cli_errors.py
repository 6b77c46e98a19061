"""Bad input to every command gives exit 2, one line naming the file, and no traceback.

These run the real CLI in a subprocess, as a user would.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import invoke_cli, run_cli

BAD_FILES = {
    "missing.yaml": None,
    "malformed.yaml": b"providers: [openai,\n",
    "tabs.yaml": b"providers:\n\topenai: {}\n",
    "duplicate.yaml": b"providers: {}\nproviders: {}\n",
    "empty.yaml": b"",
    "binary.yaml": b"\x89PNG\r\n\x1a\n\x00\x00",
    "latin1.yaml": "project: caf\xe9\n".encode("latin-1"),
    "list_root.yaml": b"- a\n- b\n",
    "bad_env_key.yaml": b"providers:\n  openai:\n    env_key: 'not a name'\n",
}


def _write_bad(folder: Path) -> None:
    for name, content in BAD_FILES.items():
        if content is not None:
            (folder / name).write_bytes(content)
    (folder / "a_directory.yaml").mkdir()


def assert_one_line_input_error(result, must_name: str) -> None:
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    assert "Traceback" not in out, out
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, out
    assert must_name in lines[0], out


@pytest.mark.parametrize("name", [*BAD_FILES, "a_directory.yaml"])
@pytest.mark.parametrize("command", [["env", "check"], ["env", "sync"]])
def test_env_commands_reject_bad_spec_files(tmp_path: Path, command: list[str], name: str) -> None:
    _write_bad(tmp_path)
    result = invoke_cli(*command, "--spec", name, cwd=tmp_path)
    assert_one_line_input_error(result, name)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_spec_is_a_one_line_input_error(tmp_path: Path) -> None:
    spec = tmp_path / "locked.yaml"
    spec.write_text("providers: {}\n")
    spec.chmod(0)
    result = invoke_cli("env", "check", "--spec", "locked.yaml", cwd=tmp_path)
    assert_one_line_input_error(result, "locked.yaml")


def test_malformed_env_file_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text("providers:\n  openai: {env_key: OPENAI_API_KEY}\n")
    (tmp_path / ".env").write_text("# keys\nOPENAI_API_KEY=x\nthis line is wrong\n")
    result = invoke_cli("env", "check", "--spec", "spec.yaml", "--env-file", ".env", cwd=tmp_path)
    assert_one_line_input_error(result, ".env:3")


@pytest.mark.parametrize(
    "argv",
    [
        ["init", "--bogus"],
        ["env", "check", "--bogus"],
        ["env", "sync", "--nope"],
        ["doctor", "--wat"],
        ["path", "--x"],
        ["no-such-command"],
    ],
)
def test_wrong_flag_is_one_line_exit_2(tmp_path: Path, argv: list[str]) -> None:
    result = run_cli(*argv, cwd=tmp_path)
    assert_one_line_input_error(result, "--help")


def test_init_into_a_missing_folder_is_a_one_line_input_error(tmp_path: Path) -> None:
    result = invoke_cli("init", "--dir", "nowhere", cwd=tmp_path)
    assert_one_line_input_error(result, "nowhere")


def test_env_check_without_any_spec_says_how_to_fix(tmp_path: Path) -> None:
    result = invoke_cli("env", "check", cwd=tmp_path)
    assert_one_line_input_error(result, "llmhub.spec.yaml")
    assert "llmhub init" in result.stderr


def test_debug_flag_shows_the_traceback(tmp_path: Path) -> None:
    result = run_cli("--debug", "env", "check", "--spec", "missing.yaml", cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" in result.stderr
    assert "SpecError" in result.stderr


# A 100 KB value echoed whole made a 100 KB error line; each one is now cut (llmhub.text).
_HUGE = "x" * 100_000
_SPEC = Path(__file__).parent / "assets" / "bad_inputs" / "good.spec.yaml"
HUGE_VALUES = {
    "explain --vs": ["explain", "chat", "--vs", _HUGE, "--spec", "{spec}", "--db", "{db}"],
    "explain role": ["explain", _HUGE, "--vs", "openai/gpt-4o", "--spec", "{spec}", "--db", "{db}"],
    "plot --role": [
        "plot",
        "--role",
        _HUGE,
        "--spec",
        "{spec}",
        "--db",
        "{db}",
        "-o",
        "{tmp}/p.svg",
    ],
    "plot --out name": ["plot", "--spec", "{spec}", "--db", "{db}", "-o", "{tmp}/" + "p" * 200],
    "show --provider": ["catalog", "show", "--provider", _HUGE, "--db", "{db}"],
    "show --tag": ["catalog", "show", "--tag", _HUGE, "--db", "{db}"],
    "export --table": ["catalog", "export", "--table", _HUGE, "-o", "{tmp}/m.csv", "--db", "{db}"],
    "export --format": [
        "catalog",
        "export",
        "--format",
        _HUGE,
        "-o",
        "{tmp}/m.csv",
        "--db",
        "{db}",
    ],
    "diff --from": ["catalog", "diff", "--from", _HUGE, "--db", "{db}"],
    "sql query": ["catalog", "sql", _HUGE, "--db", "{db}"],
    "unknown command": [_HUGE],
    "unknown option": ["catalog", "show", "--" + _HUGE],
    "extra argument": ["catalog", "show", _HUGE],
    "path": ["runtime", "show", "--config", "/tmp/" + "d" * 5000 + "/llmhub.yaml"],
}


@pytest.mark.parametrize("case", sorted(HUGE_VALUES))
def test_a_huge_value_is_not_echoed_whole(case: str, tmp_path: Path, catalog_db: Path) -> None:
    argv = [a.format(spec=_SPEC, db=catalog_db, tmp=tmp_path) for a in HUGE_VALUES[case]]
    result = invoke_cli(*argv, cwd=tmp_path)
    out = result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and "Traceback" not in out, out[:2000]
    assert len(lines) == 1 and lines[0].startswith("error: "), out[:2000]
    assert len(lines[0]) < 500, lines[0][:2000]
    assert "…" in lines[0], lines[0]  # the cut is marked
    if case == "path":
        assert "/llmhub.yaml: " in lines[0], lines[0]  # a path keeps its end: the file name
