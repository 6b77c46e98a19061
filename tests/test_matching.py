"""Identity matching across sources: arena names <-> models.dev models, and litellm models.

The acceptance figures are computed from the real catalog built from the bundled snapshots and
printed (run pytest with -s to see them).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

ASSETS = Path(__file__).resolve().parent / "assets" / "matching"
TOP_N = 100
MIN_TOP_COVERAGE = 0.90

# (arena name, models.dev canonical id, must the two be tied?) — each checked by hand against
# the providers' model documentation. False rows are near-misses that must never match.
HAND_VERIFIED_PAIRS: list[tuple[str, str, bool]] = [
    ("claude-opus-4-5-20251101", "anthropic/claude-opus-4-5-20251101", True),
    ("claude-opus-4-5-20251101", "anthropic/claude-opus-4-5", True),
    (
        "claude-opus-4-5-20251101",
        "amazon-bedrock/global.anthropic.claude-opus-4-5-20251101-v1:0",
        True,
    ),
    ("claude-sonnet-4-20250514", "google-vertex-anthropic/claude-sonnet-4@20250514", True),
    ("claude-opus-4-20250514", "anthropic/claude-opus-4-0", True),
    ("gemini-2.5-pro", "google/gemini-2.5-pro", True),
    ("gemini-2.5-pro", "google-vertex/gemini-2.5-pro", True),
    ("gemini-2.5-pro", "openrouter/google/gemini-2.5-pro", True),
    ("gemini-3-pro", "google/gemini-3-pro-preview", True),
    ("glm-4.6", "zai/glm-4.6", True),
    ("glm-4.6", "zhipuai/glm-4.6", True),
    ("deepseek-v3.2", "deepseek/deepseek-chat", True),
    ("gpt-4.1-2025-04-14", "openai/gpt-4.1", True),
    ("gpt-4o-2024-05-13", "openai/gpt-4o-2024-05-13", True),
    ("gpt-4o-2024-08-06", "openai/gpt-4o", True),
    ("qwen3-max-2025-09-23", "alibaba/qwen3-max", True),
    ("qwen3-235b-a22b", "alibaba/qwen3-235b-a22b", True),
    ("deepseek-r1-0528", "openrouter/deepseek/deepseek-r1-0528", True),
    ("deepseek-r1", "openrouter/deepseek/deepseek-r1", True),
    ("o3-2025-04-16", "openai/o3", True),
    ("gpt-5-mini-high", "openai/gpt-5-mini", True),
    ("command-r-plus-08-2024", "cohere/command-r-plus-08-2024", True),
    ("minimax-m2", "minimax/MiniMax-M2", True),
    ("gpt-oss-120b", "amazon-bedrock/openai.gpt-oss-120b", True),
    ("grok-4-0709", "helicone/grok-4", True),
    # near-misses: two dated versions, -mini vs full, preview vs GA, lite vs full, ...
    ("gpt-4o-2024-05-13", "openai/gpt-4o-2024-08-06", False),
    ("gpt-4o-2024-05-13", "openai/gpt-4o", False),
    ("gpt-4.1-mini-2025-04-14", "openai/gpt-4.1", False),
    ("gpt-4.1-2025-04-14", "openai/gpt-4.1-mini", False),
    ("gpt-5-mini-high", "openai/gpt-5", False),
    ("o3-mini-high", "openai/o3", False),
    ("o3-2025-04-16", "openai/o3-mini", False),
    ("o3-2025-04-16", "openai/o3-pro", False),
    ("qwen3-max-preview", "alibaba/qwen3-max", False),
    ("qwen3-235b-a22b-instruct-2507", "alibaba/qwen3-235b-a22b", False),
    ("gemini-2.5-flash", "google/gemini-2.5-flash-lite", False),
    ("gemini-2.5-flash-lite-preview-09-2025-no-thinking", "google/gemini-2.5-flash-lite", False),
    ("gemini-3-pro", "google/gemini-3-pro-image-preview", False),
    ("claude-opus-4-1-20250805", "anthropic/claude-opus-4-20250514", False),
    ("deepseek-r1", "openrouter/deepseek/deepseek-r1-0528", False),
    ("deepseek-v3.2", "openrouter/deepseek/deepseek-chat", False),
    ("command-r-plus", "cohere/command-r-plus-08-2024", False),
    ("chatgpt-4o-latest-20250326", "helicone/chatgpt-4o-latest", False),
    ("minimax-m2", "minimax/MiniMax-M2.1", False),
    ("mistral-medium-2505", "mistral/mistral-medium-2508", False),
    ("kimi-k2-0905-preview", "moonshotai/kimi-k2-0711-preview", False),
    ("qwen-vl-max-2025-08-13", "alibaba/qwen-vl-max", False),
    ("mistral-medium", "vercel/mistral/mistral-medium", False),
]


def read_top_expectations() -> list[dict[str, str]]:
    with (ASSETS / "top100_full.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def top_arena_names(con) -> list[str]:
    rows = con.execute(
        "select arena_name from stg_lmarena__scores"
        " where leaderboard = 'text' and category = 'full'"
        " order by score desc, arena_name limit ?",
        [TOP_N],
    ).fetchall()
    return [name for (name,) in rows]


def matched_pairs(con) -> dict[tuple[str, str], str]:
    rows = con.execute(
        "select arena_name, canonical_id, quality_source from int_arena__name_matches"
    ).fetchall()
    return {(name, canonical): source for name, canonical, source in rows}


def test_expectations_cover_exactly_the_top_100(con) -> None:
    expected = [row["arena_name"] for row in read_top_expectations()]
    assert sorted(expected) == sorted(top_arena_names(con))


def test_top_100_full_coverage_at_least_90_percent(con) -> None:
    pairs = matched_pairs(con)
    known = {
        canonical for (canonical,) in con.execute("select canonical_id from models").fetchall()
    }
    listed = [row for row in read_top_expectations() if row["model_id"]]
    kinds: dict[str, int] = {}
    missed: list[str] = []
    for row in listed:
        canonical = f"{row['lab_provider']}/{row['model_id']}"
        assert canonical in known, f"expectation names a model not in models.dev: {canonical}"
        source = pairs.get((row["arena_name"], canonical))
        if source is None:
            missed.append(f"{row['arena_name']} -> {canonical}")
        else:
            kinds[source] = kinds.get(source, 0) + 1
    coverage = (len(listed) - len(missed)) / len(listed)
    print(
        f"\ntop-{TOP_N} arena 'full' names listed by models.dev under their lab: {len(listed)};"
        f" matched {len(listed) - len(missed)} ({coverage:.1%}); by kind {kinds}; missed {missed}"
    )
    assert coverage >= MIN_TOP_COVERAGE, f"coverage {coverage:.1%}; missed: {missed}"


@pytest.mark.parametrize(
    ("arena_name", "canonical_id", "should_match"),
    HAND_VERIFIED_PAIRS,
    ids=[f"{a}->{c}:{'yes' if m else 'no'}" for a, c, m in HAND_VERIFIED_PAIRS],
)
def test_hand_verified_pair(con, arena_name: str, canonical_id: str, should_match: bool) -> None:
    # Both sides must exist, so that a "no" can only pass because the matcher refused the pair.
    assert con.execute(
        "select count(*) from models where canonical_id = ?", [canonical_id]
    ).fetchall() == [(1,)]
    assert con.execute(
        "select count(*) > 0 from stg_lmarena__scores where arena_name = ?", [arena_name]
    ).fetchall() == [(True,)]
    found = con.execute(
        "select quality_source from int_arena__name_matches where arena_name = ? and canonical_id = ?",
        [arena_name, canonical_id],
    ).fetchall()
    assert bool(found) == should_match, f"{arena_name} <-> {canonical_id}: {found}"


def test_enough_hand_verified_pairs_with_near_misses() -> None:
    assert len(HAND_VERIFIED_PAIRS) >= 30
    assert sum(1 for *_, ok in HAND_VERIFIED_PAIRS if not ok) >= 10


def test_same_model_on_several_hosts_shares_its_score(con) -> None:
    groups = [
        (
            "anthropic/claude-opus-4-5-20251101",
            "amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0",
            "google-vertex-anthropic/claude-opus-4-5@20251101",
        ),
        ("google/gemini-2.5-pro", "google-vertex/gemini-2.5-pro"),
        ("zai/glm-4.6", "zhipuai/glm-4.6"),
    ]
    for group in groups:
        rows = con.execute(
            "select canonical_id, arena_name, arena_score, quality_tier from models"
            " where list_contains(?, canonical_id)",
            [list(group)],
        ).fetchall()
        assert len(rows) == len(group), rows
        assert len({row[1:] for row in rows}) == 1, rows
        assert rows[0][2] is not None


def test_host_decorations_name_the_same_model(con) -> None:
    # Vertex's '@default' (Claude 4.6 and later) and '-maas' (its partner models), and
    # Fireworks' 'p' for a version's point, kept those listings apart from the model: Claude
    # Sonnet 5 on Vertex had no quality, and Kimi K2.7 Code on Fireworks counted as a model no
    # lab sells.
    same = [
        ("google-vertex-anthropic/claude-sonnet-5@default", "anthropic/claude-sonnet-5"),
        ("google-vertex/claude-opus-4-8@default", "anthropic/claude-opus-4-8"),
        ("google-vertex/deepseek-ai/deepseek-v3.2-maas", "openrouter/deepseek/deepseek-v3.2"),
        ("google-vertex/openai/gpt-oss-20b-maas", "amazon-bedrock/openai.gpt-oss-20b"),
        ("fireworks-ai/accounts/fireworks/models/glm-5p2", "zai/glm-5.2"),
        ("fireworks-ai/accounts/fireworks/models/kimi-k2p7-code", "moonshotai/kimi-k2.7-code"),
    ]
    # near-misses: a faster serving router, another version, a dated Vertex snapshot
    apart = [
        ("fireworks-ai/accounts/fireworks/routers/glm-5p2-fast", "zai/glm-5.2"),
        ("fireworks-ai/accounts/fireworks/models/glm-5p1", "zai/glm-5.2"),
        ("google-vertex-anthropic/claude-opus-4-5@20251101", "anthropic/claude-opus-4-8"),
    ]
    keys = dict(
        con.execute(
            "select canonical_id, model_key from models where list_contains(?, canonical_id)",
            [[c for pair in same + apart for c in pair]],
        ).fetchall()
    )
    for a, b in same:
        assert keys[a] == keys[b], (a, b)
    for a, b in apart:
        assert keys[a] != keys[b], (a, b)
    quality = dict(
        con.execute(
            "select canonical_id, quality_overall from models where list_contains(?, canonical_id)",
            [[a for a, _ in same[:2]] + [b for _, b in same[:2]]],
        ).fetchall()
    )
    for a, b in same[:2]:
        assert quality[a] is not None and quality[a] == quality[b], (a, b)


def test_models_prefer_a_direct_name_over_a_variant(con) -> None:
    rows = con.execute(
        "select arena_name, quality_source from models"
        " where canonical_id = 'anthropic/claude-opus-4-5-20251101'"
    ).fetchall()
    assert rows == [("claude-opus-4-5-20251101", "arena")]


def test_every_alias_seed_row_points_at_real_names(con) -> None:
    broken = con.execute(
        """
        select a.arena_name, a.provider, a.model_id
        from seeds.arena_aliases as a
        where a.arena_name not in (select arena_name from stg_lmarena__scores)
            or (a.kind <> 'none' and a.provider || '/' || a.model_id
                not in (select canonical_id from models))
        """
    ).fetchall()
    assert broken == []


def test_every_provider_map_row_names_a_models_dev_provider(con) -> None:
    broken = con.execute(
        "select provider from seeds.provider_map where provider not in (select provider from providers)"
    ).fetchall()
    assert broken == []
    mapped = con.execute(
        "select provider, litellm_provider from providers where provider in"
        " ('google', 'amazon-bedrock', 'togetherai', 'openai', 'anthropic') order by provider"
    ).fetchall()
    assert mapped == [
        ("amazon-bedrock", "bedrock"),
        ("anthropic", "anthropic"),
        ("google", "gemini"),
        ("openai", "openai"),
        ("togetherai", "together_ai"),
    ]


@pytest.mark.slow
def test_every_litellm_model_resolves_with_litellm(con, monkeypatch) -> None:
    monkeypatch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm  # imported here: seconds of start-up, and only this test needs it

    rows = con.execute(
        "select canonical_id, litellm_model, litellm_provider from models"
        " where litellm_model is not null"
    ).fetchall()
    assert len(rows) > 1000
    failures: list[str] = []
    for canonical_id, litellm_model, litellm_provider in rows:
        try:
            _, provider, _, _ = litellm.get_llm_provider(model=litellm_model)
        except Exception as error:  # litellm raises its own BadRequestError subclasses
            failures.append(f"{canonical_id}: {litellm_model}: {type(error).__name__}")
            continue
        # litellm may route a prefix to a sibling route (cohere -> cohere_chat).
        if not provider.startswith(litellm_provider):
            failures.append(f"{canonical_id}: {litellm_model} resolved to {provider}")
    assert failures == [], f"{len(failures)} of {len(rows)}: {failures[:20]}"
