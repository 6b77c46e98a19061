"""Starting the CLI and importing the runtime load none of the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import cli_env

HEAVY = ("duckdb", "polars", "pyarrow", "litellm")

PROBE = """
import json, sys
{body}
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
sys.stderr.write("HEAVY=" + json.dumps(heavy) + "\\n")
"""


def _heavy_after(body: str) -> list[str]:
    code = PROBE.format(body=body, heavy=HEAVY)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), timeout=60
    )
    marker = [line for line in result.stderr.splitlines() if line.startswith("HEAVY=")]
    assert marker, result.stdout + result.stderr
    return json.loads(marker[-1].removeprefix("HEAVY="))


@pytest.mark.parametrize(
    "body",
    [
        "import llmhub.runtime",
        "import llmhub_runtime",
        "import llmhub_runtime.errors",
        "import llmhub",
        "from llmhub import load_runtime, RuntimeConfig, LLMHubError",
    ],
)
def test_imports_stay_light(body: str) -> None:
    assert _heavy_after(body) == []


@pytest.mark.parametrize(
    "argv", [["--help"], ["--version"], ["env", "--help"], ["doctor", "--help"]]
)
def test_cli_startup_stays_light(argv: list[str]) -> None:
    body = (
        f"sys.argv = ['llmhub', *{argv!r}]\n"
        "from llmhub.cli.main import run\n"
        "try:\n    run()\nexcept SystemExit:\n    pass"
    )
    assert _heavy_after(body) == []


def test_probe_detects_a_heavy_import() -> None:
    # The probe itself must be able to fail: importing duckdb shows up.
    assert _heavy_after("import duckdb") == ["duckdb"]
