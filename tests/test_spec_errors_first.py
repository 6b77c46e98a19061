"""A spec's own mistakes are reported before anything the catalog decides, and plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmhub.redact import is_secret_key
from tests.helpers import cli_env, invoke_cli

SPEC = """\
project: demo
env: dev
roles:
  chat:
    kind: chat
    description: support chat
    mode_params:
      max_token: 200
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "llmhub.spec.yaml"
    path.write_text(SPEC)
    return path


def test_generate_reports_the_spec_error_when_the_catalog_is_missing(spec: Path) -> None:
    missing = spec.parent / "no-catalog.duckdb"
    out = spec.parent / "llmhub.yaml"
    result = invoke_cli(
        "generate", "--spec", str(spec), "--db", str(missing), "--out", str(out), env=cli_env()
    )
    assert result.returncode == 2
    assert "llmhub.spec.yaml:8:7: roles.chat.mode_params.max_token" in result.stderr
    assert "no catalog" not in result.stderr
    assert not out.exists()


def test_a_misspelt_token_limit_is_a_typo_not_a_credential(spec: Path) -> None:
    result = invoke_cli("spec", "validate", str(spec), env=cli_env())
    assert result.returncode == 2
    assert "did you mean 'max_tokens'" in result.stderr
    assert "credential" not in result.stderr.lower()


@pytest.mark.parametrize("name", ["max_token", "max_completion_token", "min_token", "num_token"])
def test_token_counts_are_not_credential_names(name: str) -> None:
    assert not is_secret_key(name)


@pytest.mark.parametrize("name", ["auth_token", "my_service_token", "x-access-token"])
def test_token_credentials_are_still_credential_names(name: str) -> None:
    assert is_secret_key(name)
