"""Only llmhub's mark makes a DuckDB file llmhub's: a refresh, through the CLI or through the
compatibility API (``llmhub_cli.get_catalog(force_refresh=True)``), never replaces anything else.

Real DuckDB files, the real CLI in a subprocess; each test checks the file byte for byte.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from llmhub.catalog.integrity import inspect_catalog
from tests.helpers import ASSETS, cli_env, invoke_cli, one_error_line, run_cli


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _users_db_with_a_history_table(path: Path) -> Path:
    """A user's database that happens to have ``history.builds``, and no llmhub mark."""
    con = duckdb.connect(str(path))
    con.execute("create schema history")
    con.execute("create table history.builds (build_id varchar, note varchar)")
    con.execute("create table customers as select range as id from range(5)")
    con.close()
    return path


def test_refresh_refuses_a_users_db_that_has_a_history_builds_table(tmp_path: Path) -> None:
    db = _users_db_with_a_history_table(tmp_path / "user.duckdb")
    before = _sha(db)
    proc = run_cli("catalog", "refresh", "--source", "snapshot", "--db", str(db), timeout=300)
    assert proc.returncode == 2, proc.stderr
    line = one_error_line(proc)
    assert "not an llmhub catalog" in line and "--force" in line, line
    assert _sha(db) == before
    assert inspect_catalog(db).state == "foreign"


def test_a_catalog_from_before_the_mark_still_counts_as_llmhubs(catalog_copy: Path) -> None:
    # A catalog built before llmhub_meta existed: everything but the mark.
    con = duckdb.connect(str(catalog_copy))
    con.execute("drop table llmhub_meta")
    con.close()
    check = inspect_catalog(catalog_copy)
    assert (check.state, check.schema_version) == ("ok", 0)
    proc = run_cli(
        "catalog", "refresh", "--source", "snapshot", "--ttl-hours", "0", "--db", str(catalog_copy)
    )
    assert proc.returncode == 0, proc.stderr
    con = duckdb.connect(str(catalog_copy), read_only=True)
    assert dict(con.execute("select key, value from llmhub_meta").fetchall())["kind"] == (
        "llmhub-catalog"
    )
    con.close()


def _foreign_duckdb(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create table customers as select 42 as id")
    con.close()
    return path


def _text_file(path: Path) -> Path:
    path.write_text("my notes\n")
    return path


@pytest.mark.parametrize(
    "make", [_foreign_duckdb, _text_file, _users_db_with_a_history_table], ids=lambda f: f.__name__
)
def test_compat_get_catalog_force_refresh_never_replaces_a_foreign_file(
    tmp_path: Path, make
) -> None:
    import llmhub_cli
    from llmhub.errors import InputError

    path = make(tmp_path / "user.duckdb")
    before = _sha(path)
    with pytest.raises(InputError, match="not overwriting"):
        llmhub_cli.get_catalog(force_refresh=True, db_path=path, source="snapshot")
    with pytest.raises(InputError, match="not overwriting"):
        llmhub_cli.build_catalog(force_refresh=True, db_path=path, source="snapshot")
    assert _sha(path) == before


def test_compat_get_catalog_force_refresh_rebuilds_its_own_catalog(catalog_copy: Path) -> None:
    import llmhub_cli

    con = duckdb.connect(str(catalog_copy), read_only=True)
    builds_before = con.execute("select count(*) from history.builds").fetchone()[0]
    con.close()
    catalog = llmhub_cli.get_catalog(force_refresh=True, db_path=catalog_copy, source="snapshot")
    assert len(catalog.models) > 100
    con = duckdb.connect(str(catalog_copy), read_only=True)
    assert con.execute("select count(*) from history.builds").fetchone()[0] == builds_before + 1
    con.close()


# -- llmhub plot --out ---------------------------------------------------------------------
PLOT_SPEC = ASSETS / "bad_inputs" / "good.spec.yaml"


def _plot(out: Path, catalog_db: Path, *extra: str) -> list[str]:
    return [
        "plot",
        "--no-llm",
        "--spec",
        str(PLOT_SPEC),
        "--db",
        str(catalog_db),
        "-o",
        str(out),
        *extra,
    ]


def test_plot_replaces_a_file_or_a_symlinks_target_only_with_force(
    tmp_path: Path, catalog_db: Path
) -> None:
    pytest.importorskip("matplotlib", reason="llmhub plot needs the [plot] extra (matplotlib)")
    mine = tmp_path / "mine.svg"
    mine.write_text("the user's own picture\n")
    link = tmp_path / "link.svg"
    link.symlink_to(mine.name)
    before = _sha(mine)
    for out in (mine, link):
        refused = invoke_cli(*_plot(out, catalog_db), cwd=tmp_path)
        assert refused.returncode == 2, refused.stderr
        line = one_error_line(refused)
        assert str(mine) in line and "not overwriting" in line and "--force" in line, line
    assert _sha(mine) == before and link.is_symlink()
    forced = invoke_cli(*_plot(link, catalog_db, "--force"), cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert link.is_symlink() and link.resolve() == mine.resolve()  # written through the link
    assert "<svg" in mine.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.svg", "mine.svg"]


def test_a_plot_that_cannot_be_written_leaves_the_previous_file(
    tmp_path: Path, catalog_db: Path
) -> None:
    pytest.importorskip("matplotlib", reason="llmhub plot needs the [plot] extra (matplotlib)")
    import resource
    import subprocess
    import sys

    out = tmp_path / "plot.svg"
    # the previous plot, drawn as usual (which also leaves matplotlib's font cache written)
    first = invoke_cli(*_plot(out, catalog_db), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = _sha(out)

    def small_files() -> None:  # a chart is ~30 KB: its write fails with EFBIG, mid-file
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    proc = subprocess.run(
        [sys.executable, "-m", "llmhub", *_plot(out, catalog_db, "--force")],
        cwd=tmp_path,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=small_files,
    )
    assert proc.returncode == 2, proc.stderr
    line = one_error_line(proc)
    assert str(out) in line and "too large" in line, line
    assert _sha(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["plot.svg"]  # no temporary file left
