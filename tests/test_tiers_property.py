"""Tier rules as properties, on small catalogs built from generated models.dev payloads."""

from __future__ import annotations

import json

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmhub.pipeline import fetch_all, load_payloads
from llmhub.pipeline.fetching import make_payload

PRICES = st.one_of(
    st.just(0.0),
    st.sampled_from([0.1, 0.5, 1.0, 2.5, 10.0]),  # repeated values exercise ties
    st.floats(min_value=0.0, max_value=200.0, allow_nan=False).map(lambda x: round(x, 3)),
)
MODELS = st.lists(st.tuples(PRICES, PRICES, st.booleans()), min_size=1, max_size=40)
REAL = fetch_all("snapshot")


def build(models: list[tuple[float, float, bool]]) -> list[tuple]:
    entries = {
        f"model-{i}": {
            "id": f"model-{i}",
            "name": f"Model {i}",
            "modalities": {"input": ["text"], "output": ["text"]},
            **({"cost": {"input": price_in, "output": price_out}} if priced else {}),
        }
        for i, (price_in, price_out, priced) in enumerate(models)
    }
    doc = {"acme": {"id": "acme", "name": "Acme", "env": ["ACME_API_KEY"], "models": entries}}
    payloads = {
        **REAL,
        "models_dev": make_payload(
            "models_dev", "snapshot", "generated", {"api": json.dumps(doc).encode()}
        ),
    }
    with duckdb.connect() as con:
        load_payloads(con, payloads)
        return con.execute(
            "select model_id, price_input_per_million, price_output_per_million,"
            " price_blended_per_million, cost_tier from models where provider = 'acme'"
        ).fetchall()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MODELS)
def test_cost_tiers_are_monotone_quintiles(models) -> None:
    rows = build(models)
    assert len(rows) == len(models)
    priced = [r for r in rows if r[3] is not None]
    assert all(r[4] is None for r in rows if r[3] is None)
    for _, price_in, price_out, blended, tier in priced:
        assert blended == pytest.approx((3 * price_in + price_out) / 4, abs=1e-9)
        assert 1 <= tier <= 5
    for a in priced:
        for b in priced:
            if a[3] < b[3]:
                assert a[4] <= b[4], f"cheaper {a} in a costlier tier than {b}"
            if a[3] == b[3]:
                assert a[4] == b[4], f"equal prices in different tiers: {a} {b}"
    if priced:
        cheapest = min(r[3] for r in priced)
        assert {r[4] for r in priced if r[3] == cheapest} == {1}
