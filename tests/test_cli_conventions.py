"""CLI conventions as a user meets them: -h, short flags, completion, enum errors, listings,
and an offline refresh that reports each fallback once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import cli_env, invoke_cli
from tests.source_server import SOURCE_ROUTE, Fault, SourceServer


def test_dash_h_is_help_everywhere_and_completion_is_offered() -> None:
    top = invoke_cli("-h")
    assert top.returncode == 0, top.stderr
    assert "--install-completion" in top.stdout and "-q, --quiet" in top.stdout
    assert "-v, --verbose" in top.stdout
    sub = invoke_cli("catalog", "show", "-h")
    assert sub.returncode == 0, sub.stderr
    assert "-n, --limit" in sub.stdout and "--all" in sub.stdout
    for command in (("generate",), ("catalog", "export"), ("export", "litellm-proxy")):
        assert "-o, --out" in invoke_cli(*command, "-h").stdout, command


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("catalog", "export", "--format", "xml", "--out", "x.xml"),
            "`--format` must be one of: csv, json, parquet (got 'xml')",
        ),
        (
            ("catalog", "sql", "select 1", "--format", "yaml"),
            "`--format` must be one of: csv, json, table (got 'yaml')",
        ),
        (
            ("catalog", "refresh", "--source", "web"),
            "`--source` must be one of: auto, live, snapshot (got 'web')",
        ),
    ],
)
def test_a_bad_choice_names_the_option_and_the_choices(
    args: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    result = invoke_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Value error" not in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_show_and_search_list_callable_models_unless_all(catalog_db: Path) -> None:
    env = cli_env(LLMHUB_CATALOG=str(catalog_db))
    shown = json.loads(invoke_cli("catalog", "show", "-n", "0", "--json", env=env).stdout)
    every = json.loads(invoke_cli("catalog", "show", "-n", "0", "--all", "--json", env=env).stdout)
    assert shown and all(r["litellm_model"] for r in shown)
    assert len(every) > len(shown) and any(r["litellm_model"] is None for r in every)
    found = json.loads(invoke_cli("catalog", "search", "gpt-4o", "--json", env=env).stdout)
    assert found and all(r["is_callable"] for r in found)
    assert {"status", "is_free"} <= set(found[0])
    table = invoke_cli("catalog", "search", "gpt-4o", "-n", "5", env=env)
    assert table.returncode == 0, table.stderr
    header = next(line for line in table.stdout.splitlines() if "model" in line)
    assert "status" in header and "free" in header and "callable" not in header
    wide = invoke_cli("catalog", "search", "gpt-4o", "-n", "5", "--all", env=env)
    assert "callable" in wide.stdout


def test_an_offline_refresh_reports_each_fallback_once(tmp_path: Path) -> None:
    with SourceServer() as server:
        for route in SOURCE_ROUTE.values():
            server.faults[route] = Fault(status=503)
        result = invoke_cli(
            "catalog",
            "refresh",
            "--db",
            str(tmp_path / "catalog.duckdb"),
            "--retries",
            "0",
            env=cli_env(**server.env()),
        )
    assert result.returncode == 0, result.stdout + result.stderr
    text = result.stdout + result.stderr
    for source in SOURCE_ROUTE:
        assert text.count(f"{source}: using the bundled snapshot") == 1, text
    assert "503" in text


def test_quiet_drops_warnings_but_keeps_results(catalog_db: Path, tmp_path: Path) -> None:
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(
        "providers:\n  openai: {env_key: OPENAI_API_KEY}\n"
        "roles:\n  chat: {kind: chat, description: Answer questions., "
        "force_provider: openai, force_model: gpt-imaginary-9}\n"
    )
    env = cli_env(LLMHUB_CATALOG=str(catalog_db))
    out = tmp_path / "llmhub.yaml"
    loud = invoke_cli("generate", "--spec", str(spec), "-o", str(out), env=env)
    assert loud.returncode == 0, loud.stderr
    assert "warning:" in loud.stderr and "gpt-imaginary-9" in loud.stderr
    quiet = invoke_cli("generate", "--spec", str(spec), "-o", str(out), "-q", env=env)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == "" and f"{out} is up to date" in quiet.stdout
    also = invoke_cli("-q", "generate", "--spec", str(spec), "-o", str(out), env=env)
    assert also.returncode == 0 and also.stderr == ""


def test_a_table_shows_a_control_character_as_its_escape(catalog_db: Path) -> None:
    # a value holding an escape sequence (a role's description, a query's result) was sent to
    # the terminal as it was: it could clear the screen or recolour what follows
    ran = invoke_cli(
        "catalog", "sql", "select chr(27) || '[2J' || 'cleared' as x", "--db", str(catalog_db)
    )
    assert ran.returncode == 0, ran.stderr
    assert "\x1b" not in ran.stdout and "\\x1b[2Jcleared" in ran.stdout
