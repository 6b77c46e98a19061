"""The shared loader: raw.* through Arrow, the ledger, seeds, views, and the data tests."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from llmhub.errors import CatalogError, DataQualityError
from llmhub.pipeline import SOURCES, fetch_all, load_payloads, run_data_tests
from llmhub.pipeline.fetching import make_payload
from llmhub.pipeline.seeds import SEEDS, parse_seed, read_seed
from llmhub.pipeline.sqlfiles import create_views

MARTS = {"models", "model_scores", "providers", "sources"}


@pytest.fixture(scope="module")
def payloads():
    return fetch_all("snapshot")


def poisoned_models_dev(count: int):
    data = json.loads(SOURCES["models_dev"].fetch().parts["api"])
    ids = [m for m in data["openai"]["models"] if data["openai"]["models"][m].get("cost")][:count]
    for model_id in ids:
        data["openai"]["models"][model_id]["cost"]["output"] = -1
    return make_payload(
        "models_dev", "live", "http://test/api.json", {"api": json.dumps(data).encode()}
    )


def test_load_payloads_reports_what_it_loaded(payloads, tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con:
        report = load_payloads(con, payloads)
        assert report.sources["models_dev"].row_counts == {
            "models_dev_providers": 147,
            "models_dev_models": 5276,
        }
        assert report.sources["lmarena"].row_counts["lmarena_scores"] == 7912
        # the bundled LiveBench table has one row short of columns upstream (nemotron-3-super)
        assert report.quarantined == 1
        assert report.problems == [
            "livebench: 1 models quarantined: row has the wrong number of columns",
            "livebench: kept 126 of 127 models (1 quarantined)",
        ]
        assert set(report.views) >= MARTS
        settings = read_seed(next(s for s in SEEDS if s.name == "settings")).height
        assert report.seeds["provider_map"] > 50 and report.seeds["settings"] == settings >= 11
        # models.dev's 5,276 listings and the lab API listings only litellm's cost map has
        # (210 with the litellm this was written against; the map grows with each release)
        litellm_only = con.execute(
            "select count(*) from models where listing_source = 'litellm'"
        ).fetchone()[0]
        assert litellm_only > 150
        assert report.coverage["models"] == 5276 + litellm_only
        assert 0.1 < report.coverage["arena_score_share"] < 1
        assert 0.4 < report.coverage["litellm_model_share"] <= 1
        types = dict(
            con.execute(
                "select table_name || '.' || column_name, data_type from information_schema.columns"
                " where table_schema = 'raw' and column_name = 'record'"
            ).fetchall()
        )
        assert types == {
            "models_dev_models.record": "JSON",
            "models_dev_providers.record": "JSON",
            "lmarena_scores.record": "JSON",
            "lmarena_scatterplot.record": "JSON",
            "litellm_models.record": "JSON",
            "artificial_analysis_models.record": "JSON",
        }
        cost = con.execute(
            "select record ->> '$.cost.input' from raw.models_dev_models"
            " where provider_id = 'anthropic' and model_id = 'claude-3-5-sonnet-20240620'"
        ).fetchall()
        assert cost == [("3",)]


def test_ledger_and_sources_view_record_each_load(payloads, tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con:
        load_payloads(con, payloads)
        second = {**payloads, "models_dev": poisoned_models_dev(2)}
        report = load_payloads(con, second)
        assert report.sources["models_dev"].quarantined == 2
        assert con.execute("select count(*) from raw.load_ledger").fetchall() == [(10,)]
        rows = con.execute(
            "select source, origin, location, sha256, row_count, quarantined, status, message"
            " from sources order by source"
        ).fetchall()
    assert [r[0] for r in rows] == [
        "artificial_analysis",
        "litellm",
        "livebench",
        "lmarena",
        "models_dev",
    ]
    models_dev = rows[4]
    assert models_dev[1:4] == ("live", "http://test/api.json", second["models_dev"].sha256)
    assert models_dev[4] == 147 + 5274 and models_dev[5] == 2
    assert models_dev[6] == "quarantined"
    assert "2 models quarantined: negative cost.output" in models_dev[7]
    assert rows[1][6] == "ok" and rows[1][3] == payloads["litellm"].sha256


def test_unusable_payload_raises_before_anything_is_written(payloads, catalog_copy: Path) -> None:
    broken = make_payload("litellm", "live", "http://test/x", {"cost_map": b"<html>"})
    with duckdb.connect(str(catalog_copy)) as con:
        before = con.execute(
            "select (select count(*) from raw.load_ledger), (select count(*) from raw.litellm_models)"
        ).fetchall()
        with pytest.raises(DataQualityError, match=r"^litellm: cost_map: payload is not JSON"):
            load_payloads(con, {**payloads, "litellm": broken})
        after = con.execute(
            "select (select count(*) from raw.load_ledger), (select count(*) from raw.litellm_models)"
        ).fetchall()
    assert after == before


def test_every_source_is_required(payloads, tmp_path: Path) -> None:
    partial = {k: v for k, v in payloads.items() if k != "lmarena"}
    with duckdb.connect(str(tmp_path / "c.duckdb")) as con, pytest.raises(CatalogError) as caught:
        load_payloads(con, partial)
    assert "missing ['lmarena']" in str(caught.value)


def test_data_tests_pass_on_the_snapshot_catalog(catalog_db: Path) -> None:
    with duckdb.connect(str(catalog_db), read_only=True) as con:
        assert run_data_tests(con) == []


def test_data_tests_report_offending_rows(catalog_copy: Path) -> None:
    with duckdb.connect(str(catalog_copy)) as con:
        con.execute("update models set cost_tier = 9 where canonical_id = 'openai/gpt-4o'")
        con.execute(
            "insert into models (canonical_id, provider, model_id, mode, quality_source, status)"
            " values ('openai/gpt-4o', 'openai', 'gpt-4o', 'chat', 'none', 'active')"
        )
        failures = {f.name: f for f in run_data_tests(con)}
    tier = failures["models__accepted_values_cost_tier"]
    assert (tier.row_count, tier.sample_rows) == (1, [{"canonical_id": "openai/gpt-4o"}])
    assert failures["models__key"].sample_rows == [{"canonical_id": "openai/gpt-4o"}]
    assert "data test models__accepted_values_cost_tier: 1 offending row(s)" in str(tier)


def test_a_singular_data_test_reports_its_count_and_rows(catalog_copy: Path) -> None:
    # the data tests are counted in one query; a test that counts rows runs again for them
    with duckdb.connect(str(catalog_copy)) as con:
        con.execute(
            "update models set ttft_seconds = -1, speed_source = 'artificial_analysis'"
            " where canonical_id in ('openai/gpt-4o', 'openai/gpt-4o-mini')"
        )
        failures = {f.name: f for f in run_data_tests(con)}
    speed = failures["models_speed_in_range"]
    assert speed.row_count == 2
    assert {row["canonical_id"] for row in speed.sample_rows} == {
        "openai/gpt-4o",
        "openai/gpt-4o-mini",
    }
    assert speed.sample_rows[0]["ttft_seconds"] == -1


def test_a_data_test_that_cannot_run_is_named(catalog_copy: Path) -> None:
    # The tests run as one union query: when it fails, the error names the test that broke it
    # (here a catalog whose models table lost a column the first such test reads).
    with duckdb.connect(str(catalog_copy)) as con:
        con.execute("alter table models drop column ttft_seconds")
        with pytest.raises(
            duckdb.Error, match=r"data test tests/coverage_floors does not run: .*ttft_seconds"
        ):
            run_data_tests(con)


def test_lab_patterns_are_rendered_from_the_seeds_of_the_catalog_built(
    catalog_copy: Path,
) -> None:
    # int_models__hosted writes the patterns of seeds.model_labs into its SQL as constants;
    # create_views renders them from the catalog's own seeds, as a join on the table would
    with duckdb.connect(str(catalog_copy)) as con:
        lab = "select model_lab from int_models__hosted where canonical_id = ?"
        assert con.execute(lab, ["anthropic/claude-sonnet-4-5"]).fetchone() == ("anthropic",)
        con.execute("update seeds.model_labs set lab = 'a-lab' where lab = 'anthropic'")
        con.execute("insert into seeds.model_labs values ('^claude-sonnet', 'a-first', 'x')")
        create_views(con)
        assert con.execute(lab, ["anthropic/claude-sonnet-4-5"]).fetchone() == ("a-first",)
        assert con.execute(lab, ["anthropic/claude-opus-4-1"]).fetchone() == ("a-lab",)
        con.execute("delete from seeds.model_labs")
        create_views(con)
        # with no pattern, only a litellm-only listing has a lab: the one that sells it
        labs = con.execute(
            "select count(model_lab) filter (where listing_source = 'models.dev'), count(*) > 0,"
            " count(*) filter (where listing_source = 'litellm' and model_lab <> provider)"
            " from int_models__hosted inner join int_models__listings using (canonical_id)"
        )
        assert labs.fetchone() == (0, True, 0)


def seed(name: str):
    return next(s for s in SEEDS if s.name == name)


@pytest.mark.parametrize(
    ("name", "csv", "expected"),
    [
        (
            "provider_map",
            b"provider,note\nx,y\n",
            "provider_map.csv: missing column(s) litellm_provider",
        ),
        (
            "provider_map",
            b"provider,litellm_provider,note\nopenai,openai,a\ngoogle,gemini,b\nopenai,azure,c\n",
            "data/seeds/provider_map.csv:4: duplicate key provider='openai'",
        ),
        (
            "settings",
            b"name,value,note\nblended_input_weight,three,x\n",
            "data/seeds/settings.csv:2: value: 'three' is not a number",
        ),
        (
            "arena_aliases",
            b"arena_name,provider,model_id,kind,scope,note\na,openai,gpt-4o,maybe,hosts,x\n",
            "arena_aliases.csv:2: kind: 'maybe' is not one of same, variant, not, none",
        ),
        (
            "hosts",
            b"provider,host_class,region,partner_lab,note\nopenai,lab,,,a\nminimax-cn,lab,China,,b\n",
            "data/seeds/hosts.csv:3: region: 'China' is not one of china",
        ),
        (
            "hosts",
            b"provider,host_class,region,partner_lab,note\nazure,cloud,,openai,a\nopenai,lab,,openai,b\n",
            "data/seeds/hosts.csv:3: partner_lab: 'openai' is set on a host that is not a cloud",
        ),
        (
            "arena_aliases",
            b"arena_name,provider,model_id,kind,scope,note\na,,,same,hosts,x\n",
            "arena_aliases.csv:2: 'a': kind 'same' does not fit the provider and model_id given",
        ),
    ],
)
def test_bad_seed_files_name_the_file_and_line(name: str, csv: bytes, expected: str) -> None:
    with pytest.raises(DataQualityError) as caught:
        parse_seed(seed(name), csv)
    assert expected in str(caught.value)
    assert caught.value.source == "seeds"


def test_bundled_seeds_are_valid_and_have_a_note_per_row() -> None:
    from llmhub.pipeline.seeds import read_seed

    for each in SEEDS:
        frame = read_seed(each)
        assert frame.height > 0
        assert (frame["note"] != "").all(), f"{each.path}: every row needs a note"


def test_a_failure_half_way_rolls_the_whole_load_back(payloads, catalog_copy, monkeypatch) -> None:
    import llmhub.pipeline.loader as loader

    def broken_views(con):
        raise RuntimeError("view creation failed")

    monkeypatch.setattr(loader, "create_views", broken_views)
    grown = {**payloads, "models_dev": poisoned_models_dev(1)}
    counts = (
        "select (select count(*) from raw.load_ledger), (select count(*) from raw.models_dev_models),"
        " (select count(*) from models)"
    )
    with duckdb.connect(str(catalog_copy)) as con:
        before = con.execute(counts).fetchall()
        with pytest.raises(RuntimeError, match="view creation failed"):
            load_payloads(con, grown)
        assert con.execute(counts).fetchall() == before
    assert before[0][1] == 5276 and before[0][2] > 5276  # with the litellm-only listings
