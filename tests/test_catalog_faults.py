"""Refreshes under real faults, in real processes: SIGKILL at random points, readers querying
throughout, and two refreshes at once. The published catalog must never change unless a
complete, tested build replaces it.
"""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from llmhub.catalog import get_catalog
from llmhub.errors import CatalogError
from tests.helpers import cli_env, run_cli

pytestmark = pytest.mark.slow

REFRESH = [sys.executable, "-m", "llmhub", "catalog", "refresh", "--source", "snapshot"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def spawn_refresh(db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*REFRESH, "--force", "--db", str(db), *extra],
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_at_random_points_leaves_the_previous_catalog_intact(catalog_copy: Path) -> None:
    # How long a whole refresh takes here, measured on a second copy so the first stays put.
    scratch = catalog_copy.with_name("scratch.duckdb")
    scratch.write_bytes(catalog_copy.read_bytes())
    start = time.perf_counter()
    done = spawn_refresh(scratch)
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, out + err
    full = time.perf_counter() - start

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    before = sha(catalog_copy)
    builds_before = query(catalog_copy, "select count(*) from builds")[0][0]
    models_before = query(catalog_copy, "select count(*) from models")[0][0]
    killed_before_publish = runs = 0
    ceiling = 0.8 * full
    # At least ten kills must land before the publish; one that lands after it is checked too,
    # and makes later delays shorter (the machine got faster than the calibration run).
    while killed_before_publish < 10 and runs < 20:
        run, runs = runs, runs + 1
        delay = rng.uniform(0.02, ceiling)
        proc = spawn_refresh(catalog_copy)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        context = f"seed {seed}, run {run}, killed after {delay:.2f} s of {full:.2f} s"
        # Whatever happened, the file at the path is a complete, queryable catalog.
        assert query(catalog_copy, "select count(*) from models")[0][0] > 0, context
        if sha(catalog_copy) == before:
            killed_before_publish += 1
        else:
            # The kill came after the rename: the file must be the next complete build.
            assert query(catalog_copy, "select count(*) from builds")[0][0] == builds_before + 1
            before = sha(catalog_copy)
            builds_before += 1
            ceiling = max(0.1, 0.7 * delay)
    assert killed_before_publish >= 10, f"only {killed_before_publish} of {runs} runs (seed {seed})"
    assert query(catalog_copy, "select count(*) from models")[0][0] == models_before

    # The next refresh clears what the killed ones left and publishes normally.
    proc = spawn_refresh(catalog_copy)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, out + err
    leftovers = {p.name for p in catalog_copy.parent.iterdir()} - {
        "scratch.duckdb",
        "scratch.duckdb.lock",
    }
    assert leftovers == {"catalog.duckdb", "catalog.duckdb.lock"}, leftovers


READER = textwrap.dedent(
    """
    import json, sys, time
    import duckdb
    path, stop = sys.argv[1], sys.argv[2]
    ok, errors, builds = 0, [], set()
    ready = False
    deadline = time.monotonic() + 120
    import os
    while not os.path.exists(stop) and time.monotonic() < deadline:
        try:
            con = duckdb.connect(path, read_only=True)
            try:
                n = con.execute("select count(*) from models").fetchone()[0]
                b = con.execute("select max(build_id) from builds").fetchone()[0]
                assert n > 0, "empty models"
            finally:
                con.close()
            ok += 1
            builds.add(b)
            if not ready:
                print("ready", flush=True)
                ready = True
            time.sleep(0.05)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    print(json.dumps({"ok": ok, "errors": errors[:5], "error_count": len(errors), "builds": sorted(builds)}))
    """
)


def test_readers_in_another_process_never_get_an_error_during_refreshes(
    catalog_copy: Path, tmp_path: Path
) -> None:
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(catalog_copy), str(stop)],
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Refresh only once the reader is reading, however slowly it started.
        assert reader.stdout is not None and reader.stdout.readline().strip() == "ready"
        for _ in range(2):
            proc = spawn_refresh(catalog_copy)
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, out + err
        # One more, killed midway: readers must not notice that either.
        proc = spawn_refresh(catalog_copy)
        time.sleep(0.5)
        proc.kill()
        proc.communicate(timeout=30)
        time.sleep(0.3)
    finally:
        stop.write_text("stop")
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    report = json.loads(out.strip().splitlines()[-1])
    assert report["error_count"] == 0, report
    assert report["ok"] >= 10, report
    assert len(report["builds"]) >= 2, report  # it read across publishes


LOCK_HOLDER = textwrap.dedent(
    """
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, str(os.getpid()).encode())
    print("locked", flush=True)
    time.sleep(60)
    """
)


def test_a_second_refresh_waits_then_exits_with_a_clear_message(catalog_copy: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(catalog_copy) + ".lock"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        before = sha(catalog_copy)
        start = time.perf_counter()
        proc = spawn_refresh(catalog_copy, "--lock-timeout", "1")
        out, err = proc.communicate(timeout=60)
        waited = time.perf_counter() - start
    finally:
        holder.kill()
        holder.communicate()
    assert proc.returncode == 1, out + err
    assert "Traceback" not in err
    assert f"another refresh is running (process {holder.pid} holds" in err, err
    assert "waited 1 s" in err and "--lock-timeout" in err
    assert waited >= 1.0
    assert sha(catalog_copy) == before


def test_two_refreshes_at_once_build_one_after_the_other(catalog_copy: Path) -> None:
    procs = [spawn_refresh(catalog_copy) for _ in range(2)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, out + err
    rows = query(
        catalog_copy,
        "select built_at, duration_seconds from history.builds order by built_at",
    )
    assert len(rows) == 3  # the original build and one per refresh: neither was lost
    windows = [(end - timedelta(seconds=seconds), end) for end, seconds in rows[1:]]
    (_, first_end), (second_start, _) = windows
    assert second_start >= first_end, f"builds overlapped: {windows}"
    assert query(catalog_copy, "select count(*) from models")[0][0] > 0


@pytest.mark.parametrize(
    ("alteration", "lacking"),
    [
        ("drop table models", "no table models"),
        ("alter table models drop column tags", "no column models.tags"),
    ],
)
def test_a_marked_catalog_with_a_mart_dropped_or_altered_is_a_one_line_error(
    catalog_copy: Path, alteration: str, lacking: str
) -> None:
    # A file with llmhub's mark whose `models` a user dropped or altered by hand: `catalog show`
    # died with duckdb's CatalogException and a traceback.
    con = duckdb.connect(str(catalog_copy))
    con.execute(alteration)
    con.close()
    shown = run_cli("catalog", "show", "--db", str(catalog_copy))
    assert shown.returncode == 1, shown.stderr
    assert "Traceback" not in shown.stderr and "Exception" not in shown.stderr
    lines = shown.stderr.strip().splitlines()
    assert len(lines) == 1 and lacking in lines[0] and "catalog refresh --force" in lines[0]
    if alteration.startswith("drop table"):
        with pytest.raises(CatalogError, match=lacking):
            get_catalog(db_path=catalog_copy)


def test_a_sqlite_file_is_no_catalog_and_nothing_is_downloaded(tmp_path: Path) -> None:
    # DuckDB opened a SQLite file by downloading its sqlite_scanner extension: the error named
    # a URL on extensions.duckdb.org, and suggested replacing the user's file.
    import sqlite3

    path = tmp_path / "app.db"
    sqlite3.connect(path).execute("create table t (x)").connection.commit()
    shown = run_cli("catalog", "show", "--db", str(path))
    assert shown.returncode == 1, shown.stderr
    assert "not a DuckDB file" in shown.stderr and "http" not in shown.stderr
