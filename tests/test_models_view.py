"""The contract of the catalog marts: columns, types, grain, keys and accepted values."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

MODELS_COLUMNS = {
    "canonical_id": "VARCHAR",
    "provider": "VARCHAR",
    "model_id": "VARCHAR",
    "litellm_provider": "VARCHAR",
    "litellm_model": "VARCHAR",
    "litellm_model_reason": "VARCHAR",
    "family": "VARCHAR",
    "display_name": "VARCHAR",
    "mode": "VARCHAR",
    "supports_reasoning": "BOOLEAN",
    "supports_tool_call": "BOOLEAN",
    "supports_structured_output": "BOOLEAN",
    "supports_temperature": "BOOLEAN",
    "supports_attachment": "BOOLEAN",
    "input_modalities": "VARCHAR[]",
    "output_modalities": "VARCHAR[]",
    "context_tokens": "BIGINT",
    "max_output_tokens": "BIGINT",
    "price_input_per_million": "DOUBLE",
    "price_output_per_million": "DOUBLE",
    "price_cache_read_per_million": "DOUBLE",
    "price_cache_write_per_million": "DOUBLE",
    "price_reasoning_per_million": "DOUBLE",
    "price_blended_per_million": "DOUBLE",
    "cost_tier": "INTEGER",
    "quality_tier": "INTEGER",
    "reasoning_tier": "INTEGER",
    "creative_tier": "INTEGER",
    "coding_tier": "INTEGER",
    "arena_score": "DOUBLE",
    "arena_ci_low": "DOUBLE",
    "arena_ci_high": "DOUBLE",
    "arena_name": "VARCHAR",
    "quality_source": "VARCHAR",
    "knowledge_cutoff": "DATE",
    "release_date": "DATE",
    "last_updated": "DATE",
    "open_weights": "BOOLEAN",
    "status": "VARCHAR",
    "is_deprecated": "BOOLEAN",
    "env_key": "VARCHAR",
    "tags": "VARCHAR[]",
}
MODEL_SCORES_COLUMNS = {
    "canonical_id": "VARCHAR",
    "leaderboard": "VARCHAR",
    "category": "VARCHAR",
    "arena_name": "VARCHAR",
    "score": "DOUBLE",
    "ci_low": "DOUBLE",
    "ci_high": "DOUBLE",
    "quality_source": "VARCHAR",
}
PROVIDERS_COLUMNS = {
    "provider": "VARCHAR",
    "display_name": "VARCHAR",
    "litellm_provider": "VARCHAR",
    "env_keys": "VARCHAR[]",
    "env_key": "VARCHAR",
    "api_base": "VARCHAR",
    "doc_url": "VARCHAR",
    "model_count": "BIGINT",
}
SOURCES_COLUMNS = {
    "source": "VARCHAR",
    "origin": "VARCHAR",
    "location": "VARCHAR",
    "fetched_at": "TIMESTAMP WITH TIME ZONE",
    "sha256": "VARCHAR",
    "row_count": "BIGINT",
    "quarantined": "BIGINT",
    "status": "VARCHAR",
    "message": "VARCHAR",
}


@pytest.fixture(scope="module")
def con(catalog_db: Path):
    with duckdb.connect(str(catalog_db), read_only=True) as connection:
        yield connection


def column_types(con, relation: str) -> dict[str, str]:
    rows = con.execute(
        "select column_name, data_type from information_schema.columns"
        " where table_schema = 'main' and table_name = ? order by ordinal_position",
        [relation],
    ).fetchall()
    return dict(rows)


@pytest.mark.parametrize(
    ("relation", "expected"),
    [
        ("models", MODELS_COLUMNS),
        ("model_scores", MODEL_SCORES_COLUMNS),
        ("providers", PROVIDERS_COLUMNS),
        ("sources", SOURCES_COLUMNS),
    ],
)
def test_mart_has_contract_columns_with_types(con, relation: str, expected: dict[str, str]) -> None:
    actual = column_types(con, relation)
    wrong = {
        name: (actual.get(name), kind)
        for name, kind in expected.items()
        if actual.get(name) != kind
    }
    assert not wrong, f"{relation}: (found, expected) per column: {wrong}"
    # The contract's columns come first and in order; extra columns follow.
    assert list(actual)[: len(expected)] == list(expected)
