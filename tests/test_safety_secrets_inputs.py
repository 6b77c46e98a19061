"""A secret put where it does not belong (a URL, a runtime file, a flag, a variable) is refused
or shown as ``***``: never written, printed, logged, or kept in a repr or an error.

Each case runs the real CLI in a subprocess and looks for the fake key in stdout, stderr and
every file in the folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from llmhub.redact import find_credentials, redact_text
from tests.helpers import ASSETS, run_cli

# Shaped like an OpenAI project key, so every scanner knows it; and one with no shape at all.
KEY = "sk-proj-" + "QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUiOpAsDf"
PLAIN = "zq9Xr7Lm2Kp4Wv8Ts6hunter"

RUNTIME = """\
project: safety
env: test
providers:
  anthropic:
    env_key: ANTHROPIC_API_KEY
  openai:
    env_key: OPENAI_API_KEY
roles:
  chat:
    provider: anthropic
    model: claude-haiku-4-5
    mode: chat
    params: {}
    fallbacks:
    - provider: openai
      model: gpt-4o-mini
"""


def _leaks(proc: object, folder: Path | None, *secrets: str, but: Path | None = None) -> list[str]:
    """Where any of ``secrets`` shows up: the run's stdout/stderr, or a file in ``folder``
    (except ``but``, the input that holds it on purpose)."""
    texts = {"stdout": getattr(proc, "stdout", ""), "stderr": getattr(proc, "stderr", "")}
    for path in folder.rglob("*") if folder else ():
        if path.is_file() and path != but:
            texts[str(path)] = path.read_bytes().decode("utf-8", "replace")
    return [f"{where}: {s[:12]}…" for where, text in texts.items() for s in secrets if s in text]


def _one_error_line(proc: object) -> str:
    stderr = getattr(proc, "stderr", "")
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


# -- 1. generate: a credential inside a provider URL -----------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        f"https://h.example/v1?api_key={PLAIN}",
        f"https://h.example/v1?API-KEY={PLAIN}&x=1",
        f"https://h.example/v1?key={PLAIN}",
        f"https://h.example/v1?region=eu&access_token={PLAIN}",
        f"https://h.example/v1?sv=2024&sig={PLAIN}",
        f"https://h.example/v1?X-Amz-Signature={PLAIN}",
    ],
)
def test_generate_refuses_a_credential_in_an_api_base_url(
    url: str, tmp_path: Path, catalog_db: Path
) -> None:
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(
        (ASSETS / "bad_inputs" / "good.spec.yaml")
        .read_text()
        .replace(
            "anthropic: {env_key: ANTHROPIC_API_KEY}",
            f"anthropic: {{env_key: ANTHROPIC_API_KEY, api_base: '{url}'}}",
        )
    )
    out = tmp_path / "llmhub.yaml"
    proc = run_cli("generate", "--db", str(catalog_db), "--out", str(out), "--no-llm", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    line = _one_error_line(proc)
    assert line.startswith("error: llmhub.spec.yaml:5:"), line
    assert "providers.anthropic.api_base" in line and "env_key" in line and "***" in line
    assert not out.exists()
    assert not _leaks(proc, tmp_path, PLAIN, but=spec)
    # The scan of what generate is about to write uses the same rule.
    assert list(find_credentials({"api_base": url})) == [("api_base",)]


def test_query_parameters_that_are_not_credentials_are_left_alone() -> None:
    for url in (
        "https://h.example/v1?api-version=2024-10-21",
        "http://localhost:8000/v1?model=gpt-4o&max_tokens=5&keys=3",
        "https://h.example/openai/deployments/x?api-version=1&monkey=banana",
    ):
        assert redact_text(url) == url
        assert not list(find_credentials({"api_base": url}))
    assert redact_text(f"GET https://h/v1?Token={PLAIN}&a=1 failed") == (
        "GET https://h/v1?Token=***&a=1 failed"
    )
