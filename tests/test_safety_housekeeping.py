"""Issue 14.7: history keeps the last N builds, and `catalog diff` orders its builds."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from llmhub.catalog import refresh_catalog
from llmhub.catalog.diff import diff_builds
from tests.helpers import cli_env, run_cli


def test_history_keeps_the_last_n_builds_and_diff_orders_them(
    catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLMHUB_HISTORY_KEEP", "2")
    for _ in range(2):
        refresh_catalog(catalog_copy, source="snapshot", force=True)
    con = duckdb.connect(str(catalog_copy), read_only=True)
    try:
        builds = [r[0] for r in con.execute("select build_id from builds").fetchall()]
        snapshots = {
            r[0]
            for r in con.execute("select distinct build_id from history.model_snapshots").fetchall()
        }
        assert len(builds) == 2 and snapshots == set(builds)
        forward = diff_builds(con, builds[0], builds[1])
        backward = diff_builds(con, builds[1], builds[0])
    finally:
        con.close()
    assert (backward.from_build, backward.to_build) == (builds[0], builds[1])
    assert (forward.from_build, forward.to_build) == (builds[0], builds[1])


def test_catalog_history_prune_keeps_the_newest_builds(catalog_copy: Path) -> None:
    from tests.helpers import invoke_cli

    refresh_catalog(catalog_copy, source="snapshot", force=True)
    refresh_catalog(catalog_copy, source="snapshot", force=True)
    listed = invoke_cli("catalog", "history", "--db", str(catalog_copy), "--json")
    assert listed.returncode == 0, listed.stderr
    import json

    builds = [b["build_id"] for b in json.loads(listed.stdout)]
    assert len(builds) == 3
    proc = invoke_cli("catalog", "history", "--prune", "--keep", "1", "--db", str(catalog_copy))
    assert proc.returncode == 0, proc.stderr
    assert "removed 2 build(s)" in proc.stdout
    con = duckdb.connect(str(catalog_copy), read_only=True)
    try:
        left = [r[0] for r in con.execute("select build_id from builds").fetchall()]
        snaps = con.execute("select count(distinct build_id) from history.model_snapshots")
        assert snaps.fetchone()[0] == 1
    finally:
        con.close()
    assert left == [builds[-1]]


@pytest.mark.parametrize("value", ["abc", "0", "99999999999999999999999"])
def test_a_bad_history_keep_stops_the_refresh_before_it_starts(
    catalog_copy: Path, value: str
) -> None:
    # "abc" was ignored without a word; a huge number failed the refresh after the whole build
    # with DuckDB's TransactionException and a traceback.
    before = catalog_copy.read_bytes()
    env = {**cli_env(), "LLMHUB_HISTORY_KEEP": value}
    ran = run_cli(
        "catalog", "refresh", "--source", "snapshot", "--force", "--db", str(catalog_copy), env=env
    )
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr.count("\n") == 1 and "LLMHUB_HISTORY_KEEP" in ran.stderr, ran.stderr
    assert "Traceback" not in ran.stderr and "published" not in ran.stdout
    assert catalog_copy.read_bytes() == before
