"""Callable under the id llmhub writes (issue 12 review).

litellm passes any model id through under a provider prefix it knows, so a listing the cost map
lacks is still callable when the host serves it. A model litellm knows only under a lab's
subscription-plan provider (chatgpt/ for OpenAI) is served in the plan, not the API: the catalog
gives it no litellm_model, so it is never picked, and ``explain --vs`` says why.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from typer.testing import CliRunner

from llmhub.cli.main import app

SPEC = """\
project: callable
env: dev
providers:
  openai:
    env_key: OPENAI_API_KEY
roles:
  coder:
    kind: chat
    description: writes code
    preferences: {coding: high, cost: high}
"""


def _plan_only_by_hand(con) -> set[str]:
    """The rule recomputed in Python from the staged cost map and the seed."""
    plans = dict(
        con.execute("select litellm_provider, provider from seeds.plan_providers").fetchall()
    )
    by_leaf: dict[str, set[str | None]] = {}
    for key, provider in con.execute(
        "select litellm_key, litellm_provider from stg_litellm__models"
    ).fetchall():
        by_leaf.setdefault(key.rsplit("/", 1)[-1], set()).add(provider)
    found = set()
    for canonical_id, provider, model_id, key in con.execute(
        "select canonical_id, provider, model_id, litellm_key from int_models__litellm_matched"
        " inner join stg_models_dev__models using (canonical_id)"
        " where litellm_provider is not null"
    ).fetchall():
        listed = by_leaf.get(model_id, set())
        in_plan = any(plans.get(p or "") == provider for p in listed)
        in_api = any((p or "") not in plans for p in listed)
        if key is None and in_plan and not in_api:
            found.add(canonical_id)
    return found


def test_plan_only_listings_are_exactly_the_ones_litellm_knows_only_in_a_plan(
    catalog_db: Path,
) -> None:
    with duckdb.connect(str(catalog_db), read_only=True) as con:
        _check_plan_only(con)


def _check_plan_only(con) -> None:
    rows = con.execute(
        "select canonical_id, litellm_model, litellm_model_reason from models"
        " where litellm_support = 'plan_only'"
    ).fetchall()
    assert {r[0] for r in rows} == _plan_only_by_hand(con)
    # the review's case is one of them, and none of them can be called or picked
    assert "openai/gpt-5.3-codex-spark" in {r[0] for r in rows}
    for canonical_id, litellm_model, reason in rows:
        assert litellm_model is None, canonical_id
        assert "subscription plan" in reason and "data/seeds/plan_providers.csv" in reason
    picked_able = {
        r[0] for r in con.execute("select canonical_id from selection_candidates").fetchall()
    }
    assert not picked_able & {r[0] for r in rows}


def test_every_listing_says_how_litellm_vouches_for_it(catalog_db: Path) -> None:
    with duckdb.connect(str(catalog_db), read_only=True) as con:
        _check_support(con)


def _check_support(con) -> None:
    counts = dict(
        con.execute(
            "select litellm_support, count(*) from models group by litellm_support"
        ).fetchall()
    )
    assert set(counts) == {"cost_map", "passthrough", "plan_only", "no_provider"}
    callable_count = con.execute("select count(*) from selection_candidates").fetchone()[0]
    assert callable_count == counts["cost_map"] + counts["passthrough"]
    # a passthrough listing keeps its id under the host's prefix: what litellm sends as given
    wrong = con.execute(
        "select count(*) from models where litellm_support = 'passthrough'"
        " and litellm_model <> litellm_provider || '/' || model_id"
    ).fetchone()[0]
    assert wrong == 0


def test_explain_vs_names_the_plan(catalog_db: Path, tmp_path: Path) -> None:
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(SPEC)
    args = ["explain", "coder", "--vs", "openai/gpt-5.3-codex-spark", "--spec", str(spec)]
    result = CliRunner().invoke(app, [*args, "--db", str(catalog_db), "--no-llm"])
    assert result.exit_code == 0, result.output
    assert "not callable through litellm: litellm knows gpt-5.3-codex-spark only as" in (
        result.stdout
    ), result.stdout
    assert "chatgpt/gpt-5.3-codex-spark" in result.stdout
