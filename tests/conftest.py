"""Shared test helpers: run the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# The loopback LLM server's `fake_llm` fixture, for every test module (see tests/fake_llm.py).
pytest_plugins = ["tests.fake_llm"]

REPO = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).resolve().parent / "assets"


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a CLI subprocess: no colour, no terminal width surprises."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMHUB_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb", "PYTHONWARNINGS": "ignore"})
    # The subprocess must import the checkout under test, whatever is installed elsewhere.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env.update(extra)
    return env


def run_cli(
    *args: str,
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
):
    """Run ``python -m llmhub ARGS`` for real and return the completed process."""
    return subprocess.run(
        [sys.executable, "-m", "llmhub", *args],
        cwd=cwd,
        env=env or cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli


def build_snapshot_catalog(path: Path) -> Path:
    """Build a real catalog at ``path`` from the bundled snapshots (no network), the way
    ``llmhub catalog refresh --source snapshot`` does: tested, with history, published atomically."""
    from llmhub.catalog import refresh_catalog

    refresh_catalog(path, source="snapshot", force=True)
    return path


@pytest.fixture(scope="session")
def catalog_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real catalog built once per session from the bundled snapshots. Never write to it:
    use ``catalog_copy`` (or shutil.copy) when a test needs to change a catalog."""
    path = build_snapshot_catalog(tmp_path_factory.mktemp("catalog") / "catalog.duckdb")
    path.chmod(0o444)  # a test that writes to the shared catalog fails loudly (unless root)
    return path


@pytest.fixture
def catalog_copy(catalog_db: Path, tmp_path: Path) -> Path:
    """A private, writable copy of ``catalog_db`` at ``tmp_path/catalog.duckdb``."""
    import shutil

    target = tmp_path / "catalog.duckdb"
    shutil.copyfile(catalog_db, target)
    target.chmod(0o644)
    return target
