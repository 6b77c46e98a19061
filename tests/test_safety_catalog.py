"""Issue 14.3, 14.4 and 14.7: corrupt or foreign catalogs, full disks, Ctrl-C, and `catalog sql`
limits. Real damaged files, real subprocesses, real signals; a small tmpfs when root may mount.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from llmhub.catalog.integrity import inspect_catalog
from tests.helpers import ASSETS, cli_env, invoke_cli, one_error_line, run_cli

SPEC = ASSETS / "bad_inputs" / "good.spec.yaml"


def _truncated(src: Path, dst: Path) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: len(data) // 2])
    return dst


def _empty_duckdb(dst: Path) -> Path:
    duckdb.connect(str(dst)).close()
    return dst


def _foreign(dst: Path) -> Path:
    con = duckdb.connect(str(dst))
    con.execute("create table models (id integer)")
    con.execute("insert into models values (1)")
    con.close()
    return dst


def _flipped_data_block(src: Path, dst: Path) -> Path:
    """A copy whose mark still reads but whose data blocks fail their checksums."""
    shutil.copyfile(src, dst)
    size = dst.stat().st_size
    block = 262_144
    # Flip one byte in each data block past the header, from the end backwards, until the file
    # still opens (metadata intact) but a full read fails: that is checksum damage.
    with dst.open("r+b") as fh:
        for offset in range(size - block // 2, 3 * 4096, -block):
            fh.seek(offset)
            byte = fh.read(1)
            fh.seek(offset)
            fh.write(bytes([byte[0] ^ 0xFF]))
    return dst


def _flipped_everywhere(src: Path, dst: Path) -> Path:
    """A copy with one byte flipped in every 64 KiB past the file header."""
    data = bytearray(src.read_bytes())
    for offset in range(12_288, len(data), 65_536):
        data[offset] ^= 0xFF
    dst.write_bytes(bytes(data))
    return dst


DAMAGE = {
    "truncated": lambda src, tmp: _truncated(src, tmp / "c.duckdb"),
    "empty-duckdb": lambda src, tmp: _empty_duckdb(tmp / "c.duckdb"),
    "foreign-schema": lambda src, tmp: _foreign(tmp / "c.duckdb"),
    "flipped-bytes": lambda src, tmp: _flipped_everywhere(src, tmp / "c.duckdb"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("command", ["generate", "show"])
def test_a_damaged_catalog_is_one_line_naming_the_file(
    damage: str, command: str, catalog_db: Path, tmp_path: Path
) -> None:
    db = DAMAGE[damage](catalog_db, tmp_path)
    before = db.read_bytes()
    if command == "generate":
        args = ("generate", "--spec", str(SPEC), "--db", str(db), "--out", str(tmp_path / "o.yaml"))
    else:
        args = ("catalog", "show", "--db", str(db), "--limit", "0")
    proc = run_cli(*args)
    assert proc.returncode in (1, 2), proc.stderr
    line = one_error_line(proc)
    assert str(db) in line
    assert "llmhub catalog refresh" in line
    assert db.read_bytes() == before
    assert not (tmp_path / "o.yaml").exists()


def test_inspect_tells_checksum_damage_from_a_foreign_file(
    catalog_db: Path, tmp_path: Path
) -> None:
    assert inspect_catalog(catalog_db, deep=True).ok
    flipped = _flipped_data_block(catalog_db, tmp_path / "f.duckdb")
    check = inspect_catalog(flipped, deep=True)
    assert not check.ok and check.state in ("corrupt", "unreadable"), check
    assert inspect_catalog(_foreign(tmp_path / "x.duckdb")).state == "foreign"
    assert inspect_catalog(_empty_duckdb(tmp_path / "e.duckdb")).state == "foreign"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        # each said "catalog schema version None is not one this llmhub reads"
        ("delete from llmhub_meta where key = 'schema_version'", "no readable schema_version"),
        ("update llmhub_meta set value = 'one' where key = 'schema_version'", "no readable"),
        ("update llmhub_meta set value = '' where key = 'schema_version'", "no readable"),
        # a NULL value was a TypeError traceback
        ("update llmhub_meta set value = NULL where key = 'schema_version'", "no readable"),
        ("update llmhub_meta set value = '99' where key = 'schema_version'", "version 99 is not"),
    ],
)
def test_a_catalog_mark_without_a_readable_version_says_what_is_wrong(
    catalog_copy: Path, tmp_path: Path, change: str, says: str
) -> None:
    con = duckdb.connect(str(catalog_copy))
    con.execute(change)
    con.close()
    before = catalog_copy.read_bytes()
    result = invoke_cli("catalog", "show", "--db", str(catalog_copy), "--limit", "1")
    line = one_error_line(result)
    assert result.returncode == 1, result.stderr
    assert says in line and "None" not in line, line
    assert str(catalog_copy) in line and "llmhub catalog refresh --force" in line, line
    check = inspect_catalog(catalog_copy)
    assert check.state == "unknown-version" and says in check.detail, check
    assert catalog_copy.read_bytes() == before


def test_doctor_fails_on_a_checksum_corrupt_catalog(catalog_db: Path, tmp_path: Path) -> None:
    flipped = _flipped_data_block(catalog_db, tmp_path / "f.duckdb")
    proc = run_cli("doctor", "--no-network", env=cli_env(LLMHUB_CATALOG=str(flipped)), cwd=tmp_path)
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr
    assert any("catalog" in line and "fail" in line for line in proc.stdout.splitlines())
    assert "refresh --force" in proc.stdout


def test_doctor_passes_a_sound_catalog(catalog_db: Path, tmp_path: Path) -> None:
    proc = invoke_cli(
        "doctor", "--no-network", env=cli_env(LLMHUB_CATALOG=str(catalog_db)), cwd=tmp_path
    )
    rows = [line for line in proc.stdout.splitlines() if line.strip().startswith("│ catalog")]
    assert rows and "fail" not in rows[0], proc.stdout


def _checksum_damaged(src: Path, dst: Path) -> Path | None:
    """A copy with one byte flipped in a data block such that the mark still reads but a full
    read fails its checksum; None when no block of this file behaves so."""
    data = src.read_bytes()
    block = 262_144
    for start in range(3 * 4096, len(data), block):
        damaged = bytearray(data)
        damaged[start + 100] ^= 0xFF
        dst.write_bytes(bytes(damaged))
        if inspect_catalog(dst).ok and not inspect_catalog(dst, deep=True).ok:
            return dst
    return None


def test_refresh_rebuilds_a_corrupt_catalog_within_the_ttl(
    catalog_db: Path, tmp_path: Path
) -> None:
    db = _checksum_damaged(catalog_db, tmp_path / "c.duckdb")
    if db is None:
        pytest.skip("no data block of this catalog could be damaged with its mark still readable")
    proc = run_cli("catalog", "refresh", "--source", "snapshot", "--db", str(db), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == "published"
    assert any("cannot be read" in note for note in result["notes"]), result["notes"]
    assert inspect_catalog(db, deep=True).ok


def test_refresh_within_ttl_on_a_sound_catalog_does_nothing(catalog_copy: Path) -> None:
    before = catalog_copy.read_bytes()
    proc = invoke_cli(
        "catalog", "refresh", "--source", "snapshot", "--db", str(catalog_copy), "--json"
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["status"] == "skipped"
    assert catalog_copy.read_bytes() == before


# -- catalog sql: timeout, row cap, NaN, Ctrl-C -------------------------------------------
def test_sql_timeout_stops_a_long_query(catalog_db: Path) -> None:
    started = time.monotonic()
    proc = run_cli(
        "catalog",
        "sql",
        "select sum(hash(range)) from range(10000000000)",  # per-row work: no shortcut
        "--timeout",
        "1",
        "--db",
        str(catalog_db),
    )
    assert proc.returncode == 2
    assert "longer than 1 s" in one_error_line(proc)
    assert time.monotonic() - started < 30


def test_sql_table_output_is_capped_with_a_note(catalog_db: Path) -> None:
    proc = invoke_cli(
        "catalog", "sql", "select range as n from range(12000)", "--db", str(catalog_db)
    )
    assert proc.returncode == 0, proc.stderr
    assert "first 10,000 rows" in proc.stderr
    assert "9999" in proc.stdout and "10000 " not in proc.stdout
    proc = invoke_cli(
        "catalog",
        "sql",
        "select range as n from range(12000)",
        "--format",
        "csv",
        "--db",
        str(catalog_db),
    )
    assert len(proc.stdout.splitlines()) == 12001 and not proc.stderr


def test_sql_json_never_prints_nan(catalog_db: Path) -> None:
    proc = invoke_cli(
        "catalog",
        "sql",
        "select 'nan'::double as x, 'inf'::double as y, 1.5::double as z",
        "--format",
        "json",
        "--db",
        str(catalog_db),
    )
    assert proc.returncode == 0, proc.stderr
    assert "NaN" not in proc.stdout and "Infinity" not in proc.stdout
    assert json.loads(proc.stdout) == [{"x": None, "y": None, "z": 1.5}]


def _interrupt(args: list[str], wait_for: float) -> tuple[subprocess.CompletedProcess, float]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "llmhub", *args],
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(wait_for)
    assert proc.poll() is None, proc.communicate()
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    took = time.monotonic() - sent
    return subprocess.CompletedProcess(args, proc.returncode, out, err), took


@pytest.mark.slow
def test_ctrl_c_in_a_long_sql_query_exits_130_within_a_second(catalog_db: Path) -> None:
    for _ in range(3):  # the issue saw 6 of 9 runs fail: repeat
        proc, took = _interrupt(
            [
                "catalog",
                "sql",
                "select sum(hash(range)) from range(100000000000)",
                "--timeout",
                "0",
                "--db",
                str(catalog_db),
            ],
            wait_for=4.0,
        )
        assert proc.returncode == 130, proc.stderr
        assert one_error_line(proc) == "error: interrupted"
        assert took < 1.0, took


# -- full disk --------------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path: Path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a tmpfs needs root and mount(8)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def _fill(mount: Path, leave: int) -> None:
    st = os.statvfs(mount)
    free = st.f_bavail * st.f_frsize
    with (mount / "filler").open("wb") as fh:
        fh.write(b"\0" * max(free - leave, 0))


def test_refresh_on_a_full_disk_is_one_line_and_keeps_the_catalog(
    small_disk: Path, catalog_db: Path
) -> None:
    db = small_disk / "catalog.duckdb"
    shutil.copyfile(catalog_db, db)
    db.chmod(0o644)
    before = db.read_bytes()
    _fill(small_disk, 200_000)
    proc = invoke_cli(
        "catalog", "refresh", "--source", "snapshot", "--force", "--db", str(db), "--json"
    )
    assert proc.returncode != 0
    line = one_error_line(proc)
    assert str(db) in line and ("space" in line.lower() or "write" in line.lower())
    assert db.read_bytes() == before


def test_generate_on_a_full_disk_is_one_line_and_keeps_the_file(
    small_disk: Path, catalog_db: Path
) -> None:
    out = small_disk / "llmhub.yaml"
    proc = invoke_cli("generate", "--spec", str(SPEC), "--db", str(catalog_db), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    before = out.read_bytes()
    spec2 = small_disk.parent / "spec2.yaml"
    spec2.write_text(SPEC.read_text().replace("fallbacks: 1", "fallbacks: 2"))
    _fill(small_disk, 0)
    proc = invoke_cli("generate", "--spec", str(spec2), "--db", str(catalog_db), "--out", str(out))
    assert proc.returncode == 2, proc.stderr
    line = one_error_line(proc)
    assert str(out) in line and "No space left" in line
    assert out.read_bytes() == before


@pytest.mark.slow
def test_ctrl_c_while_refresh_builds_the_views_exits_130_with_one_line(tmp_path: Path) -> None:
    """DuckDB reports a Ctrl-C inside a query as RuntimeError('Query interrupted'), which
    printed a traceback with exit 1 when it landed while the views were being built."""
    target = tmp_path / "catalog.duckdb"
    # From the last fetch on, in steps, until a refresh finishes first: the signal then lands
    # once in every stage after the fetches (raw tables, views, tests, history, publish).
    for step in range(20):
        pause = step * 0.25
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llmhub",
                "catalog",
                "refresh",
                "--source",
                "snapshot",
                "--force",
                "--db",
                str(target),
            ],
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stderr is not None
        for line in proc.stderr:
            if "fetch models_dev" in line:
                break
        time.sleep(pause)
        if proc.poll() is not None:  # finished before the signal: every stage was covered
            proc.communicate()
            break
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert "Traceback" not in err, err
        if proc.returncode in (0, -signal.SIGINT):
            # The signal landed as the interpreter was exiting after the work was done: the
            # process dies of SIGINT (which a shell reports as 130 too) or, when it lands in
            # the interpreter's own shutdown, ends as it would have; silently either way.
            assert "publish" in err and "error:" not in err, err
            continue
        assert proc.returncode == 130, (proc.returncode, err)
        assert err.strip().splitlines()[-1] == "error: interrupted", err


def test_a_ctrl_c_once_the_work_is_done_is_ignored_by_the_llmhub_command(capsys) -> None:
    """A Ctrl-C that landed as the interpreter exited after a finished refresh printed an
    'Exception ignored in threading' traceback (seen in CI). The `llmhub` command ignores a
    Ctrl-C once its work is done; an in-process caller gets its own handler back."""
    from llmhub.cli import main as cli

    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(SystemExit):
            cli.run(["--help"], exiting=True)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        cli._on_sigint(signal.SIGINT, None)  # the work is over: no KeyboardInterrupt
        signal.signal(signal.SIGINT, signal.default_int_handler)
        with pytest.raises(SystemExit):
            cli.run(["--help"])
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, old)
    assert "Usage" in capsys.readouterr().out
