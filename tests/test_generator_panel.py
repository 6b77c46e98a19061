"""The acceptance panel: every kind and requirement; picks satisfy them, resolve in litellm, and
are never Pareto-dominated where cost and quality both matter; generation is deterministic."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import duckdb
import pytest
import yaml

from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.generator.plan import writes_effort
from llmhub.generator.weights import FALLBACK_QUALITY_DISTANCE as FALLBACK_GAP
from llmhub.generator.weights import KIND_MODES, LEVEL_WEIGHTS
from llmhub.spec import load_spec
from llmhub.spec.models import RoleKind, RoleSpec
from tests.helpers import ASSETS, at_call

PANEL = ASSETS / "panel" / "llmhub.spec.yaml"


@pytest.fixture(scope="module")
def panel(catalog_db: Path):
    spec = load_spec(PANEL)
    result = generate_runtime_from_spec(PANEL, GeneratorOptions(no_llm=True, db_path=catalog_db))
    return spec, result


def _rows(con, provider: str, model: str) -> list[dict]:
    # The test's own query: the catalog rows litellm would call for provider/model.
    cur = con.execute(
        """
        select * from models
        where litellm_provider = $p and (litellm_model = $m or litellm_model = $p || '/' || $m)
        """,
        {"p": provider, "m": model},
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _satisfies(row: dict, role: RoleSpec) -> list[str]:
    req = role.requires
    broken = []
    if row["mode"] not in KIND_MODES[role.kind]:
        broken.append("kind")
    if (req.tools or role.kind is RoleKind.tool) and not row["supports_tool_call"]:
        broken.append("tools")
    if req.reasoning and not row["supports_reasoning"]:
        broken.append("reasoning")
    if req.structured_output and not row["supports_structured_output"]:
        broken.append("structured_output")
    if req.open_weights and not row["open_weights"]:
        broken.append("open_weights")
    if req.input_modalities and not set(req.input_modalities) <= set(row["input_modalities"]):
        broken.append("input_modalities")
    if req.output_modalities and not set(req.output_modalities) <= set(row["output_modalities"]):
        broken.append("output_modalities")
    if req.context_min and (row["context_tokens"] or 0) < req.context_min:
        broken.append("context_min")
    if req.output_min and (row["max_output_tokens"] or 0) < req.output_min:
        broken.append("output_min")
    for key, column in (
        ("max_price_input", "price_input_per_million"),
        ("max_price_output", "price_output_per_million"),
        ("max_price_blended", "price_blended_per_million"),
    ):
        cap = getattr(req, key)
        if cap is not None and (row[column] is None or row[column] > cap):
            broken.append(key)
    # measured at the lab's default, the call a latency-minded role makes (an estimate is not
    # in the catalog: the query's figure for it is checked by the selection tests)
    ttft = row["ttft_seconds"]
    if req.max_latency_seconds is not None and ttft is not None and ttft > req.max_latency_seconds:
        broken.append("max_latency_seconds")
    if req.exclude_providers and row["provider"] in req.exclude_providers:
        broken.append("exclude_providers")
    if req.exclude_models and (
        row["model_id"] in req.exclude_models or row["canonical_id"] in req.exclude_models
    ):
        broken.append("exclude_models")
    return broken


def test_panel_covers_every_kind_and_requirement() -> None:
    spec = load_spec(PANEL)
    assert len(spec.roles) >= 12
    assert {r.kind for r in spec.roles.values()} == set(RoleKind)
    used = {k for r in spec.roles.values() for k, v in r.requires if v not in (None, False)}
    assert used == set(type(next(iter(spec.roles.values())).requires).model_fields)


def test_every_pick_and_fallback_satisfies_the_role(panel, catalog_db: Path) -> None:
    spec, result = panel
    assert set(result.runtime.roles) == set(spec.roles)
    con = duckdb.connect(str(catalog_db), read_only=True)
    try:
        for name, role_cfg in result.runtime.roles.items():
            role = spec.roles[name]
            assert role_cfg.mode.value == role.kind.value
            picks = [(role_cfg.provider, role_cfg.model)]
            picks += [(f.provider, f.model) for f in role_cfg.fallbacks]
            if role.force_model:
                assert role_cfg.model == role.force_model
                picks = picks[1:]
            for provider, model in picks:
                rows = _rows(con, provider, model)
                assert rows, f"{name}: {provider}/{model} is not a catalog model"
                assert any(not _satisfies(r, role) for r in rows), (
                    f"{name}: {provider}/{model} breaks {_satisfies(rows[0], role)}"
                )
            assert len(role_cfg.fallbacks) <= role.fallbacks
            assert (role_cfg.provider, role_cfg.model) not in [
                (f.provider, f.model) for f in role_cfg.fallbacks
            ]
            if role.preferences.providers and not role.force_provider:
                allowed = set(role.preferences.providers)
                for provider, model in picks:
                    assert {r["provider"] for r in _rows(con, provider, model)} & allowed
    finally:
        con.close()


# litellm's lazily imported provider modules warn about pydantic ReadOnly TypedDict items.
@pytest.mark.filterwarnings("ignore:Item.*ReadOnly. qualifier:UserWarning")
def test_every_pick_resolves_with_litellm(panel) -> None:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    _, result = panel
    for name, role in result.runtime.roles.items():
        for provider, model in [(role.provider, role.model)] + [
            (f.provider, f.model) for f in role.fallbacks
        ]:
            _, resolved, _, _ = litellm.get_llm_provider(f"{provider}/{model}")
            assert resolved == provider, f"{name}: {provider}/{model} -> {resolved}"


def _quality_gap(reason: str) -> float:
    found = re.search(r"higher quality: ([\d,.]+) vs ([\d,.]+)", reason)
    if found is None:
        return 0.0
    pick, other = (float(g.replace(",", "")) for g in found.groups())
    return pick - other


def test_fallbacks_include_another_provider_when_one_qualifies(panel, catalog_db: Path) -> None:
    _, result = panel
    checked = 0
    for name, explanation in result.explanations.items():
        role = result.runtime.roles[name]
        if not role.fallbacks or explanation.forced:
            continue
        # A runner-up qualifies as a fallback when it passes and is within the documented
        # quality distance of the pick (its reason states the gap when quality decided).
        other_ok = [
            r
            for r in explanation.runners_up
            if not r["reason"].startswith("fails") and _quality_gap(r["reason"]) <= FALLBACK_GAP
        ]
        providers = {f.provider for f in role.fallbacks}
        if any(r["model"].split("/")[0] != role.provider for r in other_ok) or len(providers) > 1:
            assert providers - {role.provider}, f"{name}: every fallback on {role.provider}"
            checked += 1
    assert checked >= 5


def test_no_pick_is_pareto_dominated_when_cost_and_quality_matter(panel, catalog_db) -> None:
    spec, result = panel
    con = duckdb.connect(str(catalog_db), read_only=True)
    checked = 0
    try:
        for name, role in spec.roles.items():
            prefs = role.preferences
            general = not (prefs.reasoning or prefs.creative or prefs.coding)
            matters = {"medium", "high"}
            if (
                role.kind not in (RoleKind.chat, RoleKind.tool)
                or role.force_model
                or not general
                or (prefs.quality.value if prefs.quality else "medium") not in matters
                # cost matters at low (wants cheap) and medium; high or unset: no concern
                or (prefs.cost.value if prefs.cost else None) not in ("low", "medium")
            ):
                continue
            explanation = result.explanations[name]
            latency_weight = LEVEL_WEIGHTS["latency"][prefs.latency]
            assert not explanation.relaxations
            assert not explanation.inferred, "panel descriptions must not add task weights"
            pick = result.runtime.roles[name]
            allowed = set(role.preferences.providers or [])
            # The candidates passing the requirements, with the test's own quality and price.
            cur = con.execute(
                """
                select m.*, case
                    -- the role's task (docs/picking.md): tools -> agentic, else overall; a
                    -- task figure the sources lack is the model's overall figure
                    when $tools then coalesce(m.quality_agentic, m.quality_overall)
                    else m.quality_overall
                end as full_score
                from models as m
                where m.litellm_model is not null
                """,
                {
                    "tools": role.kind is RoleKind.tool
                    or bool(role.requires.tools)
                    or "tools" in explanation.read.split(", ")
                },
            )
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
            enabled = allowed or {n for n, p in spec.providers.items() if p.enabled}
            spellings = {"google": {"google", "gemini"}}
            wanted = set().union(*(spellings.get(p, {p}) for p in enabled))
            writes = writes_effort(
                {a: getattr(prefs, a) for a in ("quality", "reasoning", "coding", "creative",
                                                "latency", "cost")},
                role.mode_params,
                requires_reasoning=bool(role.requires.reasoning),
            )  # fmt: skip
            for r in rows:
                # ranked on the figure of the effort its call runs at
                r["full_score"] = at_call(r, r["full_score"], writes_effort=writes)
            # models a lab API or major cloud sells at a known price; any other is a
            # re-seller's, and dominates only models like it (docs/picking.md section 7)
            first_party = {
                r["model_key"] or r["model_group"]
                for r in rows
                if r["host_class"] in ("lab", "cloud")
                and r["price_blended_per_million"] is not None
                and not r["is_free_listing"]
            }
            candidates = [
                r
                for r in rows
                if not _satisfies(r, role)
                and not r["is_deprecated"]
                and (r["provider"] in wanted or r["litellm_provider"] in wanted)
                and r["full_score"] is not None
                and r["price_blended_per_million"] is not None
                and not r["is_free_listing"]
            ]
            # Each model competes at the listing it would be called on: host order, then price.
            host_rank = {"lab": 0, "cloud": 1}
            first: dict[str, dict] = {}
            for r in sorted(
                candidates,
                key=lambda r: (
                    host_rank.get(r["host_class"], 2),
                    r["price_blended_per_million"],
                    r["canonical_id"],
                ),
            ):
                first.setdefault(r["model_key"] or r["model_group"], r)
            mine = [
                r
                for r in candidates
                if r["litellm_provider"] == pick.provider
                and r["litellm_model"] in (pick.model, f"{pick.provider}/{pick.model}")
            ]
            if not mine:
                continue  # unknown quality or price: nothing to compare on
            me = mine[0]
            for other in first.values():
                if (other["model_key"] or other["model_group"]) == (
                    me["model_key"] or me["model_group"]
                ):
                    continue
                if other["quality_source"] == "inferred_lineage":
                    continue  # a copied figure dominates nothing (docs/picking.md section 7)
                if (other["model_key"] or other["model_group"]) not in first_party and (
                    me["model_key"] or me["model_group"]
                ) in first_party:
                    continue  # a re-seller's model dominates only re-sellers' models
                # docs/picking.md section 7: quality and price are all that count only without a
                # latency weight; with one, a model dominates only if it is no slower as well
                # (measured time to first token; an unmeasured one cannot be shown faster)
                no_slower = latency_weight == 0 or (
                    other["ttft_seconds"] is not None
                    and me["ttft_seconds"] is not None
                    and other["ttft_seconds"] <= me["ttft_seconds"]
                )
                dominates = (
                    no_slower
                    and other["full_score"] >= me["full_score"]
                    and other["price_blended_per_million"] <= me["price_blended_per_million"]
                    and (
                        other["full_score"] > me["full_score"]
                        or other["price_blended_per_million"] < me["price_blended_per_million"]
                    )
                )
                assert not dominates, (
                    f"{name}: {other['canonical_id']} dominates {me['canonical_id']}"
                )
            checked += 1
    finally:
        con.close()
    assert checked >= 3


def test_forced_model_wins_and_temperature_is_checked(panel) -> None:
    _, result = panel
    forced = result.runtime.roles["forced"]
    assert (forced.provider, forced.model) == ("openai", "gpt-4o-mini")
    assert forced.params == {"temperature": 0.2}
    assert result.explanations["forced"].forced == "force_model gpt-4o-mini"
    for fb in forced.fallbacks:
        assert fb.price_input_per_million is not None


def test_prices_are_written(panel) -> None:
    _, result = panel
    for name, role in result.runtime.roles.items():
        if name != "image.gen":
            assert role.price_input_per_million is not None, name


def test_explanations_have_filters_scores_runners_up_and_caveats(panel) -> None:
    _, result = panel
    e = result.explanations["budget"]
    names = [f for f, _ in e.filters]
    assert names[:2] == ["callable", "kind"]
    assert {"max_price_input", "max_price_output", "max_price_blended"} <= set(names)
    counts = [n for _, n in e.filters]
    assert counts == sorted(counts, reverse=True)
    assert e.score["total"] is not None
    # Three runners-up, plus up to two that lost with unknown quality (and why).
    assert 3 <= len(e.runners_up) <= 5
    assert all(r["reason"] for r in e.runners_up)
    assert re.search(
        r"\$[0-9.]+ per 1M blended, [0-9.]+ s to first token \((measured|estimated)\b", e.pick_facts
    )
    # Run-wide caveats are printed once per run, not per role.
    assert not any(c.startswith("source ") for c in e.caveats)
    assert any(c.startswith("source ") for c in result.caveats)
    assert any("estimated" in c for c in result.caveats)
    assert e.needs_source == "keyword heuristic"


def _shuffled_copy(tmp_path: Path, seed: int) -> Path:
    data = yaml.safe_load(PANEL.read_text())
    names = list(data["roles"])
    random.Random(seed).shuffle(names)
    data["roles"] = {n: data["roles"][n] for n in names}
    providers = list(data["providers"])
    random.Random(seed + 1).shuffle(providers)
    data["providers"] = {n: data["providers"][n] for n in providers}
    path = tmp_path / f"shuffled-{seed}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_generation_is_deterministic_also_after_shuffling(tmp_path: Path, catalog_db) -> None:
    options = GeneratorOptions(no_llm=True, db_path=catalog_db)
    first = generate_runtime_from_spec(PANEL, options).text
    second = generate_runtime_from_spec(PANEL, options).text
    assert first == second
    for seed in (1, 2):
        shuffled = _shuffled_copy(tmp_path, seed)
        assert list(load_spec(shuffled).roles) != list(load_spec(PANEL).roles)
        assert generate_runtime_from_spec(shuffled, options).text == first
