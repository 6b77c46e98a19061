"""Corrupted payloads: unusable ones raise DataQualityError naming source, field and numbers;
impossible values are quarantined row by row and counted."""

from __future__ import annotations

import json
import math
from typing import Any

import duckdb
import polars as pl
import pytest

from llmhub.catalog.validate import MAX_QUARANTINED_FRACTION, check_build
from llmhub.errors import DataQualityError
from llmhub.pipeline import SOURCES, load_payloads
from llmhub.pipeline.fetching import make_payload


def payload(source: str, **parts: bytes):
    return make_payload(source, "snapshot", "test", parts)


def snapshot_json(source: str, part: str) -> Any:
    return json.loads(SOURCES[source].fetch().parts[part])


def parse(source: str, **parts: bytes):
    return SOURCES[source].parse(payload(source, **parts))


def model(**overrides: Any) -> dict[str, Any]:
    base = {
        "id": "m",
        "name": "M",
        "cost": {"input": 1, "output": 2},
        "limit": {"context": 1000, "output": 100},
        "modalities": {"input": ["text"], "output": ["text"]},
        "tool_call": True,
    }
    base.update(overrides)
    return base


def provider_doc(models: dict[str, Any]) -> dict[str, Any]:
    return {"p": {"id": "p", "name": "P", "env": ["P_API_KEY"], "models": models}}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "payload is empty (0 bytes)"),
        (b"\xff\xfe\x00\x01binary", "not UTF-8"),
        (b"<html>rate limited</html>", "payload is not JSON: Expecting value at line 1 column 1"),
        (b"[1, 2, 3]", "top level: expected an object of providers, found list of 3"),
        (b'"hello"', "expected an object of providers, found str"),
        (b'{"p": {"id": "p"}} trailing', "payload is not JSON: Extra data"),
    ],
)
def test_models_dev_unusable_payloads_raise_with_the_problem(raw: bytes, expected: str) -> None:
    with pytest.raises(DataQualityError) as caught:
        parse("models_dev", api=raw)
    assert caught.value.source == "models_dev"
    assert caught.value.field in ("api", "top level")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("models_dev: ")


