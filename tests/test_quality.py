"""Calibrated quality and measured speed in the bundled catalog: coverage of 2026 models,
hand-checked identity pairs, the calibration without the arena, and each lab's ordering.

Figures this file measures are printed (``pytest -s``) for the closing report.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from llmhub.pipeline.sqlfiles import create_views

LABS = ("openai", "anthropic", "google", "xai", "deepseek", "mistral")

# The population of the coverage floor: chat listings (models.mode = 'chat', which takes
# litellm's 'responses' mode as chat: the runtime reaches those through litellm's bridge) on the
# LABS providers, released in 2026 (models.dev's release_date) and not deprecated. No other
# exclusion: each model below is a callable API model of its lab by the catalog's own data
# (models.dev lists it on the lab with a price; litellm gives the -pro and multi-agent ids mode
# 'responses'), so leaving it out would only flatter the figure.
#
# Models in that population that no source measures. The two -pro models are matched (by name)
# to Artificial Analysis slugs that carry a single benchmark, CritPt, and no index: no task
# figure. No source lists gpt-5.3-codex-spark or the multi-agent product. Artificial Analysis
# ranks only the Flash-Lite preview (slug, OpenRouter id and release date 2026-03-03 are the
# preview's); the GA id of 2026-05-07 is a separate listing, so it is inferred, not measured
# (data/seeds/quality_aliases.csv).
UNMEASURED_2026 = {
    "openai/gpt-5.3-codex-spark",
    "openai/gpt-5.4-pro",
    "openai/gpt-5.5-pro",
    "xai/grok-4.20-multi-agent-0309",
    "google/gemini-3.1-flash-lite",
    # lab API listings only litellm's cost map has, dated by their first snapshot in the cost map
    # or their other hosts: an audio chat model no benchmark source scores, xAI's multi-agent
    # endpoint, and GPT-6, whose first snapshots (September 2026, on Azure) postdate every
    # bundled benchmark (Artificial Analysis's data is of 2026-07-10)
    "openai/gpt-audio-1.5",
    "openai/gpt-6-astra",
    "openai/gpt-6-luna",
    "openai/gpt-6-sol",
    "openai/gpt-6.1-sol",
    "xai/grok-4.20-multi-agent",
    "xai/grok-4.20-multi-agent-beta-0309",
}
# Issue 13's floor for the measured share, and the floor the bundled data does reach.
ISSUE_MEASURED_FLOOR = 0.90
# 26 of 31 (83.9%) on models.dev's listings alone; 37 of 49 (75.5%) since the catalog also lists
# the lab API models only litellm's cost map has, seven of which no bundled source scores (the
# audio models gpt-audio and gpt-audio-mini are of 2025: their first snapshots are
# gpt-audio-2025-08-28 and gpt-audio-mini-2025-10-06); 36 of 48 (75.0%) since host retirements
# count (OpenAI retired gpt-5.3-chat-latest on 2026-08-10, per litellm's cost map).
BUNDLED_MEASURED_FLOOR = 0.75

AA = "artificial_analysis"
LB = "livebench"
# (source, source name, catalog listing): pairs that must match.
SAME = [
    (AA, "gpt-5-5", "openai/gpt-5.5"),
    (AA, "gpt-5-5-high", "openai/gpt-5.5"),
    (AA, "gpt-5-5-non-reasoning", "openai/gpt-5.5"),
    (AA, "claude-opus-4-8", "anthropic/claude-opus-4-8"),
    (AA, "claude-opus-4-8", "amazon-bedrock/global.anthropic.claude-opus-4-8"),
    (AA, "claude-4-5-haiku", "anthropic/claude-haiku-4-5"),
    # a curated alias: the slug's OpenRouter id is the April preview's, its date the GA's
    (AA, "gemini-2-5-flash-reasoning", "google/gemini-2.5-flash"),
    (AA, "claude-4-5-haiku", "google-vertex-anthropic/claude-haiku-4-5@20251001"),
    (AA, "claude-sonnet-4-6-non-reasoning-low-effort", "anthropic/claude-sonnet-4-6"),
    (AA, "gemini-3-flash", "google/gemini-3-flash-preview"),
    (AA, "gemma-4-31b", "google/gemma-4-31b-it"),
    (AA, "deepseek-v4-pro-high", "deepseek/deepseek-v4-pro"),
    (AA, "gpt-5-4-mini-medium", "openai/gpt-5.4-mini"),
    (AA, "mistral-small-4", "mistral/mistral-small-2603"),
    (AA, "mistral-medium-3-5", "mistral/mistral-medium-2604"),
    (AA, "grok-4-20-0309", "xai/grok-4.20-0309-reasoning"),
    (AA, "grok-4-20", "xai/grok-4.20-reasoning"),
    (AA, "gpt-5-2-codex", "openai/gpt-5.2-codex"),
    (AA, "gpt-5-5-pro", "openai/gpt-5.5-pro"),
    (AA, "gemini-3-1-pro-preview", "openrouter/google/gemini-3.1-pro-preview-customtools"),
    (LB, "gpt-5.5-xhigh", "openai/gpt-5.5"),
    (LB, "claude-opus-4-8-xhigh-effort", "anthropic/claude-opus-4-8"),
    (LB, "gemini-3.1-pro-preview-high", "google/gemini-3.1-pro-preview"),
    (LB, "gemini-3.1-pro-preview-high", "google/gemini-3.1-pro-preview-customtools"),
    (LB, "gpt-5.1-2025-11-13-high", "openai/gpt-5.1"),
    (LB, "claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4-5"),
    (LB, "claude-4-sonnet-20250514-base", "anthropic/claude-sonnet-4-20250514"),
    (LB, "gpt-5.3-instant", "openai/gpt-5.3-chat-latest"),
    (LB, "grok-4.20-beta-0309-reasoning", "xai/grok-4.20-0309-reasoning"),
    (LB, "kimi-k2-thinking", "moonshotai/kimi-k2-thinking"),
    (LB, "gpt-5.1-codex-max", "openai/gpt-5.1-codex-max"),
]
# Near misses that must not match: effort variants vs other models, siblings, dated versions,
# preview vs GA.
NOT_SAME = [
    (AA, "gpt-5-4-mini-medium", "openai/gpt-5.4"),
    (AA, "gpt-5-4-nano", "openai/gpt-5.4"),
    (AA, "gpt-5-2-codex", "openai/gpt-5.2"),
    (AA, "gpt-5-1-codex-mini", "openai/gpt-5.1-codex"),
    (AA, "gpt-5-5-pro", "openai/gpt-5.5"),
    (AA, "gpt-5-mini-minimal", "openai/gpt-5"),
    (AA, "deepseek-v4-flash-high", "deepseek/deepseek-v4-pro"),
    (AA, "gemini-3-1-flash-lite-preview", "google/gemini-3.1-flash-lite"),
    (AA, "gemini-3-1-pro-preview", "google/gemini-3-pro-preview"),
    (AA, "claude-4-5-sonnet", "anthropic/claude-sonnet-4-20250514"),
    (AA, "claude-opus-4-5", "anthropic/claude-opus-4-1"),
    (AA, "gpt-4o", "openai/gpt-4o-2024-05-13"),
    (AA, "grok-4-20", "xai/grok-4.20-0309-reasoning"),
    (AA, "claude-sonnet-5-high", "anthropic/claude-opus-4-8"),
    (AA, "gpt-5-3-codex", "openai/gpt-5.3-codex-spark"),
    (AA, "grok-4-20-0309", "xai/grok-4.20-multi-agent-0309"),
    (AA, "gpt-5-4", "openai/gpt-5.4-pro"),
    (LB, "gpt-5.4-mini-high", "openai/gpt-5.4"),
    (LB, "gpt-5.1-codex-max", "openai/gpt-5.1-codex"),
    (LB, "gpt-5.2-codex", "openai/gpt-5.2"),
    (LB, "gpt-5.3-codex-high", "openai/gpt-5.3-codex-spark"),
    (LB, "grok-4.20-beta-0309-reasoning", "xai/grok-4.20-multi-agent-0309"),
    (LB, "kimi-k2-thinking", "moonshotai/kimi-k2-thinking-turbo"),
    (LB, "gemini-3.1-flash-lite-preview-high", "google/gemini-3.1-flash-lite"),
    (LB, "claude-opus-4-5-20251101-high-effort", "anthropic/claude-opus-4-1-20250805"),
    (LB, "grok-4.20-beta-0309-non-reasoning", "xai/grok-4.20-0309-reasoning"),
    (LB, "qwen3.6-flash", "alibaba/qwen3.6-plus"),
]
# Each lab's newest flagship in the bundled data, and its 2025 flagships.
FLAGSHIPS = {
    "openai": ("openai/gpt-5.5", ["openai/gpt-5", "openai/gpt-5.1", "openai/gpt-5.2"]),
    "anthropic": (
        "anthropic/claude-opus-4-8",
        ["anthropic/claude-opus-4-1", "anthropic/claude-opus-4-5"],
    ),
    "google": (
        "google/gemini-3.1-pro-preview",
        ["google/gemini-2.5-pro", "google/gemini-3-pro-preview"],
    ),
}


def _matched(con, source: str, name: str, canonical_id: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from int_quality__name_matches"
            " where source = ? and source_name = ? and canonical_id = ?",
            [source, name, canonical_id],
        ).fetchone()[0]
    )


@pytest.fixture(scope="module")
def coverage(con) -> list[tuple]:
    """Per provider: (provider, models, measured, unmeasured ids, with lab speed, with ttft).

    Measured: a source's figure for quality_overall (quality_source neither 'none' nor
    'inferred_lineage', and quality_overall set). Lab speed: an Artificial Analysis slug of the
    model's own lab, matched to the listing on that lab's provider, has a measured speed."""
    return con.execute(
        """
        select
            provider,
            count(*) as models,
            count(*) filter (where is_measured) as measured,
            list(canonical_id order by canonical_id) filter (where not is_measured) as unmeasured,
            count(*) filter (where has_lab_speed) as with_lab_speed,
            count(*) filter (where has_lab_speed and ttft_seconds is not null) as with_ttft
        from (
            select
                models.*,
                quality_source not in ('none', 'inferred_lineage')
                    and quality_overall is not null as is_measured,
                exists (
                    select 1
                    from int_quality__name_matches as matches
                    inner join stg_artificial_analysis__models as aa
                        on aa.aa_slug = matches.source_name
                    inner join seeds.lab_providers as labs
                        on labs.creator_slug = aa.creator_slug
                        and labs.provider = models.provider
                    where matches.source = 'artificial_analysis'
                        and matches.canonical_id = models.canonical_id
                        and (aa.ttft_seconds is not null or aa.output_tokens_per_second is not null)
                ) as has_lab_speed
            from models
        )
        where provider in ? and mode = 'chat' and release_date >= date '2026-01-01'
            and not is_deprecated
        group by provider
        order by provider
        """,
        [list(LABS)],
    ).fetchall()


def _measured_share(coverage: list[tuple]) -> tuple[int, int]:
    return sum(r[2] for r in coverage), sum(r[1] for r in coverage)


def test_2026_lab_models_have_measured_quality_and_speed(coverage) -> None:
    print("\ncoverage of 2026 chat models, per provider (measured / all, ttft / lab speed):")
    for provider, models, measured, _, lab_speed, ttft in coverage:
        print(f"  {provider:10} {measured}/{models} measured, {ttft}/{lab_speed} with ttft")
    measured, models = _measured_share(coverage)
    unmeasured = {c for r in coverage for c in (r[3] or [])}
    with_speed = sum(r[4] for r in coverage)
    with_ttft = sum(r[5] for r in coverage)
    print(f"  total      {measured}/{models} = {measured / models:.1%} measured")
    # Every model a source gives a figure for is measured; the rest no source measures.
    assert unmeasured == UNMEASURED_2026
    assert measured / models >= BUNDLED_MEASURED_FLOOR
    assert with_speed > 20 and with_ttft / with_speed >= 0.80


@pytest.mark.xfail(
    strict=True,
    reason="issue 13 asks for 90% measured; no bundled source gives a figure for the models in"
    " UNMEASURED_2026, so the bundled data stays below it (printed by the test above)",
)
def test_2026_lab_models_reach_the_issue_floor_of_measured_quality(coverage) -> None:
    measured, models = _measured_share(coverage)
    assert measured / models >= ISSUE_MEASURED_FLOOR


def test_unmeasured_pro_models_are_identified_but_carry_no_figure(con) -> None:
    # Artificial Analysis names both -pro models; what is missing is a figure, not a match.
    for slug, canonical_id in (
        ("gpt-5-4-pro", "openai/gpt-5.4-pro"),
        ("gpt-5-5-pro", "openai/gpt-5.5-pro"),
    ):
        assert _matched(con, AA, slug, canonical_id)
        figures = con.execute(
            "select count(*) from int_quality__source_scores where source = ? and source_name = ?",
            [AA, slug],
        ).fetchone()[0]
        assert figures == 0, slug


@pytest.mark.parametrize(("source", "name", "canonical_id"), SAME)
def test_hand_checked_pairs_match(con, source: str, name: str, canonical_id: str) -> None:
    assert _matched(con, source, name, canonical_id)


@pytest.mark.parametrize(("source", "name", "canonical_id"), NOT_SAME)
def test_hand_checked_near_misses_do_not_match(
    con, source: str, name: str, canonical_id: str
) -> None:
    listed = con.execute(
        "select count(*) from models where canonical_id = ?", [canonical_id]
    ).fetchone()[0]
    published = con.execute(
        "select count(*) from int_quality__source_names where source = ? and source_name = ?",
        [source, name],
    ).fetchone()[0]
    assert listed == 1 and published == 1  # a near miss between two things that both exist
    assert not _matched(con, source, name, canonical_id)


def test_the_pair_list_is_large_enough() -> None:
    assert len(SAME) + len(NOT_SAME) >= 40 and len(NOT_SAME) >= 15


def test_calibration_without_the_arena_keeps_the_arena_order(
    catalog_db: Path, tmp_path: Path
) -> None:
    with duckdb.connect(str(catalog_db), read_only=True) as con:
        arena = con.execute(
            "select canonical_id, arena_score, model_key from models"
            " where arena_score is not null"
            " and len(list_filter(quality_sources, lambda s: s like 'artificial_analysis:%')) > 0"
        ).fetchall()
        fits = con.execute(
            "select source, task, reference, n_models, intercept, slope, slope_years, r2,"
            " spearman, residual_sd from int_quality__calibration order by source, task"
        ).fetchall()
    print("\nfitted lines (arena-equivalent = a + b x figure + c x years since 2023):")
    for source, task, ref, n, a, b, c, r2, rho, sd in fits:
        print(
            f"  {source:20} {task:22} ref={ref:8} n={n:3} a={a:7.1f} b={b:5.2f} c={c:6.1f}"
            f" r2={r2 or 0:.2f} spearman={rho or 0:.3f} sd={sd:.1f}"
        )
    copy = tmp_path / "no-arena.duckdb"
    shutil.copyfile(catalog_db, copy)
    copy.chmod(0o644)
    with duckdb.connect(str(copy)) as con:
        con.execute("delete from raw.lmarena_scores")
        create_views(con)
        references = dict(
            con.execute(
                "select source, reference from int_quality__calibration where task = 'overall'"
            ).fetchall()
        )
        assert references == {AA: "prior", LB: AA}
        con.execute("create temp table arena (canonical_id varchar, score double, key varchar)")
        con.executemany("insert into arena values (?, ?, ?)", arena)
        assert con.execute("select count(arena_score) from models").fetchone()[0] == 0
        per_model, models = con.execute(
            """
            with pairs as (
                select arena.key, any_value(arena.score) as y, any_value(m.quality_overall) as x
                from arena inner join models as m using (canonical_id)
                where m.quality_overall is not null
                group by arena.key
            )
            select corr(rx, ry), count(*) from (
                select rank() over (order by x) as rx, rank() over (order by y) as ry from pairs
            )
            """
        ).fetchone()
    print(f"Spearman without the arena: {per_model:.3f} over {models} models")
    assert models >= 50
    assert per_model >= 0.8


@pytest.mark.parametrize("lab", sorted(FLAGSHIPS))
def test_each_labs_newest_flagship_ranks_above_its_2025_flagships(con, lab: str) -> None:
    newest, older = FLAGSHIPS[lab]
    quality = dict(
        con.execute(
            "select canonical_id, quality_overall from models where canonical_id in ?",
            [[newest, *older]],
        ).fetchall()
    )
    assert quality[newest] is not None
    for model in older:
        assert quality[model] is not None and quality[newest] > quality[model], quality


def test_disagreement_between_sources_is_kept_and_queryable(con) -> None:
    rows = con.execute(
        """
        select source, quality from int_models__quality_scores
        where canonical_id = 'openai/gpt-5.5' and task = 'overall' order by source
        """
    ).fetchall()
    assert [r[0] for r in rows] == [AA, LB]
    low, point, high = con.execute(
        "select quality_overall_low, quality_overall, quality_overall_high from models"
        " where canonical_id = 'openai/gpt-5.5'"
    ).fetchone()
    figures = [r[1] for r in rows]
    assert low <= min(figures) <= point <= max(figures) <= high


def test_inferred_quality_copies_a_measured_predecessor_with_a_wider_interval(con) -> None:
    predecessor, point, low, high = con.execute(
        "select quality_inferred_from, quality_overall, quality_overall_low,"
        " quality_overall_high from models where canonical_id = 'google/gemini-3.1-flash-lite'"
    ).fetchone()
    assert predecessor == "gemini-3-1-flash-lite-preview"
    source_point, source_low, source_high = con.execute(
        "select quality_overall, quality_overall_low, quality_overall_high from models"
        " where canonical_id = 'google/gemini-3.1-flash-lite-preview'"
    ).fetchone()
    assert point == source_point  # never above the measured figure it copies
    assert low < source_low and high > source_high


def test_an_inferred_model_runs_at_its_predecessors_effort(con) -> None:
    # GPT-6 Luna (litellm-only, unmeasured) copies GPT-5.6 Luna's figures, measured at 'high':
    # called at the lab's default it must lose what GPT-5.6 Luna loses, or an inferred figure
    # would beat the measured one it copies in every role that sets no effort.
    rows = con.execute(
        """
        select count(*), count(*) filter (
            where inferred.quality_effort is not distinct from measured.quality_effort
            and inferred.quality_effort_basis is not distinct from measured.quality_effort_basis
            and inferred.quality_default_offset is not distinct from measured.quality_default_offset
        )
        from models as inferred
        inner join models as measured
            on measured.model_key = inferred.quality_inferred_from
            and measured.quality_source <> 'inferred_lineage'
            and measured.quality_overall = inferred.quality_overall
        where inferred.quality_source = 'inferred_lineage'
        """
    ).fetchone()
    assert rows[0] > 20 and rows[1] == rows[0]
    luna = con.execute(
        "select quality_effort, quality_default_offset from models"
        " where canonical_id = 'openai/gpt-6-luna'"
    ).fetchone()
    assert luna[0] == "high" and luna[1] < -30


def test_speed_stays_on_the_labs_own_api(con) -> None:
    rows = dict(
        con.execute(
            "select canonical_id, ttft_seconds from models where canonical_id in"
            " ('anthropic/claude-opus-4-7', 'amazon-bedrock/global.anthropic.claude-opus-4-7')"
        ).fetchall()
    )
    assert rows["anthropic/claude-opus-4-7"] > 0
    assert rows["amazon-bedrock/global.anthropic.claude-opus-4-7"] is None


def test_quality_is_shared_by_every_host_of_a_model(con) -> None:
    hosts = con.execute(
        "select count(distinct quality_coding), count(*) from models"
        " where model_key = 'claude-opus-4-8' and quality_coding is not null"
    ).fetchone()
    assert hosts[0] == 1 and hosts[1] >= 3


def test_an_endpoint_serving_the_same_weights_shares_every_source(con) -> None:
    # gemini-3.1-pro-preview-customtools is the preview's weights (data/seeds/quality_aliases.csv):
    # on every host it takes both sources' figures, so its combined quality is the preview's.
    base, endpoint = (
        con.execute(
            "select list_distinct(list(quality_overall)), list_distinct(list(quality_sources))"
            " from models where model_key = ?",
            [key],
        ).fetchone()
        for key in ("gemini-3-1-pro-preview", "gemini-3-1-pro-preview-customtools")
    )
    assert len(base[0]) == 1 and base[0][0] is not None
    assert endpoint == base


def test_the_benchmark_sources_agree_on_average_where_they_score_the_same_models(con) -> None:
    # Per task, on the models both sources score (a pair per model_key), the calibrated figures
    # differ by 0 on average after the agreement move: a model one source alone scores is not
    # favoured for which source scored it. The move is half the raw gap, opposite per source.
    rows = con.execute(
        """
        with per_key as (
            select keys.model_key, scores.task, scores.source,
                avg(scores.quality) as quality, avg(scores.agreement_offset) as moved
            from int_models__quality_scores as scores
            inner join int_models__model_keys as keys using (canonical_id)
            where scores.source in ('artificial_analysis', 'livebench')
            group by all
        )
        select aa.task, count(*), avg(aa.quality - lb.quality), avg(aa.moved), avg(lb.moved)
        from per_key as aa
        inner join per_key as lb
            on lb.model_key = aa.model_key and lb.task = aa.task and lb.source = 'livebench'
        where aa.source = 'artificial_analysis'
        group by aa.task
        """
    ).fetchall()
    moved = 0
    for task, n, gap, aa_moved, lb_moved in rows:
        if n < 8:  # too few shared models: no move (calibration_min_models)
            assert aa_moved == lb_moved == 0, task
            continue
        assert abs(gap) < 1e-6, (task, gap)
        assert aa_moved == pytest.approx(-lb_moved), task
        moved += abs(aa_moved) > 1
    # on the bundled data the raw lines disagree by more than 2 points on several tasks
    assert moved >= 3
