"""``llmhub test`` end to end: the real CLI in a subprocess against the loopback LLM server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llmhub.errors import ProviderCallError
from llmhub.runtime.probe import probe_role
from tests.fake_llm import FakeLLM, error
from tests.helpers import cli_env, invoke_cli, run_cli
from tests.runtime_setup import (
    KEY_VAR,
    LITELLM_WARNINGS,
    SENTINEL,
    runtime_dict,
    teardown_module,  # noqa: F401  (pytest calls it: collects litellm's garbage here)
    with_fallbacks,
    write_runtime,
)

pytestmark = LITELLM_WARNINGS


def _runtime(fake: FakeLLM, tmp_path: Path) -> Path:
    roles = {
        "chat": with_fallbacks("primary", "gpt-4o-mini"),
        "doomed": with_fallbacks("down-1", "down-2"),
        "embed": {"provider": "openai", "model": "text-embedding-3-small", "mode": "embedding"},
    }
    return write_runtime(tmp_path / "llmhub.yaml", runtime_dict(fake, roles=roles))


def test_reports_the_model_that_answered_tokens_cost_and_latency(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    fake_llm.script("primary", error(429))
    path = _runtime(fake_llm, tmp_path)
    env = cli_env(**{KEY_VAR: SENTINEL})
    result = invoke_cli(
        "test", "--role", "chat", "--prompt", "ping me", "--json", "--config", str(path), env=env
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["provider"], report["model"], report["attempt"]) == ("openai", "gpt-4o-mini", 2)
    assert report["answer"] == "echo: ping me"
    assert "RateLimitError" in report["fallback_reason"]
    assert report["prompt_tokens"] == 4 + 2 and report["completion_tokens"] == 4
    assert report["cost_usd"] > 0 and report["latency_ms"] > 0
    assert [(a["model"], a["success"]) for a in report["attempts"]] == [
        ("primary", False),
        ("gpt-4o-mini", True),
    ]
    assert SENTINEL not in result.stdout + result.stderr
    assert fake_llm.requests[-1].body["messages"] == [{"role": "user", "content": "ping me"}]


def test_every_model_failing_exits_1_with_one_line_per_problem(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    fake_llm.script("down-1", error(503))
    fake_llm.script("down-2", error(500))
    path = _runtime(fake_llm, tmp_path)
    result = run_cli(
        "test", "--role", "doomed", "--config", str(path), env=cli_env(**{KEY_VAR: SENTINEL})
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: role 'doomed': all 2 attempt(s) failed")
    assert "openai/down-1: ServiceUnavailableError" in result.stderr
    assert "openai/down-2: InternalServerError" in result.stderr


def test_unknown_role_and_missing_file_are_bad_input(fake_llm: FakeLLM, tmp_path: Path) -> None:
    path = _runtime(fake_llm, tmp_path)
    result = invoke_cli("test", "--role", "chta", "--config", str(path))
    assert result.returncode == 2, result.stderr
    assert "unknown role 'chta'" in result.stderr and "did you mean 'chat'" in result.stderr
    missing = invoke_cli("test", "--role", "chat", cwd=tmp_path / "..")
    assert missing.returncode == 2 and "llmhub.yaml" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert fake_llm.requests == []


def test_help_has_an_example() -> None:
    result = invoke_cli("test", "--help")
    assert result.returncode == 0
    assert "Example: llmhub test --role" in result.stdout


# In-process: the same library function and command, sharing this process's litellm import.


@pytest.mark.usefixtures("team_key")
def test_probe_reports_embedding_roles_as_vectors(fake_llm: FakeLLM, tmp_path: Path) -> None:
    report = probe_role("embed", "text", _runtime(fake_llm, tmp_path))
    assert (report.mode, report.answer, report.attempt) == ("embedding", "8-dimensional vector", 1)
    assert report.prompt_tokens == 1 and report.completion_tokens == 0


@pytest.mark.usefixtures("team_key")
def test_probe_turns_a_bad_request_into_one_line(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.script("primary", error(400, "max_tokens is too large"))
    with pytest.raises(ProviderCallError) as err:
        probe_role("chat", None, _runtime(fake_llm, tmp_path))
    assert "role 'chat': openai/primary failed: BadRequestError" in str(err.value)
    assert "max_tokens is too large" in str(err.value)
    assert "not retried" in str(err.value)


@pytest.mark.usefixtures("team_key")
def test_table_output_shows_the_fallback_and_each_attempt(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch
) -> None:
    from typer.testing import CliRunner

    from llmhub.cli.main import app

    monkeypatch.setenv("COLUMNS", "200")
    fake_llm.script("primary", error(500))
    path = _runtime(fake_llm, tmp_path)
    result = CliRunner().invoke(
        app, ["test", "--role", "chat", "--prompt", "hi", "--config", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert "openai/gpt-4o-mini (attempt 2)" in result.output
    assert "fallback because" in result.output and "InternalServerError" in result.output
    assert "echo: hi" in result.output
    assert "attempts" in result.output and "fail" in result.output and "pass" in result.output
