"""Ingestion: fetch the three sources, parse them into typed frames, load DuckDB, create views.

Imported as ``llmhub.pipeline`` (``llmhub/pipeline`` links here so the wheel ships it).

SOURCES["models_dev" | "lmarena" | "litellm"].fetch(origin) -> Payload   (the only I/O)
SOURCES[name].parse(payload) -> Parsed                                   (pure)
load_payloads(con, {name: payload}) -> LoadReport     raw.*, seeds.*, sql/ views
run_data_tests(con) -> [DataTestFailure]     sql/tests/*.sql and sql/*/_contracts.yml, empty = pass
"""

from __future__ import annotations

from . import sources as _sources  # noqa: F401  (registers every source in SOURCES)
from .core import SOURCES, Parsed, Payload, Source, register
from .datatests import DataTestFailure, run_data_tests
from .loader import LoadReport, SourceLoad, load_payloads

__all__ = [
    "SOURCES",
    "DataTestFailure",
    "LoadReport",
    "Parsed",
    "Payload",
    "Source",
    "SourceLoad",
    "fetch_all",
    "load_payloads",
    "register",
    "run_data_tests",
]


def fetch_all(
    origin: str = "snapshot", *, timeout: float = 20.0, retries: int = 3
) -> dict[str, Payload]:
    """Fetch every source from one origin (a convenience for tests and scripts)."""
    return {
        name: source.fetch(origin, timeout=timeout, retries=retries)
        for name, source in SOURCES.items()
    }
