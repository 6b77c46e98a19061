"""Quality at the effort the call runs at (issue 12, point 10).

Each source lists a model once per effort ('gpt-5-5' at xhigh, 'gpt-5-5-high', ...). The figure
a model is ranked on is the variant whose reasoning_effort llmhub writes, else the lab's default
effort, else the headline figure, marked and widened; a role that writes no effort is ranked at
the lab's default. The expected figures are the test's own reading of the catalog's sources.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.generator.query import EFFORT_PROVIDERS, RoleQuery, run_selection
from llmhub.paths import resource
from llmhub.spec.loader import parse_spec

_LEVEL = re.compile(r"(?<!x)(low|medium|high)")


def _generate(text: str, db: Path):
    return generate_runtime_from_spec(parse_spec(text), GeneratorOptions(no_llm=True, db_path=db))


def test_the_sql_writes_effort_for_the_providers_the_generator_does() -> None:
    # One list in two places: the refresh-time choice of variant and generator/params.py.
    text = resource("sql", "intermediate", "int_models__quality_matches.sql").read_text("utf-8")
    listed = re.search(r"litellm_provider in \(([^)]*)\)", text)
    assert listed is not None
    assert tuple(re.findall(r"'([^']+)'", listed.group(1))) == EFFORT_PROVIDERS


def test_a_source_that_measured_the_call_effort_gives_that_figure(con) -> None:
    # For every model whose call effort is set, each source that scored a variant at that
    # effort is read at it, never at its headline ('xhigh', 'max') figure.
    rows = con.execute(
        "select m.canonical_id, m.quality_effort, q.source, q.variant,"
        " list(n.variant) filter (where s.value is not null)"
        " from models as m"
        " inner join int_models__quality_matches as q on q.canonical_id = m.canonical_id"
        " inner join int_quality__name_matches as a"
        "   on a.canonical_id = m.canonical_id and a.source = q.source"
        " inner join int_quality__source_names as n"
        "   on n.source = a.source and n.source_name = a.source_name"
        " left join int_quality__source_scores as s"
        "   on s.source = a.source and s.source_name = a.source_name and s.task = 'overall'"
        " where m.quality_effort is not null group by all"
    ).fetchall()
    checked = 0
    for canonical_id, effort, source, chosen, measured in rows:
        at_effort = [v for v in measured if v and (_LEVEL.findall(v) or [None])[-1] == effort]
        if at_effort:
            checked += 1
            assert chosen in at_effort, (canonical_id, source, chosen, at_effort)
    assert checked >= 20


def test_gpt_5_5_is_ranked_at_the_effort_it_is_called_with(con) -> None:
    # Artificial Analysis's headline 'gpt-5-5' is xhigh, which litellm does not map: the
    # catalog takes its 'high' figure, which the generator writes.
    effort, basis, sources = con.execute(
        "select quality_effort, quality_effort_basis, quality_sources from models"
        " where canonical_id = 'openai/gpt-5.5'"
    ).fetchone()
    assert (effort, basis) == ("high", "effort")
    assert "artificial_analysis:gpt-5-5-high" in sources
    assert not any(s.endswith("xhigh") or s == "artificial_analysis:gpt-5-5" for s in sources)


def test_a_role_that_writes_no_effort_is_ranked_at_the_default(con) -> None:
    # The same model, two roles: one the generator writes reasoning_effort for, one it does
    # not (latency: low). The second ranks it lower by the measured default-effort gap.
    canonical_id, offset = con.execute(
        "select canonical_id, quality_default_offset from models where provider = 'openai'"
        " and quality_effort_basis = 'effort' and quality_default_offset < -5"
        " and host_class = 'lab' order by canonical_id limit 1"
    ).fetchone()
    base = {"modes": ("chat",), "providers": ("openai",)}
    found = run_selection(
        con,
        [RoleQuery(role="deep", writes_effort=True, **base), RoleQuery(role="fast", **base)],
        top_k=500,
    )
    deep, fast = (
        next(r for r in found[role].rows if r.canonical_id == canonical_id)
        for role in ("deep", "fast")
    )
    assert deep.task_quality is not None and fast.task_quality is not None
    assert abs((fast.task_quality - deep.task_quality) - offset) < 1e-6
    assert fast.task_quality_low <= deep.task_quality_low + offset + 1e-6


def test_a_quality_first_pick_writes_the_effort_it_was_ranked_at(catalog_db: Path, con) -> None:
    result = _generate(
        "providers:\n  openai: {}\n  anthropic: {}\n  google: {}\nroles:\n  deep:\n"
        "    description: Careful answers to hard questions.\n"
        "    preferences: {quality: high, cost: high}\n",
        catalog_db,
    )
    role = result.runtime.roles["deep"]
    effort, basis, source = con.execute(
        "select quality_effort, quality_effort_basis, quality_source from models"
        " where litellm_provider = $p and litellm_model = $p || '/' || $m",
        {"p": role.provider, "m": role.model},
    ).fetchone()
    facts = result.explanations["deep"].pick_facts
    assert role.params.get("reasoning_effort") == effort
    if source == "inferred_lineage":
        # no source has measured it: it runs at the effort its predecessor's figures are of
        # (quality_effort, checked above), and the explanation says the figure is inferred
        assert "quality inferred from " in facts
        assert "inferred, not measured" in " ".join(result.explanations["deep"].caveats)
    elif basis == "effort":
        assert f"reasoning_effort {effort!r}, which the call sets" in facts
    elif basis == "headline":
        assert "headline figure" in facts
    else:
        assert "the lab's default effort" in facts


def test_a_headline_figure_is_marked_in_explain(catalog_db: Path, con) -> None:
    # DeepSeek's best model on its own API, as the catalog reads it: when its figure is the
    # headline one (its default effort never measured), the explanation says so.
    model, basis = con.execute(
        "select model_id, quality_effort_basis from models where provider = 'deepseek'"
        " and mode = 'chat' and quality_overall is not null and not is_deprecated"
        " order by quality_overall desc, model_id limit 1"
    ).fetchone()
    assert basis == "headline"
    result = _generate(
        "providers:\n  deepseek: {}\nroles:\n  deep:\n    description: Careful answers.\n"
        "    preferences: {quality: high, cost: high}\n",
        catalog_db,
    )
    role = result.runtime.roles["deep"]
    assert role.model == model
    assert "headline figure" in result.explanations["deep"].pick_facts
    assert "reasoning_effort" not in role.params


def test_a_fallback_is_called_at_the_effort_it_was_ranked_on(catalog_db: Path, con) -> None:
    # Fallbacks are ranked, like the pick, on the figure of the effort their call runs at; in a
    # role that writes efforts the fallback's call sets its measured effort too, else it would
    # run at the lab's default, quality_default_offset points below what it was ranked on.
    result = _generate(
        "providers:\n  openai: {}\n  anthropic: {}\n  google: {}\nroles:\n  best:\n"
        "    description: Careful answers.\n    preferences: {quality: high, cost: high}\n"
        "    fallbacks: 3\n",
        catalog_db,
    )
    role = result.runtime.roles["best"]
    checked = 0
    for fb in role.fallbacks:
        effort, reasoning = con.execute(
            "select quality_effort, supports_reasoning from models"
            " where litellm_provider = $p and litellm_model = $p || '/' || $m",
            {"p": fb.provider, "m": fb.model},
        ).fetchone()
        if reasoning and effort is not None and fb.provider in EFFORT_PROVIDERS:
            assert fb.params.get("reasoning_effort") == effort, fb
            checked += 1
        else:
            assert "reasoning_effort" not in fb.params, fb
    assert checked >= 1


def test_the_overall_tie_break_counts_the_effort_the_call_runs_at(con) -> None:
    # A tie on score went to the better model overall on its headline figure, while the task
    # figure beside it counted the lab's default: GLM-5.2 (1,533 headline, 1,503 as called) beat
    # Kimi K2.7 Code (1,517) for a coding role whose call sets no effort.
    overall = dict(
        con.execute(
            "select model_group, q from selection_group_quality where task = 'overall'"
        ).fetchall()
    )
    for writes in (False, True):
        query = RoleQuery(role="c", modes=("chat",), task="coding", writes_effort=writes)
        rows = run_selection(con, [query], top_k=300)["c"].rows
        offsets = 0
        for row in rows:
            if row.overall_quality is None:
                continue
            at_effort = (
                writes
                and row.supports_reasoning
                and row.quality_effort is not None
                and row.litellm_provider in EFFORT_PROVIDERS
            )
            offset = 0.0 if at_effort else row.quality_default_offset or 0.0
            offsets += offset != 0
            assert row.overall_quality == pytest.approx(overall[row.model_group] + offset), row
        # the headline-only models of the top 300 lose their 30 points when called as is
        assert offsets > 0 or writes
