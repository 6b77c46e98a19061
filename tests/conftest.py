"""Shared fixtures. Helpers (run_cli, invoke_cli, cli_env, ...) live in tests/helpers.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import AS_OF, build_snapshot_catalog

# The loopback LLM server's `fake_llm` fixture, for every test module (see tests/fake_llm.py).
pytest_plugins = ["tests.fake_llm"]


@pytest.fixture(scope="session")
def catalog_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real catalog built once per session (once per xdist worker) from the bundled snapshots.
    Never write to it: use ``catalog_copy`` when a test needs to change a catalog."""
    path = build_snapshot_catalog(tmp_path_factory.mktemp("catalog") / "catalog.duckdb")
    path.chmod(0o444)  # a test that writes to the shared catalog fails loudly (unless root)
    return path


@pytest.fixture
def catalog_copy(catalog_db: Path, tmp_path: Path) -> Path:
    """A private, writable copy of ``catalog_db`` at ``tmp_path/catalog.duckdb``."""
    target = tmp_path / "catalog.duckdb"
    shutil.copyfile(catalog_db, target)
    target.chmod(0o644)
    return target


@pytest.fixture(scope="module")
def con(catalog_db: Path) -> Iterator[Any]:
    """A read-only DuckDB connection to ``catalog_db``, one per test module."""
    import duckdb

    with duckdb.connect(str(catalog_db), read_only=True) as connection:
        # the day the catalog was built as of (tests.helpers.AS_OF): getvariable('llmhub_as_of')
        connection.execute(f"set variable llmhub_as_of = date '{AS_OF}'")
        yield connection


@pytest.fixture
def team_key(monkeypatch: pytest.MonkeyPatch) -> str:
    """The API key variable that the runtime files of tests/runtime_setup.py name, set to the
    sentinel for one test; returns the sentinel."""
    from tests.runtime_setup import KEY_VAR, SENTINEL

    monkeypatch.setenv(KEY_VAR, SENTINEL)
    return SENTINEL
