"""Issue 14.1 and 9.6: llmhub writes only what it owns, and says so in one line when it won't.

Each test points a real command (a subprocess) at something llmhub must not replace, and checks
the one-line refusal, the exit code and that the file is byte-for-byte unchanged.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import duckdb
import pytest

from tests.helpers import ASSETS, invoke_cli, one_error_line, run_cli

SPEC = ASSETS / "bad_inputs" / "good.spec.yaml"


def _user_duckdb(path: Path) -> bytes:
    con = duckdb.connect(str(path))
    con.execute("create table customers as select range as id, 'c' || range as name from range(5)")
    con.close()
    return path.read_bytes()


def test_refresh_refuses_a_users_own_duckdb_file(tmp_path: Path) -> None:
    db = tmp_path / "analytics.duckdb"
    before = _user_duckdb(db)
    proc = invoke_cli("catalog", "refresh", "--source", "snapshot", "--db", str(db))
    assert proc.returncode == 2, proc.stderr
    line = one_error_line(proc)
    assert "not an llmhub catalog" in line and "--force" in line
    assert db.read_bytes() == before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from customers").fetchone()[0] == 5
    con.close()


def test_refresh_replaces_its_own_catalog_and_marks_it(catalog_copy: Path) -> None:
    proc = run_cli("catalog", "refresh", "--source", "snapshot", "--db", str(catalog_copy))
    assert proc.returncode == 0, proc.stderr
    con = duckdb.connect(str(catalog_copy), read_only=True)
    meta = dict(con.execute("select key, value from llmhub_meta").fetchall())
    con.close()
    assert meta == {"kind": "llmhub-catalog", "schema_version": "1"}


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_device_node_is_never_replaced_even_with_force(tmp_path: Path) -> None:
    node = tmp_path / "null-like"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # same device as /dev/null
    for args in (
        ("catalog", "refresh", "--source", "snapshot", "--force"),
        ("catalog", "refresh", "--source", "snapshot"),
    ):
        env_db = ("--db", str(node))
        proc = run_cli(*args, *env_db)
        assert proc.returncode == 2, proc.stderr
        assert "device node" in one_error_line(proc)
        assert stat.S_ISCHR(node.lstat().st_mode)
    proc = run_cli("spec", "schema", "--out", str(node), "--force")
    assert proc.returncode == 2 and "device node" in one_error_line(proc)
    assert stat.S_ISCHR(node.lstat().st_mode)


def test_a_fifo_as_out_is_refused_without_hanging(tmp_path: Path, catalog_db: Path) -> None:
    fifo = tmp_path / "out.yaml"
    os.mkfifo(fifo)
    proc = run_cli(
        "generate", "--spec", str(SPEC), "--db", str(catalog_db), "--out", str(fifo), timeout=60
    )
    assert proc.returncode == 2, proc.stderr
    assert "FIFO" in one_error_line(proc)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    proc = run_cli("catalog", "export", "--out", str(tmp_path / "x.csv"), "--db", str(catalog_db))
    assert proc.returncode == 0, proc.stderr


def test_a_symlinked_runtime_file_is_written_through(tmp_path: Path, catalog_db: Path) -> None:
    real = tmp_path / "configs" / "llmhub.yaml"
    real.parent.mkdir()
    link = tmp_path / "llmhub.yaml"
    link.symlink_to(real)
    proc = invoke_cli("generate", "--spec", str(SPEC), "--db", str(catalog_db), "--out", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink(), "the link must stay a link"
    assert real.is_file() and "body-sha256" in real.read_text()
    assert link.read_text() == real.read_text()


def test_spec_schema_refuses_a_file_it_did_not_write(tmp_path: Path) -> None:
    mine = tmp_path / "notes.json"
    mine.write_text('{"my": "notes"}\n')
    proc = invoke_cli("spec", "schema", "--out", str(mine))
    assert proc.returncode == 2
    assert "not overwriting" in one_error_line(proc)
    assert mine.read_text() == '{"my": "notes"}\n'
    ours = tmp_path / "schema.json"
    assert invoke_cli("spec", "schema", "--out", str(ours)).returncode == 0
    assert invoke_cli("spec", "schema", "--out", str(ours)).returncode == 0  # its own file
    assert json.loads(ours.read_text())["title"] == "llmhub.spec.yaml"
    assert invoke_cli("spec", "schema", "--out", str(mine), "--force").returncode == 0


# -- 9.6: export's output-file rules ----------------------------------------------------------
def test_export_refuses_a_format_that_does_not_match_the_extension(
    tmp_path: Path, catalog_db: Path
) -> None:
    out = tmp_path / "models.parquet"
    proc = invoke_cli(
        "catalog", "export", "--format", "csv", "--out", str(out), "--db", str(catalog_db)
    )
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert "--format csv does not match" in line and "parquet" in line
    assert not out.exists()


def test_export_infers_the_format_from_the_extension(tmp_path: Path, catalog_db: Path) -> None:
    out = tmp_path / "models.parquet"
    proc = invoke_cli("catalog", "export", "--out", str(out), "--db", str(catalog_db))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:4] == b"PAR1"


def test_export_replaces_an_existing_file_only_with_force(tmp_path: Path, catalog_db: Path) -> None:
    out = tmp_path / "models.csv"
    out.write_text("mine\n")
    proc = invoke_cli("catalog", "export", "--out", str(out), "--db", str(catalog_db))
    assert proc.returncode == 2
    assert "exists already" in one_error_line(proc)
    assert out.read_text() == "mine\n"
    proc = invoke_cli("catalog", "export", "--out", str(out), "--db", str(catalog_db), "--force")
    assert proc.returncode == 0, proc.stderr
    assert out.read_text().startswith("canonical_id,") or "," in out.read_text().splitlines()[0]


def test_export_needs_mkdir_for_a_missing_folder(tmp_path: Path, catalog_db: Path) -> None:
    out = tmp_path / "new" / "dir" / "models.json"
    proc = invoke_cli("catalog", "export", "--out", str(out), "--db", str(catalog_db))
    assert proc.returncode == 2
    assert "--mkdir" in one_error_line(proc)
    assert not (tmp_path / "new").exists()
    proc = invoke_cli("catalog", "export", "--out", str(out), "--db", str(catalog_db), "--mkdir")
    assert proc.returncode == 0, proc.stderr
    assert isinstance(json.loads(out.read_text()), list)


def test_generate_still_refuses_a_hand_edited_file(tmp_path: Path, catalog_db: Path) -> None:
    out = tmp_path / "llmhub.yaml"
    out.write_text("project: mine\nroles: {}\n")
    before = out.read_bytes()
    proc = invoke_cli("generate", "--spec", str(SPEC), "--db", str(catalog_db), "--out", str(out))
    assert proc.returncode == 2
    assert "not overwriting" in one_error_line(proc)
    assert out.read_bytes() == before


def test_the_catalog_mark_survives_a_copy(catalog_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "c.duckdb"
    shutil.copyfile(catalog_db, copy)
    proc = invoke_cli(
        "catalog",
        "sql",
        "select value from llmhub_meta where key = 'kind'",
        "--format",
        "csv",
        "--db",
        str(copy),
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1] == "llmhub-catalog"


# -- 9.5: the generator writes a timeout per role ---------------------------------------------
def test_generate_writes_a_timeout_per_role_overridable_in_the_spec(
    tmp_path: Path, catalog_db: Path
) -> None:
    from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
    from llmhub.runtime.config import DEFAULT_TIMEOUTS

    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(
        SPEC.read_text()
        + "  quick:\n    kind: chat\n    description: short answers\n"
        + "    timeout: 20\n    total_timeout: 45\n"
        + "  embed:\n    kind: embedding\n    description: embeddings for search\n"
    )
    result = generate_runtime_from_spec(spec, GeneratorOptions(db_path=catalog_db, no_llm=True))
    roles = result.runtime.roles
    assert roles["chat"].timeout == DEFAULT_TIMEOUTS["chat"] == 60.0
    assert roles["embed"].timeout == DEFAULT_TIMEOUTS["embedding"] == 30.0
    assert (roles["quick"].timeout, roles["quick"].total_timeout) == (20.0, 45.0)
    assert "timeout: 20" in result.text and "total_timeout: 45" in result.text


def test_validate_and_generate_agree_on_an_unknown_force_model(
    tmp_path: Path, catalog_db: Path
) -> None:
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(SPEC.read_text() + "    force_model: no-such-model-xyz\n")
    validate = invoke_cli("spec", "validate", str(spec), "--db", str(catalog_db))
    proc = invoke_cli(
        "generate", "--spec", str(spec), "--db", str(catalog_db), "--out", str(tmp_path / "o")
    )
    # the same error, at the same line, from both: the spec's problem (exit 2)
    line = f"{spec}:{len(spec.read_text().splitlines())}:"
    for ran in (validate, proc):
        assert ran.returncode == 2, ran.stderr
        assert line in ran.stderr and "names no provider" in ran.stderr, ran.stderr


# -- init refuses every file it would write; two outputs never share a file --------------------
def test_init_refuses_an_existing_schema_file_or_symlink(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "llmhub.spec.schema.json").write_text("mine\n")
    linked = tmp_path / "linked"
    linked.mkdir()
    target = tmp_path / "target.txt"
    target.write_text("target\n")
    (linked / "llmhub.spec.schema.json").symlink_to(target)
    for folder in (plain, linked):
        proc = run_cli("init", "--dir", str(folder), timeout=120)
        assert proc.returncode == 2, proc.stderr
        line = one_error_line(proc)
        assert "llmhub.spec.schema.json" in line and "exists already" in line, line
        # A refusal writes nothing: not even the files that did not exist.
        assert not (folder / "llmhub.spec.yaml").exists()
        assert not (folder / ".env.example").exists()
    assert (plain / "llmhub.spec.schema.json").read_text() == "mine\n"
    assert target.read_text() == "target\n"
    assert (linked / "llmhub.spec.schema.json").is_symlink()


def test_init_refuses_each_file_it_writes(tmp_path: Path) -> None:
    for name in ("llmhub.spec.yaml", ".env.example", "llmhub.spec.schema.json"):
        folder = tmp_path / name.strip(".")
        folder.mkdir()
        (folder / name).write_text("mine\n")
        proc = invoke_cli("init", "--dir", str(folder))
        assert proc.returncode == 2, proc.stderr
        assert name in one_error_line(proc)
        assert sorted(p.name for p in folder.iterdir()) == [name]
        assert (folder / name).read_text() == "mine\n"
        proc = invoke_cli("init", "--dir", str(folder), "--force")
        assert proc.returncode == 0, proc.stderr
        assert (folder / name).read_text() != "mine\n"


def test_export_refuses_one_path_for_both_outputs(tmp_path: Path) -> None:
    shutil.copyfile(ASSETS / "gateway" / "llmhub.yaml", tmp_path / "llmhub.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "both.yaml")
    for runtime_out in ("both.yaml", "link.yaml"):
        proc = run_cli(
            "export",
            "litellm-proxy",
            "--config",
            "llmhub.yaml",
            "--out",
            "both.yaml",
            "--runtime-out",
            runtime_out,
            "--gateway-url",
            "http://127.0.0.1:4000",
            cwd=tmp_path,
            timeout=300,
        )
        assert proc.returncode == 2, proc.stderr
        line = one_error_line(proc)
        assert "--out and --runtime-out are the same file" in line, line
        assert not (tmp_path / "both.yaml").exists()


def test_generate_refuses_to_write_over_its_own_spec(tmp_path: Path, catalog_db: Path) -> None:
    spec = tmp_path / "s.yaml"
    shutil.copyfile(SPEC, spec)
    before = spec.read_bytes()
    (tmp_path / "link.yaml").symlink_to(spec)
    for out in (spec, tmp_path / "link.yaml"):
        proc = run_cli(
            "generate",
            "--spec",
            str(spec),
            "--out",
            str(out),
            "--force",
            "--db",
            str(catalog_db),
            "--no-llm",
            timeout=300,
        )
        assert proc.returncode == 2, proc.stderr
        assert "is the --spec file" in one_error_line(proc)
        assert spec.read_bytes() == before
