"""``llmhub catalog …`` and the doctor's catalog check, run through the real entry point:
in-process (``invoke_cli``), with a subprocess smoke test for refresh and show."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import duckdb
import pytest

from tests.helpers import cli_env, invoke_cli


def one_line_error(result, *words: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output, output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, output
    for word in words:
        assert word in lines[0], output
    return lines[0]


def models_count(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select count(*) from models").fetchone()[0]
    finally:
        con.close()


def test_refresh_prints_stages_and_a_summary_then_respects_the_ttl(tmp_path: Path) -> None:
    db = tmp_path / "cat.duckdb"
    first = invoke_cli("catalog", "refresh", "--source", "snapshot", "--db", str(db))
    assert first.returncode == 0, first.stdout + first.stderr
    for stage in ("lock", "fetch models_dev", "fetch lmarena", "fetch litellm", "load", "test"):
        assert f"✓ {stage}" in first.stderr, first.stderr
    for column in ("source", "origin", "rows", "quarantined"):
        assert column in first.stdout
    assert f"published {models_count(db):,} models to {db}" in first.stdout
    assert "snapshot" in first.stdout

    again = invoke_cli("catalog", "refresh", "--source", "snapshot", "--db", str(db), "--json")
    assert again.returncode == 0, again.stderr
    skipped = json.loads(again.stdout)
    assert skipped["status"] == "skipped"
    assert "within the TTL" in skipped["reason"]


def test_refresh_json_and_the_env_var_location(tmp_path: Path) -> None:
    db = tmp_path / "env" / "cat.duckdb"
    result = invoke_cli(
        "catalog", "refresh", "--source", "snapshot", "--json",
        env=cli_env(LLMHUB_CATALOG=str(db)),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == "published" and data["path"] == str(db)
    assert {s["source"]: s["origin"] for s in data["sources"]} == {
        "models_dev": "snapshot",
        "lmarena": "snapshot",
        "litellm": "snapshot",
        "artificial_analysis": "snapshot",
        "livebench": "snapshot",
    }
    assert data["model_count"] == models_count(db)


def test_show_limits_rows_and_filters_by_provider_and_tag(catalog_db: Path) -> None:
    table = invoke_cli("catalog", "show", "--db", str(catalog_db), "--limit", "5")
    assert table.returncode == 0, table.stderr
    assert "showing 5 of" in table.stderr
    rows = json.loads(
        invoke_cli("catalog", "show", "--db", str(catalog_db), "--provider", "openai", "--json",
                "--limit", "0").stdout
    )  # fmt: skip
    assert rows and all(r["provider"] == "openai" for r in rows)
    assert "litellm_model" in rows[0]  # --json carries every column
    con = duckdb.connect(str(catalog_db), read_only=True)
    # the default listing: the listings litellm can call
    expected = con.execute(
        "select count(*) from models where provider = 'openai' and litellm_model is not null"
    ).fetchone()[0]
    tag = con.execute(
        "select unnest(tags) from models group by 1 order by count(*) desc"
    ).fetchone()[0]
    con.close()
    assert len(rows) == expected
    tagged = json.loads(
        invoke_cli("catalog", "show", "--db", str(catalog_db), "--tag", tag, "--json").stdout
    )
    assert tagged and all(tag in r["tags"] for r in tagged)


def test_show_lists_the_best_calibrated_quality_first_with_speed(catalog_db: Path) -> None:
    rows = json.loads(
        invoke_cli("catalog", "show", "--db", str(catalog_db), "--provider", "anthropic", "--json",
                "--mode", "chat", "--limit", "5").stdout
    )  # fmt: skip
    qualities = [r["quality_overall"] for r in rows]
    assert qualities == sorted(qualities, reverse=True) and None not in qualities
    assert all(r["quality_overall_low"] <= r["quality_overall"] <= r["quality_overall_high"]
               for r in rows)  # fmt: skip
    table = invoke_cli("catalog", "show", "--db", str(catalog_db), "--provider", "anthropic")
    assert "arena-eq" in table.stdout and "ttft s" in table.stdout, table.stdout
    found = invoke_cli("catalog", "search", "claude-opus-4-7", "--db", str(catalog_db), "--json")
    opus = next(
        r for r in json.loads(found.stdout) if r["canonical_id"] == "anthropic/claude-opus-4-7"
    )
    assert opus["ttft_seconds"] > 0 and opus["output_tokens_per_second"] > 0


def test_sources_command_shows_origin_date_share_license_and_attribution(
    catalog_db: Path,
) -> None:
    table = invoke_cli("catalog", "sources", "--db", str(catalog_db))
    assert table.returncode == 0, table.stderr
    assert "Data: Artificial Analysis, https://artificialanalysis.ai" in table.stdout
    rows = {
        r["source"]: r
        for r in json.loads(
            invoke_cli("catalog", "sources", "--db", str(catalog_db), "--json").stdout
        )
    }
    assert set(rows) == {"artificial_analysis", "litellm", "livebench", "lmarena", "models_dev"}
    assert rows["artificial_analysis"]["row_count"] == 570
    assert rows["artificial_analysis"]["data_as_of"].startswith("2026-07-10")
    assert 0.4 < rows["artificial_analysis"]["matched_share"] < 1
    assert 0.8 < rows["livebench"]["matched_share"] <= 1
    assert rows["livebench"]["quarantined"] == 1
    assert rows["models_dev"]["matched_share"] is None
    assert all(r["license"] and r["attribution"] for r in rows.values())


def test_show_rejects_an_unknown_provider_with_a_suggestion(catalog_db: Path) -> None:
    result = invoke_cli("catalog", "show", "--db", str(catalog_db), "--provider", "opnai")
    one_line_error(result, "opnai", "did you mean", "openai")


def test_search_puts_exact_ids_first(catalog_db: Path) -> None:
    result = invoke_cli("catalog", "search", "GPT-4O", "--db", str(catalog_db), "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all("gpt-4o" in json.dumps(r).lower() for r in rows)
    assert rows[0]["canonical_id"].endswith("/gpt-4o")


def test_sql_prints_the_same_rows_as_csv_json_and_a_table(catalog_db: Path) -> None:
    n = models_count(catalog_db)
    as_csv = invoke_cli("catalog", "sql", "select count(*) as n from models", "--db", str(catalog_db),
                        "--format", "csv")  # fmt: skip
    assert as_csv.returncode == 0, as_csv.stderr
    assert list(csv.reader(io.StringIO(as_csv.stdout))) == [["n"], [str(n)]]
    as_json = invoke_cli("catalog", "sql", "select count(*) as n from models", "--db", str(catalog_db),
                         "--format", "json")  # fmt: skip
    assert json.loads(as_json.stdout) == [{"n": n}]
    as_table = invoke_cli("catalog", "sql", "select build_id from builds", "--db", str(catalog_db))
    assert as_table.returncode == 0 and "build_id" in as_table.stdout


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("delete from history.builds", ["DELETE", "read-only"]),
        ("create table t as select 1", ["CREATE", "read-only"]),
        ("copy models to '/tmp/llmhub-should-not-exist.csv'", ["COPY"]),
        ("select * from read_csv('/etc/passwd')", ["query failed", "disabled"]),
        ("attach '/tmp/x.duckdb' as x", ["ATTACH"]),
        ("selec 1", ["query failed", "syntax error"]),
        ("select 1; select 2", ["one SQL statement"]),
        ("select * from no_such_view", ["no_such_view"]),
    ],
)
def test_sql_refuses_writes_and_bad_sql_with_exit_2(catalog_db: Path, query: str, words) -> None:
    before = catalog_db.read_bytes()
    one_line_error(invoke_cli("catalog", "sql", query, "--db", str(catalog_db)), *words)
    assert catalog_db.read_bytes() == before
    assert not Path("/tmp/llmhub-should-not-exist.csv").exists()


@pytest.mark.parametrize("fmt", ["parquet", "csv", "json"])
def test_export_writes_every_model(catalog_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "sub" / f"models.{fmt}"
    result = invoke_cli(
        "catalog", "export", "--format", fmt, "--out", str(out), "--db", str(catalog_db), "--mkdir"
    )
    assert result.returncode == 0, result.stderr
    reader = {"parquet": "read_parquet", "csv": "read_csv_auto", "json": "read_json_auto"}[fmt]
    count = duckdb.connect().execute(f"select count(*) from {reader}('{out}')").fetchone()[0]
    assert count == models_count(catalog_db)
    assert f"wrote {count:,} rows of models to {out}" in result.stdout
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no temp file left


def test_export_to_an_unwritable_place_is_exit_2_and_keeps_the_old_file(
    catalog_db: Path, tmp_path: Path
) -> None:
    one_line_error(
        invoke_cli("catalog", "export", "--format", "csv", "--out", "/proc/llmhub/models.csv",
                   "--db", str(catalog_db), "--mkdir"),
        "cannot", "/proc/llmhub/models.csv",
    )  # fmt: skip
    one_line_error(
        invoke_cli("catalog", "export", "--format", "csv", "--out", str(tmp_path), "--db", str(catalog_db)),
        "is a folder",
    )  # fmt: skip
    old = tmp_path / "models.csv"
    old.write_text("the previous export\n")
    # The export writes a temporary file beside the target, then renames it over the target.
    # A folder where that temporary file goes (the pid is this process's: the run is in-process)
    # makes the write fail after the old file was found and --force accepted replacing it.
    (tmp_path / f".models.csv.{os.getpid()}.tmp" / "in-the-way").mkdir(parents=True)
    one_line_error(
        invoke_cli("catalog", "export", "--out", str(old), "--db", str(catalog_db), "--force"),
        "Is a directory", str(tmp_path),
    )  # fmt: skip
    assert old.read_text() == "the previous export\n"


@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["search", "gpt"],
        ["sql", "select 1"],
        ["export", "--format", "csv", "--out", "x.csv"],
        ["diff"],
    ],
)
def test_a_missing_catalog_is_exit_2_with_the_fix(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "none.duckdb"
    one_line_error(
        invoke_cli("catalog", *command, "--db", str(missing)), str(missing), "catalog refresh"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["refresh", "--source", "web"],
        ["refresh", "--ttl-hours", "-1"],
        ["show", "--limit", "many"],
        ["sql", "select 1", "--format", "xml"],
        ["export", "--format", "xlsx", "--out", "x"],
        ["diff", "--bogus"],
    ],
)
def test_bad_flags_are_one_line_exit_2(args: list[str]) -> None:
    one_line_error(invoke_cli("catalog", *args), "--help")


def test_every_catalog_command_has_help_with_an_example() -> None:
    for command in ("refresh", "show", "search", "sql", "export", "diff"):
        result = invoke_cli("catalog", command, "--help")
        assert result.returncode == 0, result.stderr
        assert "Example: llmhub catalog" in result.stdout, (command, result.stdout)


def test_doctor_reports_the_catalog_in_use_and_each_source_age(
    catalog_db: Path, tmp_path: Path
) -> None:
    env = cli_env(LLMHUB_CATALOG=str(catalog_db))
    report = json.loads(
        invoke_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env).stdout
    )
    check = next(c for c in report["checks"] if c["name"] == "catalog")
    assert check["status"] == "pass"
    assert str(catalog_db) in check["detail"] and "$LLMHUB_CATALOG" in check["detail"]
    by_name = {c["name"]: c for c in report["checks"]}
    for source in ("models_dev", "lmarena", "litellm"):
        assert by_name[f"source {source}"]["detail"].startswith("snapshot")

    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database" * 100)
    env = cli_env(LLMHUB_CATALOG=str(garbage))
    result = invoke_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env)
    check = next(c for c in json.loads(result.stdout)["checks"] if c["name"] == "catalog")
    assert result.returncode == 1 and check["status"] == "fail"
    assert "refresh --force" in check["detail"]


def test_refresh_into_an_unwritable_folder_is_exit_2() -> None:
    one_line_error(
        invoke_cli("catalog", "refresh", "--source", "snapshot", "--db", "/proc/catalog.duckdb"),
        "/proc/catalog.duckdb.lock",
        "writable",
    )