@pytest.mark.parametrize("source,part", [("models_dev", "api"), ("litellm", "cost_map")])
def test_truncated_snapshot_is_reported_as_truncated(source: str, part: str) -> None:
    raw = SOURCES[source].fetch().parts[part]
    with pytest.raises(DataQualityError) as caught:
        parse(source, **{part: raw[: len(raw) // 2]})
    message = str(caught.value)
    assert message.startswith(f"{source}: {part}: payload is truncated")
    assert str(len(raw) // 2) in message


def test_lmarena_truncated_part_is_named() -> None:
    parts = SOURCES["lmarena"].fetch().parts
    broken = {**parts, "vision": parts["vision"][:1000]}
    with pytest.raises(DataQualityError, match=r"^lmarena: vision: payload is truncated"):
        SOURCES["lmarena"].parse(payload("lmarena", **broken))


def test_lmarena_without_full_category_is_the_wrong_shape() -> None:
    parts = SOURCES["lmarena"].fetch().parts
    board = json.loads(parts["text"])
    del board["full"]
    broken = {**parts, "text": json.dumps(board).encode()}
    with pytest.raises(DataQualityError, match=r"lmarena: text.full: expected a 'full' category"):
        SOURCES["lmarena"].parse(payload("lmarena", **broken))


def test_missing_part_is_the_wrong_shape() -> None:
    with pytest.raises(DataQualityError, match="lmarena: parts"):
        SOURCES["lmarena"].parse(payload("lmarena", text=b"{}"))


def test_negative_prices_are_quarantined_and_counted() -> None:
    data = snapshot_json("models_dev", "api")
    poisoned = [("openai", "gpt-4o"), ("anthropic", "claude-3-haiku-20240307"), ("xai", "grok-4.3")]
    for provider, model_id in poisoned:
        data[provider]["models"][model_id]["cost"]["input"] = -0.5
    result = parse("models_dev", api=json.dumps(data).encode())
    frame = result.tables["models_dev_models"]
    assert result.quarantined == 3
    assert frame.height == 5276 - 3
    assert "models_dev: 3 models quarantined: negative cost.input" in result.problems
    assert "models_dev: kept 5273 of 5276 models (3 quarantined)" in result.problems
    kept = set(zip(frame["provider_id"], frame["model_id"], strict=True))
    assert not kept & set(poisoned)
    assert frame["cost_input"].min() >= 0


def test_non_numeric_limits_are_quarantined_and_counted() -> None:
    data = snapshot_json("models_dev", "api")
    data["openai"]["models"]["gpt-4o"]["limit"]["context"] = "128k"
    data["openai"]["models"]["o3"]["limit"]["output"] = True
    data["openai"]["models"]["gpt-4.1"]["limit"]["context"] = 1.5
    result = parse("models_dev", api=json.dumps(data).encode())
    assert result.quarantined == 3
    assert "models_dev: 2 models quarantined: non-integer limit.context" in result.problems
    assert "models_dev: 1 models quarantined: non-integer limit.output" in result.problems
    assert result.tables["models_dev_models"]["limit_context"].dtype == pl.Int64
    from llmhub.pipeline.sources.models_dev import SCHEMAS

    assert {name: frame.schema for name, frame in result.tables.items()} == SCHEMAS


def test_duplicate_keys_are_quarantined_at_every_level() -> None:
    good = ",".join(f'"m{i}": {json.dumps(model(id=f"m{i}"))}' for i in range(6))
    text = (
        '{"p": {"id": "p", "env": ["P_API_KEY"], "models": {'
        + good
        + ', "dup": {"id": "dup"}, "dup": {"id": "dup"}'
        + ', "inner": {"id": "inner", "cost": {"input": 1}, "cost": {"input": 2}}'
        + "}},"
        + ' "q": {"id": "q", "models": {}}, "q": {"id": "q", "models": {}},'
        + ' "r": {"id": "r", "models": {"x": {"id": "x"}}}}'
    )
    result = parse("models_dev", api=text.encode())
    models = result.tables["models_dev_models"]
    assert sorted(models["model_id"].to_list()) == [*(f"m{i}" for i in range(6)), "x"]
    assert "models_dev: 1 models quarantined: model id appears more than once" in result.problems
    assert (
        "models_dev: 1 models quarantined: entry is not an object with unique keys"
        in result.problems
    )
    assert "models_dev: 1 providers quarantined: provider id appears more than once" in (
        result.problems
    )
    assert result.tables["models_dev_providers"]["provider_id"].to_list() == ["p", "r"]
    assert result.quarantined == 3


def test_a_mostly_bad_payload_is_counted_by_the_parser_and_left_to_the_gate() -> None:
    models = {f"m{i}": model(id=f"m{i}", cost={"input": -1, "output": 1}) for i in range(3)}
    models["ok"] = model(id="ok")
    result = parse("models_dev", api=json.dumps(provider_doc(models)).encode())
    assert result.quarantined == 3
    assert result.tables["models_dev_models"]["model_id"].to_list() == ["ok"]


def _negative_prices(count: int):
    data = snapshot_json("models_dev", "api")
    priced = [
        (provider, model_id)
        for provider, entry in data.items()
        for model_id, m in entry["models"].items()
        if isinstance(m.get("cost"), dict) and "input" in m["cost"]
    ]
    for provider, model_id in priced[:count]:
        data[provider]["models"][model_id]["cost"]["input"] = -1
    return payload("models_dev", api=json.dumps(data).encode())


def _gate(models_dev_payload) -> list[str]:
    payloads = {name: source.fetch() for name, source in SOURCES.items()}
    payloads["models_dev"] = models_dev_payload
    con = duckdb.connect()
    try:
        load_payloads(con, payloads)
        return [str(v) for v in check_build(con, [], None) if v.source == "models_dev"]
    finally:
        con.close()


def test_the_one_quarantine_gate_refuses_a_source_just_past_its_share() -> None:
    clean = SOURCES["models_dev"].parse(SOURCES["models_dev"].fetch())
    total = sum(frame.height for frame in clean.tables.values())
    allowed = math.floor(total * MAX_QUARANTINED_FRACTION)
    assert _gate(_negative_prices(allowed)) == []
    refused = _gate(_negative_prices(allowed + 1))
    assert len(refused) == 1, refused
    share = (allowed + 1) / total
    assert refused[0].startswith(
        f"models_dev: {allowed + 1:,} of {total:,} rows quarantined ({share:.2%}, threshold "
        f"{MAX_QUARANTINED_FRACTION:.0%}): models_dev: {allowed + 1} models quarantined: "
        "negative cost.input"
    )


def test_litellm_bad_entries_are_quarantined() -> None:
    data = snapshot_json("litellm", "cost_map")
    data["gpt-4o"]["input_cost_per_token"] = -1e-6
    data["gpt-4o-mini"]["max_tokens"] = "16k"
    data["claude-3-haiku-20240307"] = "not an object"
    result = parse("litellm", cost_map=json.dumps(data).encode())
    assert result.quarantined == 3
    assert "litellm: 1 entries quarantined: negative input_cost_per_token" in result.problems
    assert "litellm: 1 entries quarantined: non-integer max_tokens" in result.problems
    assert "litellm: 1 entries quarantined: entry is not an object with unique keys" in (
        result.problems
    )
    assert "gpt-4o" not in result.tables["litellm_models"]["model_key"].to_list()


def test_litellm_duplicate_model_key_is_quarantined() -> None:
    entries = ",".join(
        f'"model-{i}": {{"litellm_provider": "openai", "mode": "chat"}}' for i in range(5)
    )
    text = '{"sample_spec": {}, ' + entries + ', "model-0": {"litellm_provider": "azure"}}'
    result = parse("litellm", cost_map=text.encode())
    assert result.tables["litellm_models"]["model_key"].to_list() == [
        "model-1",
        "model-2",
        "model-3",
        "model-4",
    ]
    assert result.problems[0] == "litellm: 1 entries quarantined: model key appears more than once"


def test_lmarena_impossible_scores_are_quarantined() -> None:
    parts = SOURCES["lmarena"].fetch().parts
    board = json.loads(parts["text"])
    name = next(iter(board["coding"]))
    board["coding"][name]["rating_q025"] = board["coding"][name]["rating"] + 50
    other = list(board["math"])[3]
    board["math"][other]["rating"] = "high"
    result = SOURCES["lmarena"].parse(
        payload("lmarena", **{**parts, "text": json.dumps(board).encode()})
    )
    assert result.quarantined == 2
    assert "lmarena: 1 scores quarantined: rating outside its own 95% interval" in result.problems
    assert "lmarena: 1 scores quarantined: non-numeric rating" in result.problems
    scores = result.tables["lmarena_scores"]
    assert (
        scores.filter((pl.col("category") == "coding") & (pl.col("arena_name") == name)).height == 0
    )


def test_non_finite_prices_are_quarantined() -> None:
    models = {f"m{i}": model(id=f"m{i}") for i in range(5)}
    text = json.dumps(provider_doc(models)).replace('"input": 1', '"input": NaN', 1)
    text = text.replace('"output": 2', '"output": Infinity', 1)
    result = parse("models_dev", api=text.encode())
    assert result.quarantined == 1
    assert result.problems[0] == "models_dev: 1 models quarantined: non-numeric cost.input"
