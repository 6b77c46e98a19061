"""Library side of the read commands and of the publish gates, called in-process."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest

from llmhub.catalog.export import export_table
from llmhub.catalog.history import PreviousCatalog
from llmhub.catalog.query import run_sql, search_models, show_models
from llmhub.catalog.status import catalog_status, describe_age, location_rule
from llmhub.catalog.validate import MAX_QUARANTINED_FRACTION, check_build
from llmhub.errors import InputError
from tests.helpers import invoke_cli


def test_show_models_orders_by_arena_score_and_counts_the_total(catalog_db: Path) -> None:
    result = show_models(catalog_db, mode="chat", limit=10)
    scores = [r[result.columns.index("arena_score")] for r in result.rows]
    known = [s for s in scores if s is not None]
    assert known == sorted(known, reverse=True)
    assert len(result.rows) == 10 and result.total > 10
    everything = show_models(catalog_db, mode="chat", limit=0)
    assert len(everything.rows) == result.total


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"mode": "chatt"}, "mode"), ({"tags": ["reasonin"]}, "tag"), ({"provider": "x"}, "provider")],
)
def test_unknown_filter_values_are_input_errors(catalog_db: Path, kwargs: dict, field: str) -> None:
    with pytest.raises(InputError) as info:
        show_models(catalog_db, **kwargs)
    assert info.value.field == field


def test_search_is_case_insensitive_and_bound(catalog_db: Path) -> None:
    hits = search_models("ClAuDe", catalog_db, limit=0, include_all=True)
    callable_hits = search_models("ClAuDe", catalog_db, limit=0)
    con = duckdb.connect(str(catalog_db), read_only=True)
    rows = con.execute(
        "select canonical_id, litellm_model is not null from models where concat_ws(' ', "
        "canonical_id, display_name, family, litellm_model, arena_name) ilike '%claude%'"
    ).fetchall()
    con.close()
    assert hits.total > callable_hits.total > 0
    assert {r[0] for r in hits.rows} == {r[0] for r in rows}
    # By default only models litellm can call: the ones a role can get.
    assert {r[0] for r in callable_hits.rows} == {r[0] for r in rows if r[1]}
    # A quote in the text is a value, not SQL.
    assert search_models("x' or '1'='1", catalog_db).total == 0
    with pytest.raises(InputError, match="empty"):
        search_models("  ", catalog_db)


def test_run_sql_allows_reads_explain_and_pragma(catalog_db: Path) -> None:
    assert run_sql("select 42 as answer", catalog_db).records() == [{"answer": 42}]
    assert run_sql("explain select count(*) from models", catalog_db).rows
    assert run_sql("pragma show_tables", catalog_db).rows


def test_export_rejects_unknown_tables_and_formats(catalog_db: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown table"):
        export_table(tmp_path / "x.csv", "csv", catalog_db, table="raw.models_dev")
    with pytest.raises(InputError, match="unknown export format"):
        export_table(tmp_path / "x.xlsx", "xlsx", catalog_db)
    path, rows = export_table(tmp_path / "builds.csv", "csv", catalog_db, table="builds")
    assert rows == 1 and path.read_text().startswith("build_id,")


def test_catalog_status_reports_build_and_sources(catalog_db: Path, tmp_path: Path) -> None:
    status = catalog_status(catalog_db)
    assert status.exists and status.error is None and status.rule == "--db"
    assert status.build_id and set(status.sources) == {
        "models_dev",
        "lmarena",
        "litellm",
        "artificial_analysis",
        "livebench",
    }
    assert status.attributions == ("Data: Artificial Analysis, https://artificialanalysis.ai",)
    assert status.age_days() is not None and status.age_days() < 1
    missing = catalog_status(tmp_path / "none.duckdb")
    assert not missing.exists
    assert describe_age(None) == "unknown age"


def test_location_rule_follows_the_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMHUB_CATALOG", "/tmp/x.duckdb")
    assert location_rule() == "$LLMHUB_CATALOG"
    monkeypatch.delenv("LLMHUB_CATALOG")
    assert location_rule().startswith("checkout")


def _candidate(rows: list[tuple], models: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "create table sources (source varchar, origin varchar, row_count bigint, "
        "quarantined bigint, status varchar, message varchar)"
    )
    con.executemany("insert into sources values (?, ?, ?, ?, ?, ?)", rows)
    con.execute(f"create table models as select range as id from range({models})")
    return con


def test_thresholds_fail_with_numbers_and_blame_the_source() -> None:
    dropped = int(1000 * MAX_QUARANTINED_FRACTION) + 1
    con = _candidate(
        [
            ("models_dev", "live", 1000 - dropped, dropped, "ok", "negative price_input"),
            ("lmarena", "cache", 100, 0, "ok", None),
            ("litellm", "live", 0, 0, "error", "wrong shape"),
        ],
        models=0,
    )
    previous = PreviousCatalog(Path("p"), True, source_rows={"lmarena": 1000})
    failure = SimpleNamespace(name="prices_not_negative", row_count=3, sample_rows=[("a/b",)])
    found = {(v.source, v.message) for v in check_build(con, [failure], previous)}
    messages = "\n".join(m for _, m in found)
    assert f"models_dev: {dropped:,} of 1,000 rows quarantined" in messages
    assert "threshold 5%" in messages and "negative price_input" in messages
    assert "lmarena: 100 rows, the published catalog has 1,000" in messages
    assert "litellm: load error: wrong shape" in messages
    assert "litellm: 0 rows loaded (threshold: at least 1)" in messages
    assert (None, "models: 0 rows (threshold: at least 1)") in found
    assert (
        None,
        "data test prices_not_negative: 3 offending rows (threshold 0), e.g. ('a/b',)",
    ) in found


def test_a_clean_candidate_passes() -> None:
    con = _candidate([("models_dev", "live", 1000, 10, "ok", None)], models=5)
    assert (
        check_build(con, [], PreviousCatalog(Path("p"), True, source_rows={"models_dev": 900}))
        == []
    )


def test_going_back_to_the_bundled_snapshot_is_not_a_shrink() -> None:
    con = _candidate([("models_dev", "snapshot", 100, 0, "ok", None)], models=5)
    previous = PreviousCatalog(Path("p"), True, source_rows={"models_dev": 1000})
    assert check_build(con, [], previous) == []


def test_a_row_limit_past_any_catalog_is_a_usage_error(catalog_db: Path) -> None:
    # --max-rows 99999999999999999999999 reached DuckDB's fetchmany() and a TypeError traceback
    ran = invoke_cli(
        "catalog", "sql", "select 1", "--max-rows", "99999999999999999999999",
        "--db", str(catalog_db),
    )  # fmt: skip
    assert ran.returncode == 2, ran.stderr
    assert "--max-rows" in ran.stderr and "Traceback" not in ran.stderr
