"""Each source parses its real bundled snapshot into frames with the declared schemas."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
import pytest

from llmhub.pipeline import SOURCES, Parsed, Payload
from llmhub.pipeline.fetching import make_payload
from llmhub.pipeline.sources import litellm as litellm_source
from llmhub.pipeline.sources import lmarena, models_dev
from tests.helpers import REPO, cli_env

# data/snapshots/README.md: counts per category of each leaderboard.
TEXT_CATEGORY_COUNTS = {
    "chinese": 258, "coding": 278, "creative_writing": 281, "english": 282, "expert": 233,
    "french": 174, "full": 282, "german": 208, "hard_6": 282, "hard_english_6": 281, "if": 282,
    "industry_business_and_management_and_financial_operations": 276,
    "industry_entertainment_and_sports_and_media": 281, "industry_legal_and_government": 257,
    "industry_life_and_physical_and_social_science": 281, "industry_mathematical": 270,
    "industry_medicine_and_healthcare": 254, "industry_software_and_it_services": 282,
    "industry_writing_and_literature_and_language": 282, "japanese": 176, "korean": 173,
    "long_user": 261, "math": 274, "multiturn": 281, "no_refusal": 282, "no_short": 282,
    "no_tie": 282, "russian": 247, "spanish": 179,
}  # fmt: skip
VISION_CATEGORY_COUNTS = {
    "captioning": 19, "chinese": 56, "creative_writing_vision": 33, "diagram": 43,
    "english": 87, "entity_recognition": 17, "full": 87, "homework": 42, "humor": 24, "ocr": 43,
}  # fmt: skip


@pytest.fixture(scope="module")
def parsed() -> dict[str, Parsed]:
    return {name: source.parse(source.fetch("snapshot")) for name, source in SOURCES.items()}


def test_sources_are_registered_under_the_contract_names() -> None:
    assert sorted(SOURCES) == [
        "artificial_analysis",
        "litellm",
        "livebench",
        "lmarena",
        "models_dev",
    ]
    assert all(source.name == name for name, source in SOURCES.items())


def test_snapshot_payloads_describe_themselves() -> None:
    for name, source in SOURCES.items():
        payload = source.fetch("snapshot")
        assert isinstance(payload, Payload)
        assert payload.source == name and payload.origin == "snapshot"
        assert payload.fetched_at.tzinfo is not None
        assert len(payload.sha256) == 64 and all(payload.parts.values())
    assert sorted(SOURCES["lmarena"].fetch().parts) == ["scatterplot", "text", "vision"]


def test_models_dev_counts_match_the_snapshot_readme(parsed) -> None:
    result = parsed["models_dev"]
    assert result.tables["models_dev_providers"].height == 147
    assert result.tables["models_dev_models"].height == 5276
    assert result.tables["models_dev_models"]["cost_input"].is_not_null().sum() == 4894
    assert result.quarantined == 0 and result.problems == []
    keys = result.tables["models_dev_models"].select("provider_id", "model_id")
    assert keys.is_unique().all()


def test_lmarena_counts_match_the_snapshot_readme(parsed) -> None:
    scores = parsed["lmarena"].tables["lmarena_scores"]
    per_category = {
        (board, category): n
        for board, category, n in scores.group_by("leaderboard", "category").len().iter_rows()
    }
    expected = {("text", c): n for c, n in TEXT_CATEGORY_COUNTS.items()}
    expected |= {("vision", c): n for c, n in VISION_CATEGORY_COUNTS.items()}
    assert per_category == expected
    scatter = parsed["lmarena"].tables["lmarena_scatterplot"]
    assert scatter.height == 141 and scatter["is_hidden"].sum() == 47
    assert parsed["lmarena"].quarantined == 0


def test_litellm_counts_every_entry_of_the_installed_cost_map(parsed) -> None:
    entries = json.loads(litellm_source.snapshot_path().read_text("utf-8"))
    frame = parsed["litellm"].tables["litellm_models"]
    assert frame.height == len(entries) - 1  # minus the "sample_spec" documentation entry
    assert "sample_spec" not in frame["model_key"].to_list()
    assert frame.filter(pl.col("model_key") == "gpt-4o")["litellm_provider"].to_list() == ["openai"]


@pytest.mark.parametrize(
    ("source", "table", "module_fields"),
    [
        ("models_dev", "models_dev_models", models_dev.MODEL_FIELDS),
        ("models_dev", "models_dev_providers", models_dev.PROVIDER_FIELDS),
        ("lmarena", "lmarena_scores", lmarena.SCORE_FIELDS),
        ("lmarena", "lmarena_scatterplot", lmarena.SCATTERPLOT_FIELDS),
        ("litellm", "litellm_models", litellm_source.FIELDS),
    ],
)
def test_frames_carry_the_declared_schema(parsed, source, table, module_fields) -> None:
    schema = parsed[source].tables[table].schema
    module = {"models_dev": models_dev, "lmarena": lmarena, "litellm": litellm_source}[source]
    assert schema == module.SCHEMAS[table]
    assert set(parsed[source].tables) == set(module.SCHEMAS)
    for field in module_fields:
        assert schema[field.column] == field.dtype, field
    assert schema["record"] == pl.String
    # every frame keeps its source record, and it is the upstream JSON of that row
    first = json.loads(parsed[source].tables[table]["record"][0])
    assert isinstance(first, dict) and first


def test_models_dev_typed_values_follow_the_record(parsed) -> None:
    frame = parsed["models_dev"].tables["models_dev_models"]
    row = frame.filter(
        (pl.col("provider_id") == "anthropic")
        & (pl.col("model_id") == "claude-3-5-sonnet-20240620")
    ).row(0, named=True)
    record = json.loads(row["record"])
    assert row["cost_input"] == record["cost"]["input"] == 3
    assert row["limit_context"] == record["limit"]["context"] == 200000
    assert row["input_modalities"] == ["text", "image", "pdf"]
    assert row["status"] == "deprecated" and row["tool_call"] is True


def test_parse_is_pure_and_repeatable() -> None:
    payload = SOURCES["lmarena"].fetch()
    first = SOURCES["lmarena"].parse(payload).tables["lmarena_scores"]
    second = SOURCES["lmarena"].parse(payload).tables["lmarena_scores"]
    assert first.equals(second)


def test_litellm_snapshot_is_read_without_importing_litellm() -> None:
    code = (
        "import sys; from llmhub.pipeline import SOURCES; p = SOURCES['litellm'].fetch();"
        " assert p.parts['cost_map']; print('litellm' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=cli_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("indent", [None, 2, "\t"])
def test_layout_of_the_json_does_not_matter(indent) -> None:
    data = json.loads(SOURCES["litellm"].fetch().parts["cost_map"])
    small = dict(list(data.items())[:50])
    text = json.dumps(small, indent=indent, separators=None if indent else (",", ":"))
    text = " \n" + text.replace('": ', '" : ') + "\n\n"
    frame = (
        SOURCES["litellm"]
        .parse(make_payload("litellm", "snapshot", "test", {"cost_map": text.encode()}))
        .tables["litellm_models"]
    )
    assert frame["model_key"].to_list() == [k for k in small if k != "sample_spec"]
    assert json.loads(frame["record"][0]) == small[frame["model_key"][0]]
