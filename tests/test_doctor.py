"""`llmhub doctor` and `llmhub path`: resolved paths and checks, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import cli_env, invoke_cli, run_cli


def test_doctor_in_an_empty_folder_passes_with_warnings(tmp_path: Path) -> None:
    result = run_cli("doctor", "--no-network", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    checks = {c["name"]: c["status"] for c in report["checks"]}
    assert checks["snapshots"] == "pass"
    assert checks["litellm"] == "pass"
    assert checks["spec"] == "warn"
    assert "network" not in checks
    assert report["paths"]["spec"] == str(tmp_path / "llmhub.spec.yaml")


def test_doctor_fails_on_a_broken_runtime_file(tmp_path: Path) -> None:
    (tmp_path / "llmhub.yaml").write_text("roles:\n  a: {provider: ghost, model: m}\n")
    result = invoke_cli("doctor", "--no-network", "--json", cwd=tmp_path)
    assert result.returncode == 1
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["runtime"]["status"] == "fail"
    assert "ghost" in checks["runtime"]["detail"]


def test_path_honours_environment_overrides(tmp_path: Path) -> None:
    env = cli_env(LLMHUB_CATALOG=str(tmp_path / "cat.duckdb"), LLMHUB_CONFIG="conf/run.yaml")
    result = invoke_cli("path", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    paths = json.loads(result.stdout)
    assert paths["catalog"] == str(tmp_path / "cat.duckdb")
    assert paths["runtime"] == str(tmp_path / "conf" / "run.yaml")


def test_tables_print_data_that_looks_like_markup_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        "project: m\nproviders:\n  openai: {env_key: OPENAI_API_KEY}\n"
        "roles:\n  a: {kind: chat, description: 'Summarise [/b] logs [bold]now'}\n"
    )
    result = invoke_cli("roles", "--spec", "s.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Summarise [/b] logs [bold]now" in result.stdout
    weird = tmp_path / "[/x]"
    doctor = invoke_cli(
        "doctor", "--no-network", cwd=tmp_path, env=cli_env(LLMHUB_CATALOG=str(weird / "c.duckdb"))
    )
    assert doctor.returncode == 0, doctor.stderr
    assert "Traceback" not in doctor.stderr


def test_doctor_fails_on_stale_sources_and_warns_on_old_bundled_data(
    catalog_copy: Path, tmp_path: Path
) -> None:
    import duckdb

    env = cli_env(LLMHUB_CATALOG=str(catalog_copy))
    bundled = json.loads(
        invoke_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env).stdout
    )
    # The bundled snapshots are old by design: they warn, and the offline demo still passes.
    assert bundled["ok"] is True
    # Data a refresh took from its cache 200 days ago is past every source's limit.
    con = duckdb.connect(str(catalog_copy))
    con.execute(
        "update raw.load_ledger set origin = 'cache', data_as_of = now() - interval 200 day"
        " where source = 'lmarena'"
    )
    con.close()
    result = invoke_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    stale = checks["source lmarena"]
    assert stale["status"] == "fail"
    assert "200 days old (warn after 60, fail after 180)" in stale["detail"]
    assert "refresh" in stale["detail"]


def test_doctor_warns_when_llmhub_yaml_is_stale_and_fits_the_terminal(
    catalog_db: Path, tmp_path: Path
) -> None:
    from tests.helpers import REPO

    (tmp_path / "llmhub.spec.yaml").write_text((REPO / "examples" / "llmhub.spec.yaml").read_text())
    env = cli_env(LLMHUB_CATALOG=str(catalog_db), COLUMNS="80")
    assert invoke_cli("generate", cwd=tmp_path, env=env).returncode == 0
    fresh = json.loads(invoke_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env).stdout)
    assert {c["name"]: c["status"] for c in fresh["checks"]}["llmhub.yaml"] == "pass"
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(spec.read_text().replace("roles:\n", "roles:\n  llm.extra: {kind: chat}\n", 1))
    report = json.loads(
        invoke_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env).stdout
    )
    stale = {c["name"]: c for c in report["checks"]}["llmhub.yaml"]
    assert stale["status"] == "warn"
    assert "is stale (llm.extra: spec changed: new role)" in stale["detail"]
    text = invoke_cli("doctor", "--no-network", cwd=tmp_path, env=env).stdout
    assert "stale" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_doctor_carries_the_artificial_analysis_attribution(
    catalog_db: Path, tmp_path: Path
) -> None:
    line = "Data: Artificial Analysis, https://artificialanalysis.ai"
    for env in (cli_env(), cli_env(LLMHUB_CATALOG=str(catalog_db))):  # without and with a catalog
        result = invoke_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env)
        checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
        assert checks["attribution"]["status"] == "pass"
        assert line in checks["attribution"]["detail"]


def test_doctor_names_each_failing_data_test_with_its_row_count(
    catalog_copy: Path, tmp_path: Path
) -> None:
    import duckdb

    con = duckdb.connect(str(catalog_copy))
    try:
        # Two models with a negative price: the contract rule models__prices_not_negative (sql/marts/_contracts.yml) returns them.
        con.execute(
            "update models set price_input_per_million = -1 where canonical_id in "
            "(select canonical_id from models order by canonical_id limit 2)"
        )
        (broken,) = con.execute(
            "select count(*) from models where price_input_per_million < 0"
        ).fetchone()
    finally:
        con.close()
    env = cli_env(LLMHUB_CATALOG=str(catalog_copy))
    result = run_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    catalog = {c["name"]: c for c in json.loads(result.stdout)["checks"]}["catalog"]
    assert catalog["status"] == "fail", catalog
    assert f"models__prices_not_negative ({broken} rows)" in catalog["detail"], catalog


def test_a_catalog_error_names_the_file_and_the_fix_once(
    catalog_copy: Path, tmp_path: Path
) -> None:
    import duckdb

    con = duckdb.connect(str(catalog_copy))
    try:
        con.execute("update llmhub_meta set value = 'x' where key = 'schema_version'")
    finally:
        con.close()
    env = cli_env(LLMHUB_CATALOG=str(catalog_copy))
    result = invoke_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env)
    catalog = {c["name"]: c for c in json.loads(result.stdout)["checks"]}["catalog"]
    assert catalog["status"] == "fail" and "schema_version" in catalog["detail"], catalog
    assert catalog["detail"].count(str(catalog_copy)) == 1, catalog
    assert catalog["detail"].count("llmhub catalog refresh --force") == 1, catalog
