"""``refresh_catalog`` on real files: publish, TTL, history, stale candidates, bad arguments."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb
import pytest

from llmhub.catalog import refresh_catalog
from llmhub.catalog.locking import catalog_lock, lock_path
from llmhub.errors import CatalogError, InputError


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_snapshot_refresh_publishes_a_queryable_catalog(catalog_db: Path) -> None:
    origins = dict(query(catalog_db, "select source, origin from sources"))
    assert origins == dict.fromkeys(
        ["models_dev", "lmarena", "litellm", "artificial_analysis", "livebench"], "snapshot"
    )
    assert query(catalog_db, "select count(*) from models")[0][0] > 1000
    builds = query(catalog_db, "select build_id, model_count, source_hashes from builds")
    assert len(builds) == 1
    build_id, model_count, hashes = builds[0]
    assert model_count == query(catalog_db, "select count(*) from models")[0][0]
    assert set(__import__("json").loads(hashes)) == {
        "models_dev",
        "lmarena",
        "litellm",
        "artificial_analysis",
        "livebench",
    }
    snapshot_rows = query(
        catalog_db, f"select count(*) from history.model_snapshots where build_id = '{build_id}'"
    )[0][0]
    assert snapshot_rows == model_count


def test_within_ttl_a_refresh_does_nothing_and_leaves_the_file(catalog_copy: Path) -> None:
    before = sha(catalog_copy)
    result = refresh_catalog(catalog_copy, source="snapshot", ttl_hours=24)
    assert result.status == "skipped"
    assert "within the TTL of 24 h" in (result.reason or "")
    assert "--force" in (result.reason or "")
    assert sha(catalog_copy) == before


def test_force_rebuilds_and_carries_history(catalog_copy: Path) -> None:
    first = query(catalog_copy, "select build_id from builds")[0][0]
    result = refresh_catalog(catalog_copy, source="snapshot", force=True)
    assert result.status == "published"
    assert result.build_id != first
    ids = [r[0] for r in query(catalog_copy, "select build_id from builds")]
    assert ids == [first, result.build_id]  # oldest first, the previous history kept
    per_build = dict(
        query(catalog_copy, "select build_id, count(*) from history.model_snapshots group by 1")
    )
    assert per_build[first] == per_build[result.build_id] == result.model_count


def test_ttl_zero_always_rebuilds(catalog_copy: Path) -> None:
    result = refresh_catalog(catalog_copy, source="snapshot", ttl_hours=0)
    assert result.status == "published"


def test_expired_ttl_rebuilds(catalog_copy: Path) -> None:
    # A TTL shorter than the age of a catalog built moments ago (1e-9 h is 3.6 µs).
    result = refresh_catalog(catalog_copy, source="snapshot", ttl_hours=1e-9)
    assert result.status == "published"


def test_stale_candidates_of_a_killed_refresh_are_removed(catalog_copy: Path) -> None:
    stale = catalog_copy.with_name(catalog_copy.name + ".999-1.tmp")
    stale.write_bytes(b"half a catalog")
    stale_wal = stale.with_name(stale.name + ".wal")
    stale_wal.write_bytes(b"wal")
    refresh_catalog(catalog_copy, source="snapshot", force=True)
    assert not stale.exists() and not stale_wal.exists()
    leftovers = sorted(p.name for p in catalog_copy.parent.iterdir())
    assert leftovers == ["catalog.duckdb", "catalog.duckdb.lock"]


def test_an_unreadable_previous_catalog_is_replaced_with_a_note(tmp_path: Path) -> None:
    # A damaged catalog (DuckDB's magic bytes, then garbage) is replaced; any other file is
    # only replaced with force (see test_cli_paths).
    target = tmp_path / "catalog.duckdb"
    target.write_bytes(b"\0" * 8 + b"DUCK" + b"this is not a duckdb file" * 100)
    result = refresh_catalog(target, source="snapshot")
    assert result.status == "published"
    assert any("cannot be read" in note for note in result.notes), result.notes
    assert query(target, "select count(*) from builds")[0][0] == 1


def test_the_refresh_creates_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "catalog.duckdb"
    assert refresh_catalog(target, source="snapshot").status == "published"
    assert target.is_file()


def test_env_var_picks_the_default_location(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "env.duckdb"
    monkeypatch.setenv("LLMHUB_CATALOG", str(target))
    assert refresh_catalog(source="snapshot").path == target
    assert target.is_file()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"source": "web"}, "source"), ({"ttl_hours": -1}, "ttl_hours")],
)
def test_bad_arguments_are_input_errors(tmp_path: Path, kwargs: dict, field: str) -> None:
    with pytest.raises(InputError) as info:
        refresh_catalog(tmp_path / "c.duckdb", **kwargs)
    assert info.value.field == field
    assert info.value.exit_code == 2
    assert not (tmp_path / "c.duckdb").exists()


def test_a_folder_as_target_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        refresh_catalog(tmp_path, source="snapshot")


def test_lock_timeout_names_the_holder_and_keeps_the_catalog(catalog_copy: Path) -> None:
    before = sha(catalog_copy)
    # flock locks belong to an open file description, so a second open in this process
    # contends exactly like another process would.
    with catalog_lock(catalog_copy, timeout=1), pytest.raises(CatalogError) as info:
        refresh_catalog(catalog_copy, source="snapshot", force=True, lock_timeout=0.3)
    message = str(info.value)
    assert "another refresh is running" in message
    assert f"process {os.getpid()}" in message
    assert str(lock_path(catalog_copy)) in message
    assert sha(catalog_copy) == before
    # Released: the next refresh goes through.
    assert refresh_catalog(catalog_copy, source="snapshot", force=True).status == "published"
