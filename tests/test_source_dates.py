"""The catalog is honest about how old its data is: a bundled snapshot is as old as its upstream."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import duckdb

from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.spec import parse_spec

SPEC = """
project: dates
providers:
  openai: {env_key: OPENAI_API_KEY}
roles:
  a: {kind: chat, description: Answer questions.}
"""


def test_snapshot_sources_carry_their_upstream_dates(catalog_db: Path) -> None:
    with duckdb.connect(str(catalog_db), read_only=True) as con:
        rows = dict(con.execute("select source, data_as_of from sources").fetchall())
    # Dates from data/snapshots/README.md, not the time the snapshot was copied.
    assert rows["models_dev"] == datetime(2026, 7, 1, 16, 40, 28, tzinfo=timezone.utc)
    assert rows["lmarena"] == datetime(2025, 12, 11, 22, 32, 56, tzinfo=timezone.utc)
    assert rows["litellm"] is None
    assert rows["artificial_analysis"] == datetime(2026, 7, 10, 8, 34, 9, tzinfo=timezone.utc)
    assert rows["livebench"] == datetime(2026, 6, 30, 20, 27, 47, tzinfo=timezone.utc)


def test_generator_caveats_give_the_data_age_not_the_copy_time(catalog_db: Path) -> None:
    result = generate_runtime_from_spec(
        parse_spec(SPEC), GeneratorOptions(no_llm=True, db_path=catalog_db)
    )
    caveats = result.caveats  # once per run
    assert any(c.startswith("source models_dev (snapshot): data as of 2026-07-01") for c in caveats)
    assert any(c == "source litellm (snapshot): date of the data unknown" for c in caveats)
