"""Starting the CLI, importing the runtime and building a hub load none of the heavy libraries;
litellm loads on the first call or on ``warmup()``, offline. Each probe is a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import REPO, cli_env

HEAVY = ("duckdb", "polars", "pyarrow", "litellm")

PROBE = """
import json, sys
{body}
sys.stderr.write("REPORT=" + json.dumps({report}) + "\\n")
"""
# Which of the heavy libraries the probe's body loaded.
HEAVY_LOADED = f"sorted(m for m in {HEAVY!r} if m in sys.modules)"


def _probe(body: str, report: str, env: dict[str, str] | None = None) -> object:
    """Run ``body`` in a fresh interpreter; return the JSON value of ``report`` after it."""
    code = PROBE.format(body=body, report=report)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env or cli_env(),
        timeout=120,
    )
    marker = [line for line in result.stderr.splitlines() if line.startswith("REPORT=")]
    assert marker, result.stdout + result.stderr
    return json.loads(marker[-1].removeprefix("REPORT="))


def _heavy_after(body: str, env: dict[str, str] | None = None) -> object:
    return _probe(body, HEAVY_LOADED, env)


def _cli_run(argv: list[str]) -> str:
    """A probe body that runs the CLI with ``argv``, as ``llmhub ...`` would."""
    return (
        f"sys.argv = ['llmhub', *{argv!r}]\n"
        "from llmhub.cli.main import run\n"
        "try:\n    run()\nexcept SystemExit:\n    pass"
    )


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
    assert _heavy_after(_cli_run(argv)) == []


def test_probe_detects_a_heavy_import() -> None:
    # The probe itself must be able to fail: importing duckdb shows up.
    assert _heavy_after("import duckdb") == ["duckdb"]


def test_building_a_hub_imports_no_heavy_library_and_warmup_loads_litellm_offline() -> None:
    env = cli_env()
    env.pop("LITELLM_LOCAL_MODEL_COST_MAP", None)  # llmhub must set it itself, before the import
    sample = REPO / "examples" / "sample.llmhub.yaml"
    body = (
        "import os\n"
        "from llmhub.runtime import LLMHub\n"
        f"hub = LLMHub(config_path={str(sample)!r})\n"
        "hub.resolve('llm.inference')\n"
        "assert not {'openai', *" + repr(HEAVY) + "} & set(sys.modules), sorted(sys.modules)\n"
        "assert os.environ.get('LITELLM_LOCAL_MODEL_COST_MAP') is None\n"
        "hub.warmup()\n"
        "assert os.environ.get('LITELLM_LOCAL_MODEL_COST_MAP') == 'True'  # no cost-map fetch"
    )
    assert _heavy_after(body, env) == ["litellm"]


def _cli_modules_after(argv: list[str]) -> object:
    # the command modules (llmhub/cli/*_cmd.py) the run imported
    commands = (
        "sorted(m for m in sys.modules if m.startswith('llmhub.cli.') and m.endswith('_cmd'))"
    )
    return _probe(_cli_run(argv), commands)


def test_a_command_imports_only_its_own_module_and_help_lists_every_one() -> None:
    assert _cli_modules_after(["generate", "--help"]) == ["llmhub.cli.generate_cmd"]
    assert _cli_modules_after(["catalog", "sources", "--help"]) == ["llmhub.cli.catalog_cmd"]
    everything = _cli_modules_after(["--help"])
    assert "llmhub.cli.generate_cmd" in everything and "llmhub.cli.export_cmd" in everything
    assert len(everything) == 11, everything
