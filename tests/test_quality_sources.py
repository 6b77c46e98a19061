"""The Artificial Analysis and LiveBench parsers: pure, typed, and strict about impossible values."""

from __future__ import annotations

import json

import polars as pl
import pytest

from llmhub.errors import DataQualityError
from llmhub.pipeline import SOURCES
from llmhub.pipeline.fetching import make_payload
from llmhub.pipeline.sources import artificial_analysis, livebench
from tests.source_server import SNAPSHOTS

AA = SOURCES["artificial_analysis"]
LB = SOURCES["livebench"]


def _aa_payload(edit=None) -> object:
    data = json.loads((SNAPSHOTS / "artificialanalysis-llms.json").read_bytes())
    if edit:
        edit(data["models"])
    return make_payload(
        "artificial_analysis", "snapshot", "test", {"llms": json.dumps(data).encode()}
    )


def test_artificial_analysis_snapshot_parses_every_model_with_the_declared_schema() -> None:
    result = AA.parse(AA.fetch("snapshot"))
    frame = result.tables["artificial_analysis_models"]
    assert result.quarantined == 0 and result.problems == []
    assert frame.height == 570 and frame["slug"].is_unique().all()
    assert frame.schema == artificial_analysis.SCHEMAS["artificial_analysis_models"]
    # data/snapshots/README.md: 303 with a measured output speed, 309 with an OpenRouter id
    assert frame.filter(pl.col("output_tokens_per_second") > 0).height == 303
    assert frame["openrouter_api_id"].is_not_null().sum() == 309
    row = frame.filter(pl.col("slug") == "claude-opus-4-8").row(0, named=True)
    assert row["openrouter_api_id"] == "anthropic/claude-opus-4.8"
    assert (
        row["creator_slug"] == "anthropic"
        and 0 < row["artificial_analysis_intelligence_index"] < 100
    )


def test_artificial_analysis_quarantines_impossible_values_and_repeated_slugs() -> None:
    def edit(models: list[dict]) -> None:
        models[0]["evaluations"]["artificial_analysis_intelligence_index"] = 140.0
        models[1]["speed"]["output_tokens_per_second"] = -3.0
        models[2]["evaluations"]["gpqa"] = 1.7
        models[4]["slug"] = models[3]["slug"]

    result = AA.parse(_aa_payload(edit))
    assert result.tables["artificial_analysis_models"].height == 570 - 5
    assert result.quarantined == 5
    problems = "\n".join(result.problems)
    assert "artificial_analysis_intelligence_index above 100" in problems
    assert "negative speed.output_tokens_per_second" in problems
    assert "gpqa above 1" in problems
    assert "2 models quarantined: slug appears more than once" in problems


def test_artificial_analysis_refuses_a_payload_without_indices() -> None:
    def edit(models: list[dict]) -> None:
        for model in models:
            model["evaluations"]["artificial_analysis_intelligence_index"] = None

    with pytest.raises(DataQualityError, match="no model has an"):
        AA.parse(_aa_payload(edit))


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        (b'{"date": "2026-07-10", "path": "data/2026-07-10"}', "data/2026-07-10"),
        (b'{"path": "/data/2026-07-11/"}', "data/2026-07-11"),
    ],
)
def test_the_latest_pointer_names_the_day_folder(pointer: bytes, expected: str) -> None:
    assert artificial_analysis.pointer_path("artificial_analysis", pointer) == expected


@pytest.mark.parametrize(
    "pointer", [b'{"date": "2026-07-10"}', b'{"path": "../../etc"}', b"[]", b'{"path": ""}']
)
def test_a_bad_latest_pointer_is_a_wrong_shape(pointer: bytes) -> None:
    with pytest.raises(DataQualityError, match=r"latest\.json"):
        artificial_analysis.pointer_path("artificial_analysis", pointer)


def test_livebench_snapshot_parses_scores_and_categories() -> None:
    result = LB.parse(LB.fetch("snapshot"))
    scores = result.tables["livebench_scores"]
    categories = result.tables["livebench_categories"]
    assert scores.schema == livebench.SCHEMAS["livebench_scores"]
    assert categories.height == 23 and categories["task"].is_unique().all()
    assert scores["model"].n_unique() == 126 and scores.height == 126 * 23
    # the one upstream row with cells missing is quarantined, not guessed
    assert result.quarantined == 1
    assert "nemotron-3-super-120b-a12b" not in scores["model"].to_list()
    assert scores["score"].min() >= 0 and scores["score"].max() <= 100


def test_livebench_quarantines_scores_outside_0_100_and_repeated_models() -> None:
    header, first, second, *rest = (SNAPSHOTS / "livebench-table.csv").read_text().splitlines()
    cells = first.split(",")
    cells[1] = "101.5"
    table = "\n".join([header, ",".join(cells), second, second, *rest]).encode()
    categories = (SNAPSHOTS / "livebench-categories.json").read_bytes()
    payload = make_payload(
        "livebench", "snapshot", "test", {"table": table, "categories": categories}
    )
    result = LB.parse(payload)
    problems = "\n".join(result.problems)
    assert "1 models quarantined: score outside 0-100" in problems
    assert "2 models quarantined: model appears more than once" in problems
    assert result.tables["livebench_scores"]["model"].n_unique() == 126 - 2


def test_livebench_categories_must_name_tasks_of_the_table() -> None:
    table = (SNAPSHOTS / "livebench-table.csv").read_bytes()
    payload = make_payload(
        "livebench", "snapshot", "test",
        {"table": table, "categories": b'{"Reasoning": ["no_such_task"]}'},
    )  # fmt: skip
    with pytest.raises(DataQualityError, match="no_such_task"):
        LB.parse(payload)


def test_the_livebench_release_is_a_checked_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert livebench.release() == livebench.RELEASE
    monkeypatch.setenv("LLMHUB_LIVEBENCH_RELEASE", "2026_05_01")
    assert livebench.release() == "2026_05_01"
    monkeypatch.setenv("LLMHUB_LIVEBENCH_RELEASE", "latest; rm -rf /")
    with pytest.raises(DataQualityError, match="not a release stamp"):
        livebench.release()
