"""The bad-input corpus (issue 14.5): specs, runtime files, catalogs, paths and CLI arguments.

Every case runs the real CLI entry point (``llmhub.cli.main.run``, in-process for speed) and
must give exactly one ``error:`` line, the documented exit code (docs/safety.md: 2 for input a
user can fix, 1 for a catalog that cannot be read), no traceback, no raw control byte, and
leave every file that existed before byte-for-byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from llmhub.cli.main import run
from tests.helpers import ASSETS

CORPUS = ASSETS / "bad_inputs"
SPECS = sorted((CORPUS / "specs").glob("*.yaml"))
RUNTIMES = sorted((CORPUS / "runtime").glob("*.yaml"))


# -- catalogs, made at run time from the real snapshot catalog -----------------------------
def _truncated(src: Path, dst: Path) -> None:
    dst.write_bytes(src.read_bytes()[: src.stat().st_size // 3])


def _flipped(src: Path, dst: Path) -> None:
    data = bytearray(src.read_bytes())
    for offset in range(12_288, len(data), 65_536):
        data[offset] ^= 0xFF
    dst.write_bytes(bytes(data))


def _empty(src: Path, dst: Path) -> None:
    duckdb.connect(str(dst)).close()


def _foreign(src: Path, dst: Path) -> None:
    con = duckdb.connect(str(dst))
    con.execute("create table customers as select range as id from range(3)")
    con.close()


def _foreign_models(src: Path, dst: Path) -> None:
    con = duckdb.connect(str(dst))
    con.execute("create table models (canonical_id varchar)")
    con.close()


def _text(src: Path, dst: Path) -> None:
    dst.write_text("not a database\n")


def _zero(src: Path, dst: Path) -> None:
    dst.write_bytes(b"")


def _unknown_version(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    dst.chmod(0o644)
    con = duckdb.connect(str(dst))
    con.execute("update llmhub_meta set value = '99' where key = 'schema_version'")
    con.close()


def _null_version(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    dst.chmod(0o644)
    con = duckdb.connect(str(dst))
    con.execute("update llmhub_meta set value = null where key = 'schema_version'")
    con.close()


CATALOGS: dict[str, Callable[[Path, Path], None]] = {
    "truncated": _truncated,
    "flipped_bytes": _flipped,
    "empty_duckdb": _empty,
    "foreign_customers": _foreign,
    "foreign_models_table": _foreign_models,
    "text_file": _text,
    "zero_bytes": _zero,
    "unknown_schema_version": _unknown_version,
    "null_schema_version": _null_version,
}

# -- paths and arguments: (argv, exit code, setup) -----------------------------------------
# In argv, {cat} is the sound catalog, {tmp} the test's folder, {spec} a valid spec.
ARGS: dict[str, tuple[list[str], int]] = {
    "export_format_mismatch": (
        ["catalog", "export", "--format", "csv", "--out", "{tmp}/m.parquet", "--db", "{cat}"],
        2,
    ),
    "export_existing_file": (
        ["catalog", "export", "--out", "{tmp}/existing.csv", "--db", "{cat}"],
        2,
    ),
    "export_missing_folder": (
        ["catalog", "export", "--out", "{tmp}/no/such/m.csv", "--db", "{cat}"],
        2,
    ),
    "export_to_a_folder": (
        ["catalog", "export", "--out", "{tmp}", "--format", "csv", "--db", "{cat}"],
        2,
    ),
    "export_unknown_extension": (["catalog", "export", "--out", "{tmp}/m.txt", "--db", "{cat}"], 2),
    "export_bad_format": (
        ["catalog", "export", "--format", "xml", "--out", "{tmp}/m.xml", "--db", "{cat}"],
        2,
    ),
    "export_unknown_table": (
        ["catalog", "export", "--out", "{tmp}/m.csv", "--table", "users", "--db", "{cat}"],
        2,
    ),
    "export_to_a_fifo": (
        ["catalog", "export", "--out", "{tmp}/fifo.csv", "--db", "{cat}", "--force"],
        2,
    ),
    "refresh_onto_users_duckdb": (
        ["catalog", "refresh", "--source", "snapshot", "--db", "{tmp}/user.duckdb"],
        2,
    ),
    "refresh_onto_a_text_file": (
        ["catalog", "refresh", "--source", "snapshot", "--db", "{tmp}/existing.csv"],
        2,
    ),
    "refresh_onto_a_fifo": (
        ["catalog", "refresh", "--source", "snapshot", "--force", "--db", "{tmp}/fifo.csv"],
        2,
    ),
    "schema_onto_a_foreign_file": (["spec", "schema", "--out", "{tmp}/existing.csv"], 2),
    "generate_out_is_a_folder": (
        ["generate", "--spec", "{spec}", "--db", "{cat}", "--out", "{tmp}"],
        2,
    ),
    "generate_out_is_a_fifo": (
        ["generate", "--spec", "{spec}", "--db", "{cat}", "--out", "{tmp}/fifo.csv"],
        2,
    ),
    "generate_out_hand_written": (
        ["generate", "--spec", "{spec}", "--db", "{cat}", "--out", "{tmp}/existing.csv"],
        2,
    ),
    "generate_missing_spec": (
        ["generate", "--spec", "{tmp}/nope.yaml", "--db", "{cat}", "--out", "{tmp}/o.yaml"],
        2,
    ),
    "generate_missing_catalog": (
        ["generate", "--spec", "{spec}", "--db", "{tmp}/nope.duckdb", "--out", "{tmp}/o.yaml"],
        2,
    ),
    "show_missing_catalog": (["catalog", "show", "--db", "{tmp}/nope.duckdb"], 2),
    "show_catalog_is_a_folder": (["catalog", "show", "--db", "{tmp}"], 2),
    "runtime_show_missing": (["runtime", "show", "--config", "{tmp}/nope.yaml"], 2),
    "sql_write_statement": (["catalog", "sql", "delete from models", "--db", "{cat}"], 2),
    "sql_two_statements": (["catalog", "sql", "select 1; select 2", "--db", "{cat}"], 2),
    "sql_syntax_error": (["catalog", "sql", "selec 1", "--db", "{cat}"], 2),
    "sql_copy_to_file": (["catalog", "sql", "copy models to '{tmp}/x.csv'", "--db", "{cat}"], 2),
    "sql_read_file": (
        ["catalog", "sql", "select * from read_csv('/etc/passwd')", "--db", "{cat}"],
        2,
    ),
    "sql_negative_max_rows": (
        ["catalog", "sql", "select 1", "--max-rows", "-1", "--db", "{cat}"],
        2,
    ),
    "sql_bad_format": (["catalog", "sql", "select 1", "--format", "xml", "--db", "{cat}"], 2),
    "show_negative_limit": (["catalog", "show", "--limit", "-5", "--db", "{cat}"], 2),
    "show_unknown_provider": (["catalog", "show", "--provider", "opneai", "--db", "{cat}"], 2),
    "diff_unknown_build": (["catalog", "diff", "--from", "nosuchbuild", "--db", "{cat}"], 2),
    "unknown_command": (["catalgo", "show"], 2),
    "unknown_option": (["catalog", "show", "--colour"], 2),
}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            out[str(path)] = _sha(path)
    return out


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        run(argv)
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def _check(code: int, err: str, expected: int) -> None:
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    assert code == expected, err
    assert not any(ord(c) < 32 and c not in "\n\t" for c in err), repr(err)


def test_the_corpus_has_at_least_60_cases() -> None:
    total = len(SPECS) + len(RUNTIMES) + len(CATALOGS) * 2 + len(ARGS)
    assert total >= 60, total


@pytest.fixture
def workdir(tmp_path: Path, catalog_db: Path) -> Path:
    (tmp_path / "existing.csv").write_text("the user's own file\n")
    con = duckdb.connect(str(tmp_path / "user.duckdb"))
    con.execute("create table customers as select 1 as id")
    con.close()
    os.mkfifo(tmp_path / "fifo.csv")
    return tmp_path


@pytest.mark.parametrize("spec", SPECS, ids=[p.stem for p in SPECS])
def test_bad_spec(spec: Path, workdir: Path, catalog_db: Path, capsys) -> None:
    out = workdir / "llmhub.yaml"
    out.write_text("# previous file\nproject: keep\n")
    before = _snapshot(workdir)
    code, _, err = _run(
        ["generate", "--spec", str(spec), "--db", str(catalog_db), "--out", str(out), "--force"],
        capsys,
    )
    _check(code, err, 2)
    assert str(spec) in err
    assert _snapshot(workdir) == before
    for secret in ("abcdefghijklmnop", "zzzzzzzzzzzz", "hunter2", "s3cr3t", "b1234567"):
        assert secret not in err


@pytest.mark.parametrize("runtime", RUNTIMES, ids=[p.stem for p in RUNTIMES])
def test_bad_runtime_file(runtime: Path, workdir: Path, capsys) -> None:
    before = _sha(runtime)
    code, _, err = _run(["runtime", "show", "--config", str(runtime)], capsys)
    _check(code, err, 2)
    assert f"{runtime}:" in err  # names the file, and the line where there is one
    assert _sha(runtime) == before


@pytest.mark.parametrize("command", ["show", "generate"])
@pytest.mark.parametrize("damage", sorted(CATALOGS))
def test_bad_catalog(damage: str, command: str, workdir: Path, catalog_db: Path, capsys) -> None:
    db = workdir / "c.duckdb"
    CATALOGS[damage](catalog_db, db)
    before = _snapshot(workdir)
    if command == "show":
        argv = ["catalog", "show", "--db", str(db)]
    else:
        spec = str(CORPUS / "good.spec.yaml")
        argv = ["generate", "--spec", spec, "--db", str(db), "--out", str(workdir / "o.yaml")]
    code, _, err = _run(argv, capsys)
    _check(code, err, 1)
    assert str(db) in err and "llmhub catalog refresh" in err
    assert _snapshot(workdir) == before


@pytest.mark.parametrize("case", sorted(ARGS))
def test_bad_path_or_argument(case: str, workdir: Path, catalog_db: Path, capsys) -> None:
    template, expected = ARGS[case]
    spec = str(CORPUS / "good.spec.yaml")
    argv = [a.format(cat=catalog_db, tmp=workdir, spec=spec) for a in template]
    before = _snapshot(workdir)
    code, _, err = _run(argv, capsys)
    _check(code, err, expected)
    assert _snapshot(workdir) == before
