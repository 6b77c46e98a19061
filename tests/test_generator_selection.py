"""Selection rules: relaxation, errors, SQL values as data, unknown quality, params, Pareto."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmhub.errors import SelectionError, SpecError
from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.generator.params import check_params
from llmhub.generator.query import CandidateRow, RoleQuery, run_selection
from llmhub.generator.weights import (
    FALLBACK_MAX_PRICE_RATIO,
    FALLBACK_QUALITY_DISTANCE,
    FILTERS,
    HIGH_QUALITY_BAND,
    RELAXABLE,
)
from llmhub.spec import parse_spec
from tests.helpers import file_sha256

INJECTION = "x'; DROP TABLE models; --"


def _generate(text: str, catalog: Path):
    return generate_runtime_from_spec(
        parse_spec(text), GeneratorOptions(no_llm=True, db_path=catalog)
    )


def test_spec_values_are_bound_parameters_never_sql(con, catalog_db: Path) -> None:
    before = file_sha256(catalog_db)
    count = con.execute("select count(*) from models").fetchone()[0]
    query = RoleQuery(
        role=INJECTION,
        modes=("chat",),
        providers=(INJECTION, "openai"),
        exclude_models=(INJECTION,),
        exclude_providers=(INJECTION,),
    )
    rows = run_selection(con, [query])[INJECTION]
    assert rows.role == INJECTION
    assert rows.rows and all(r.litellm_provider == "openai" for r in rows.rows if r.passes)
    assert con.execute("select count(*) from models").fetchone()[0] == count
    only_injection = RoleQuery(role="r", modes=("chat",), providers=(INJECTION,))
    assert not [r for r in run_selection(con, [only_injection])["r"].rows if r.passes]
    assert file_sha256(catalog_db) == before


def test_injection_in_free_text_and_excludes_is_data(catalog_db: Path) -> None:
    result = _generate(
        "providers:\n  openai: {}\nroles:\n  a:\n"
        f'    description: "{INJECTION}"\n'
        f'    requires: {{exclude_models: ["{INJECTION}"]}}\n',
        catalog_db,
    )
    assert result.runtime.roles["a"].provider == "openai"


def test_filters_and_relaxable_are_consistent() -> None:
    assert set(RELAXABLE) <= set(FILTERS)
    for never in ("kind", "providers", "exclude_models", "exclude_providers", "input_modalities"):
        assert never not in RELAXABLE


def test_opted_in_relaxation_drops_only_the_blocking_cap(catalog_db: Path, con) -> None:
    result = _generate(
        "providers:\n  openai: {}\nroles:\n  a:\n    description: classify text\n"
        "    requires: {max_price_blended: 0.0000001, context_min: 100000}\n    relax: true\n",
        catalog_db,
    )
    explanation = result.explanations["a"]
    # Only the cap blocks: context_min stays, and status is not touched.
    assert [r.split()[0] for r in explanation.relaxations] == ["max_price_blended"]
    assert "relaxed relaxed" not in " ".join(result.warnings) + explanation.summary()
    assert any("relaxed max_price_blended" in w for w in result.warnings)
    role = result.runtime.roles["a"]
    # After relaxing the cap, the pick is the candidate nearest it: the cheapest that still
    # meets context_min among openai's priced, active models.
    cheapest = con.execute(
        "select min(price_blended_per_million) from models where litellm_provider = 'openai' "
        "and mode = 'chat' and context_tokens >= 100000 and not is_deprecated "
        # retiring within the month counts as deprecated for selection (selection_candidates)
        "and coalesce(deprecation_date > getvariable('llmhub_as_of') + 30, true) "
        "and not is_free_listing and price_blended_per_million is not null "
        "and list_contains(output_modalities, 'text') and list_contains(input_modalities, 'text')"
    ).fetchone()[0]
    assert role.price_input_per_million is not None
    picked = con.execute(
        "select price_blended_per_million, context_tokens from models "
        "where litellm_model = 'openai/' || $m",
        {"m": role.model},
    ).fetchone()
    assert picked[0] == cheapest and picked[1] >= 100000


@pytest.mark.parametrize(
    ("cap", "column", "unit", "providers"),
    [
        ("max_price_output", "price_output_per_million", "output", ("openai",)),
        ("max_price_input", "price_input_per_million", "input", ("openai", "anthropic", "google")),
    ],
)
def test_a_relaxed_input_or_output_cap_ranks_by_that_price(
    catalog_db: Path, con, cap: str, column: str, unit: str, providers: tuple[str, ...]
) -> None:
    # After a $0.30 output cap was relaxed, "nearest the cap" was measured on the blended price:
    # GPT-4o mini ($0.26 blended, $0.60 out) came first, over models at $0.40 or $0.50 out. The
    # distance is now of the price the cap is about, and the explanation names it.
    value = {"max_price_output": 0.3, "max_price_input": 0.04}[cap]
    declared = "".join(f"  {p}: {{}}\n" for p in providers)
    # google's listings go through litellm's gemini prefix
    spellings = [*providers, *(["gemini"] if "google" in providers else [])]
    result = _generate(
        f"providers:\n{declared}roles:\n  a:\n    description: Tag articles.\n"
        f"    preferences: {{quality: medium, cost: low}}\n    requires: {{{cap}: {value}}}\n"
        f"    relax: [{cap}]\n",
        catalog_db,
    )
    role = result.runtime.roles["a"]
    explanation = result.explanations["a"]
    assert [r.split()[0] for r in explanation.relaxations] == [cap]
    assert f"nearest the cap first, by the {unit} price" in explanation.relaxations[0]
    # the candidates the other filters leave, as the selection's filters read the catalog
    candidates = """
        from models where litellm_model is not null
        and (list_contains($providers, provider) or list_contains($providers, litellm_provider))
        and mode = 'chat' and not is_deprecated
        and coalesce(deprecation_date > getvariable('llmhub_as_of') + 30, true)
        and not is_free_listing and price_blended_per_million > 0
        and list_contains(output_modalities, 'text') and list_contains(input_modalities, 'text')
    """
    nearest = con.execute(
        f"select min(abs({column} - $cap)) {candidates} and {column} is not null",
        {"cap": value, "providers": spellings},
    ).fetchone()[0]
    picked = con.execute(
        f"select {column}, price_blended_per_million from models where litellm_model = $m",
        {"m": f"{role.provider}/{role.model}"},
    ).fetchone()
    assert abs(picked[0] - value) == pytest.approx(nearest), (role.model, picked)
    # by the blended price, another candidate is nearer the cap: the order is not the blended's
    blended_nearest = con.execute(
        f"select min(abs(price_blended_per_million - $cap)) {candidates}",
        {"cap": value, "providers": spellings},
    ).fetchone()[0]
    assert abs(picked[1] - value) > blended_nearest
    # a runner-up that lost on the distance says which price, with the catalog's figures
    nearer = [r for r in explanation.runners_up if r["reason"].startswith("nearer the relaxed")]
    assert nearer, explanation.runners_up
    for runner_up in nearer:
        theirs = con.execute(
            f"select {column} from models where litellm_model = $m", {"m": runner_up["model"]}
        ).fetchone()[0]
        assert runner_up["reason"].startswith(
            f"nearer the relaxed {unit} price cap of ${value:.2f}: ${picked[0]:.2f} vs "
            f"${theirs:.2f} per 1M {unit} "
        ), runner_up


def test_a_hard_requirement_is_never_relaxed_without_opt_in(catalog_db: Path) -> None:
    with pytest.raises(SelectionError) as info:
        _generate(
            "providers:\n  openai: {}\nroles:\n  a:\n    description: classify text\n"
            "    requires: {context_min: 50000000}\n",
            catalog_db,
        )
    assert info.value.constraint == "context_min"
    assert "`context_min` blocks every candidate" in str(info.value)
    assert "closest: openai/" in str(info.value)
    assert "relax: [context_min]" in info.value.fix


def test_the_blocking_filters_named_are_the_ones_a_spec_can_loosen(catalog_db: Path) -> None:
    # Text to speech on Groq with open weights: Groq's one speech model (Orpheus) is unpriced and
    # not open weights, and its transcribers fail the modalities the kind sets. Both sets have
    # two filters; the error named the modalities ("... blocks every candidate"), which no spec
    # edit changes, and put the transcribers first among the closest.
    with pytest.raises(SelectionError) as info:
        _generate(
            "providers:\n  groq: {}\nroles:\n  speak:\n    kind: audio\n"
            "    description: Read answers aloud (text to speech).\n"
            "    requires: {open_weights: true}\n",
            catalog_db,
        )
    message = str(info.value)
    assert "`priced`, `open_weights` block every candidate" in message
    assert info.value.constraint == "priced"
    closest = message.split("closest: ", 1)[1].split(";")[0]
    assert "(fails priced, open_weights)" in closest
    assert "relax: [open_weights]" in info.value.fix


def test_selection_error_names_the_constraint_and_closest(catalog_db: Path) -> None:
    with pytest.raises(SelectionError) as info:
        _generate(
            "providers:\n  openai: {}\nroles:\n  a:\n    description: x\n"
            "    requires: {input_modalities: [video]}\n",
            catalog_db,
        )
    error = info.value
    assert error.role == "a"
    assert error.constraint == "input_modalities"
    assert "closest: openai/" in str(error)
    assert "fails input_modalities" in str(error)


def test_embedding_roles_only_get_embedding_models(catalog_db: Path, con) -> None:
    result = _generate(
        "roles:\n  e: {kind: embedding, description: embed, preferences: {cost: high}}\n",
        catalog_db,
    )
    role = result.runtime.roles["e"]
    for provider, model in [(role.provider, role.model)] + [
        (f.provider, f.model) for f in role.fallbacks
    ]:
        modes = con.execute(
            "select distinct mode from models where litellm_provider = $p "
            "and (litellm_model = $m or litellm_model = $p || '/' || $m)",
            {"p": provider, "m": model},
        ).fetchall()
        assert modes == [("embedding",)]


def test_rows_are_the_objects_candidaterow_would_build(con) -> None:
    # run_selection fills each row's __dict__ instead of calling the frozen dataclass's
    # __init__; that is the same object only while __init__ does nothing else.
    import dataclasses

    assert not hasattr(CandidateRow, "__post_init__")
    fields = dataclasses.fields(CandidateRow)
    assert fields[-1].name == "failed_filters"
    assert all(f.init and f.default_factory is dataclasses.MISSING for f in fields)
    rows = run_selection(con, [RoleQuery(role="r", modes=("chat",))], prefilter=False)["r"].rows
    assert any(r.failed_filters for r in rows) and any(r.passes for r in rows)
    assert [r.rank for r in rows] == sorted(r.rank for r in rows)
    for row in rows:
        built = CandidateRow(**{f.name: getattr(row, f.name) for f in fields})
        assert row == built and hash(row) == hash(built) and repr(row) == repr(built)
        assert list(vars(row)) == list(vars(built)) == [f.name for f in fields]
        # each value landed in its own field
        assert row.canonical_id == f"{row.provider}/{row.model_id}"
        assert row.litellm_model.endswith(row.model) and isinstance(row.score, float)
        assert row.model == built.model
        with pytest.raises(dataclasses.FrozenInstanceError):
            row.rank = 0  # type: ignore[misc]


def test_unknown_quality_gets_the_prior_not_zero(con) -> None:
    base = RoleQuery(role="q", modes=("chat",), w_latency=0.0, providers=("openai", "mistral"))
    rows = run_selection(con, [base], top_k=400)["q"].rows
    known = [r for r in rows if r.passes and r.task_quality is not None]
    unknown = [r for r in rows if r.passes and r.task_quality is None]
    assert known and unknown
    prior = unknown[0].quality_prior
    assert prior is not None
    figures = sorted(r.task_quality for r in known)
    assert figures[0] < prior < figures[-1]  # neither the bottom nor the top of the scale
    for u in unknown:
        assert u.quality_part > 0
        for k in known:
            priced = None not in (k.price_blended_per_million, u.price_blended_per_million)
            better = k.task_quality >= prior and not k.is_dominated
            if priced and k.price_blended_per_million <= u.price_blended_per_million and better:
                assert k.rank < u.rank, (k.canonical_id, u.canonical_id)


def test_a_tie_on_score_goes_to_the_better_model_overall(con, catalog_db: Path) -> None:
    # The reasoning column puts the frontier within its tie band (grok-4.5, gpt-5.6-sol,
    # claude-opus-4-8, kimi-k2.7-code all about 1,513-1,522): in a role that weighs nothing
    # but quality, the price tie-break gave "best reasoning, price no concern" to the cheapest
    # of them, a coding model. The tie now goes to the better model overall, then to price.
    query = RoleQuery(
        role="q", modes=("chat",), task="reasoning", w_quality=3.0, w_cost=0.0, w_latency=0.0,
        pareto=False, quality_band=HIGH_QUALITY_BAND,
    )  # fmt: skip
    rows = [r for r in run_selection(con, [query], top_k=400)["q"].rows if r.passes]
    overall = dict(
        con.execute(
            "select canonical_id, quality_overall from models where quality_overall is not null"
        ).fetchall()
    )
    tied = [r for r in rows if r.score == rows[0].score]
    assert len(tied) >= 3
    prices = {r.price_blended_per_million for r in tied}
    assert len(prices) >= 2  # the tie is not also one on price
    for earlier, later in itertools.pairwise(tied):
        assert (earlier.overall_quality or 0) >= (later.overall_quality or 0)
    assert rows[0].overall_quality == pytest.approx(
        max(overall[r.canonical_id] for r in tied if r.canonical_id in overall)
    )
    # the reason says so
    result = _generate(
        """
project: t
roles:
  summary:
    description: Summarize medical case notes for doctors.
    preferences: {quality: high, reasoning: high, cost: high, latency: high}
""",
        catalog_db,
    )
    runners = result.explanations["summary"].runners_up
    assert any("the pick is better overall" in r["reason"] for r in runners), runners


def test_a_free_lab_listing_is_first_party_to_a_role_that_admits_free_tiers(con) -> None:
    # Gemma 4 has an unpriced listing on Google's API: a re-seller's model to a role that cannot
    # be given it, a first-party one to a role that can (opted in, or `priced` relaxed).
    plain = RoleQuery(role="p", modes=("chat",), providers=("google", "openrouter"))
    rows = {
        name: {r.canonical_id: r for r in run_selection(con, [q], top_k=400)[q.role].rows}
        for name, q in (("plain", plain), ("free", replace(plain, role="f", allow_free_tiers=True)))
    }
    gemma = "openrouter/google/gemma-4-31b-it"
    assert rows["plain"][gemma].is_reseller_only
    assert not rows["free"][gemma].is_reseller_only
    # a model with no lab or cloud listing at all is a re-seller's to both
    both = [c for c in rows["plain"] if c in rows["free"] and rows["free"][c].is_reseller_only]
    assert both and all(rows["plain"][c].is_reseller_only for c in both)


def test_a_resellers_model_does_not_dominate_a_first_party_one(con, catalog_db: Path) -> None:
    # Gemma 4 31B at $0.16 on nano-gpt (its Google listing has no price) made DeepSeek V4 Flash
    # on DeepSeek's own API ($0.175, 5 points lower) "Pareto-dominated", so a cheap tagger on an
    # open list went to an aggregator. A model no lab API or major cloud sells at a known price
    # is penalized as a re-seller's and dominates only models like it.
    gemma = con.execute(
        "select bool_and(is_reseller_only) from selection_candidates"
        " where canonical_id like '%gemma-4-31b-it' or canonical_id like '%gemma-4-31B-it'"
    ).fetchone()[0]
    assert gemma  # its lab listing is unpriced: no first-party listing at a known price
    query = RoleQuery(role="q", modes=("chat",), structured_output=True, w_quality=1.5, w_cost=3.0)
    rows = [r for r in run_selection(con, [query], top_k=400)["q"].rows if r.passes]
    preferred = [r for r in rows if not r.is_alt_host and r.task_quality is not None]
    exercised = 0
    for row in preferred:
        dominators = [
            o
            for o in preferred
            if o.model_group != row.model_group
            and not o.is_inferred
            and o.unit_price is not None
            and row.unit_price is not None
            and o.task_quality >= row.task_quality
            and o.unit_price <= row.unit_price
            and (o.task_quality > row.task_quality or o.unit_price < row.unit_price)
        ]
        like_it = [o for o in dominators if row.is_reseller_only or not o.is_reseller_only]
        assert row.is_dominated == bool(like_it), row.canonical_id
        exercised += bool(dominators) and not like_it
    assert exercised >= 1  # some first-party model is better or cheaper only than re-sellers'
    result = _generate(
        """
project: t
roles:
  tagger:
    description: Batch-tag millions of product listings with category and attributes as JSON.
    preferences: {quality: low, cost: low}
    requires: {structured_output: true}
""",
        catalog_db,
    )
    tagger = result.runtime.roles["tagger"]
    host = con.execute(
        "select host_class from models where litellm_model = $m",
        {"m": f"{tagger.provider}/{tagger.model}"},
    ).fetchone()[0]
    assert host in ("lab", "cloud"), f"{tagger.provider}/{tagger.model}"


def test_undated_siblings_tied_on_score_and_price_go_to_the_newer_version(con) -> None:
    # litellm's cost map dates none of the lab API models only it lists (gemini-3.6-flash,
    # -3.7-, -3.8-; gpt-6-sol, gpt-6.1-sol): with one inferred figure and one price, a tie on
    # the name put the oldest first. The newer version of the line wins it now.
    line = {
        row[0]: (row[1], row[2], row[3])
        for row in con.execute(
            "select canonical_id, model_line, line_rank, release_date from models"
        ).fetchall()
    }
    query = RoleQuery(role="q", modes=("chat",), providers=("openai", "google", "anthropic"))
    rows = [r for r in run_selection(con, [query], top_k=400)["q"].rows if r.passes]
    checked = 0
    for i, first in enumerate(rows):
        for later in rows[i + 1 :]:
            (a_line, a_rank, a_date), (b_line, b_rank, b_date) = (
                line[first.canonical_id],
                line[later.canonical_id],
            )
            tied = (first.score, first.price_blended_per_million) == (
                later.score,
                later.price_blended_per_million,
            )
            if tied and a_line == b_line and a_date is None and b_date is None:
                checked += 1
                assert a_rank < b_rank, (first.canonical_id, later.canonical_id)
    assert checked >= 2  # gemini-3.8 over 3.7 over 3.6 at least


def test_a_transcription_role_ranks_on_the_price_per_audio_minute(catalog_db: Path, con) -> None:
    # whisper-1 and gpt-transcribe have no token price, only one per second of audio: `priced`
    # used to drop them, and the rest were compared on a blended token price that is not what
    # a transcription costs. Every OpenAI transcriber now competes on its price per minute.
    text = """
project: t
providers: {openai: {}}
roles:
  notes:
    kind: audio
    description: Transcribe recorded meetings to text.
    preferences: {cost: low}
"""
    result = _generate(text, catalog_db)
    role = result.runtime.roles["notes"]
    per_minute = dict(
        con.execute(
            "select litellm_model, price_per_audio_minute from models"
            " where provider = 'openai' and price_per_audio_minute is not null"
            " and not is_deprecated"
        ).fetchall()
    )
    assert {"openai/whisper-1", "openai/gpt-transcribe"} <= set(per_minute)
    assert per_minute[f"{role.provider}/{role.model}"] == min(per_minute.values())
    explanation = result.explanations["notes"]
    assert "per audio minute" in explanation.pick_facts
    counts = dict(explanation.filters)
    assert counts["priced"] == counts["status"] >= 4  # every transcriber has a price
    for fallback in role.fallbacks:
        assert per_minute[f"{fallback.provider}/{fallback.model}"] is not None


def test_an_image_role_ranks_on_the_price_per_image(catalog_db: Path, con) -> None:
    # Image models were compared on a blended token price (which text or image tokens, is not
    # said), and those priced only per image (xAI's) or per image token (most of OpenAI's) were
    # unpriced, so `priced` dropped them. Every image maker with a known price per image competes.
    text = """
project: t
providers: {openai: {}, google: {}, xai: {}}
roles:
  thumbnails:
    kind: image
    description: Thumbnails for product pages.
    preferences: {cost: low}
  hero:
    kind: image
    description: Hero images for the landing page.
    preferences: {quality: high, cost: medium}
"""
    result = _generate(text, catalog_db)
    role = result.runtime.roles["thumbnails"]
    per_image = dict(
        con.execute(
            "select litellm_model, price_per_image from models where provider in"
            " ('openai', 'google', 'xai') and price_per_image is not null and not is_deprecated"
            " and coalesce(deprecation_date > getvariable('llmhub_as_of') + 30, true)"
            " and litellm_model is not null"
        ).fetchall()
    )
    # xAI's priced per image, OpenAI's per image token (GPT Image 1 Mini retired on
    # 2026-12-01, per litellm's cost map)
    assert {"xai/grok-imagine-image", "openai/gpt-image-2"} <= set(per_image)
    assert per_image[f"{role.provider}/{role.model}"] == min(per_image.values())
    explanation = result.explanations["thumbnails"]
    assert "per image" in explanation.pick_facts
    # no speed is measured for image models, and no leaderboard scores them: the facts say so
    assert "speed unknown (no measurement for this kind)" in explanation.pick_facts
    assert " s to first token" not in explanation.pick_facts
    assert "quality unknown (no leaderboard for this kind)" in explanation.pick_facts
    counts = dict(explanation.filters)
    assert counts["priced"] >= 10
    for fallback in role.fallbacks:
        assert (
            per_image[f"{fallback.provider}/{fallback.model}"]
            >= per_image[f"{role.provider}/{role.model}"]
        )
    # the text leaderboards' overall figure breaks no tie among image models (a chat model a
    # re-seller lists as an image model has one)
    image_rows = run_selection(
        con, [RoleQuery(role="i", modes=("image",), task="none", w_quality=0.0)], top_k=50
    )["i"].rows
    assert image_rows and all(r.overall_quality is None for r in image_rows)
    # no leaderboard scores image models: a role that asks for quality is told it was not weighed
    hero = " ".join(result.explanations["hero"].caveats)
    assert "quality=high could not be weighed" in hero
    assert "could not be weighed" not in " ".join(explanation.caveats)


def test_an_embedding_role_ranks_on_the_input_price_and_weighs_no_speed(
    catalog_db: Path, con
) -> None:
    # An embedding model writes no tokens: its 3:1 blend with a zero output price understated it
    # by a quarter ($0.015 for text-embedding-3-small's $0.02). And the sources time chat models
    # only: the seconds an embedding model got were a chat model's guess for its size word,
    # printed as "to first token" and ranked on ("the pick is faster: 1.1 s vs 1.4 s").
    text = """
project: t
providers: {openai: {}, mistral: {}, google: {}}
roles:
  search.embed:
    kind: embedding
    description: Embed code chunks for search in the IDE.
    preferences: {cost: medium, latency: low}
"""
    result = _generate(text, catalog_db)
    role = result.runtime.roles["search.embed"]
    explanation = result.explanations["search.embed"]
    inputs = dict(
        con.execute(
            "select litellm_model, price_input_per_million from models where mode = 'embedding'"
            " and provider in ('openai', 'mistral', 'google') and litellm_model is not null"
        ).fetchall()
    )
    picked = inputs[f"{role.provider}/{role.model}"]
    assert f"${picked:.3f} per 1M input" in explanation.pick_facts
    assert "speed unknown (no measurement for this kind)" in explanation.pick_facts
    assert "latency=low could not be weighed" in " ".join(explanation.caveats)
    lines = "\n".join(explanation.lines())
    assert "faster" not in lines and "per 1M blended" not in lines
    # price decides: no candidate the role could take is cheaper per token in
    priced = [
        price
        for model, price in inputs.items()
        if price and model.split("/", 1)[0] in ("openai", "mistral", "gemini")
    ]
    assert picked == min(priced)


def test_a_model_whose_lab_listings_all_fail_the_role_counts_as_a_resellers(con) -> None:
    # Qwen 3.7 Plus: Alibaba's API lists it without PDF input, Vercel's gateway with it. A role
    # that reads PDFs got the gateway's listing on an estimated 2.0 s against GPT-5.6 Luna's
    # measured 4.7 s, with no re-seller penalty: the model "has a lab listing", one the role
    # cannot use.
    gateway = "vercel/alibaba/qwen3.7-plus"
    built = con.execute(
        "select is_reseller_only from selection_candidates where canonical_id = ?", [gateway]
    ).fetchone()
    assert built == (False,)
    pdf = RoleQuery(role="pdf", modes=("chat",), input_modalities=("image", "pdf", "text"))
    text = RoleQuery(role="text", modes=("chat",), input_modalities=("image", "text"))
    rows = run_selection(con, [pdf, text], top_k=5000)
    qwen = {
        name: [r for r in rows[name].rows if r.model_group == "qwen3-7-plus"]
        for name in ("pdf", "text")
    }
    (pdf_row,) = [r for r in qwen["pdf"] if r.canonical_id == gateway]
    assert pdf_row.passes and pdf_row.is_reseller_only
    # where the lab's own listing passes, the model is the lab's, on every host
    assert qwen["text"] and not any(r.is_reseller_only for r in qwen["text"])


def _row(**kw) -> CandidateRow:
    values = dict(
        rank=1,
        canonical_id="p/m",
        provider="p",
        model_id="m",
        litellm_provider="openai",
        litellm_model="m",
        mode="chat",
        supports_temperature=True,
        max_output_tokens=1000,
        context_tokens=8000,
        price_input_per_million=1.0,
        price_output_per_million=2.0,
        price_blended_per_million=1.25,
        unit_price=1.25,
        price_unit="1M blended",
        env_key=None,
        quality_source="arena",
        task_quality=0.5,
        quality_part=0.5,
        cost_part=0.5,
        latency_part=0.5,
        score=0.5,
        is_dominated=False,
    )
    values.update(kw)
    return CandidateRow(**values)


def test_params_are_checked_against_the_model() -> None:
    params, notes = check_params(
        {"temperature": 0.2, "max_tokens": 5000, "seed": 1},
        _row(supports_temperature=False),
        "chat",
    )
    assert params == {"max_tokens": 1000, "seed": 1}
    assert any("dropped temperature" in n for n in notes)
    assert any("lowered max_tokens 5000 to 1000" in n for n in notes)
    kept, none = check_params({"temperature": 0.2}, _row(), "chat")
    assert kept == {"temperature": 0.2} and not none
    emb, notes = check_params({"embedding_dim": 256, "temperature": 1}, _row(), "embedding")
    assert emb == {"embedding_dim": 256} and notes


LEVELS = st.sampled_from(["low", "medium", "high"])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    quality=st.sampled_from(["medium", "high"]),
    cost=st.sampled_from(["medium", "high"]),
    latency=LEVELS,
)
def test_pick_is_never_pareto_dominated(con, quality: str, cost: str, latency: str) -> None:
    query = RoleQuery(
        role="p",
        modes=("chat",),
        w_quality={"medium": 1.5, "high": 3.0}[quality],
        w_cost={"medium": 1.5, "high": 3.0}[cost],
        w_latency={"low": 3.0, "medium": 1.0, "high": 0.0}[latency],
    )
    pick = run_selection(con, [query])["p"].rows[0]
    assert pick.passes
    if pick.task_quality is None or pick.price_blended_per_million is None:
        return
    # The test's own reading: every model at the listing it would be called on (host order:
    # lab, cloud, other; then the cheapest), with its best text score on any listing. A model
    # no lab API or major cloud sells at a known price dominates only models like it.
    dominating = con.execute(
        """
        with first_party as (
            select distinct model_group from models
            where litellm_model is not null and host_class in ('lab', 'cloud')
              and price_blended_per_million is not null and not is_free_listing
        ),
        listings as (
            select m.model_group, m.price_blended_per_million as price,
                   max(s.score) over (partition by m.model_group) as score,
                   row_number() over (
                       partition by m.model_group
                       order by case m.host_class when 'lab' then 0 when 'cloud' then 1 else 2 end,
                                m.price_blended_per_million, m.canonical_id
                   ) as pos
            from models as m
            left join model_scores as s
              on s.canonical_id = m.canonical_id and s.leaderboard = 'text' and s.category = 'full'
            where m.litellm_model is not null and m.mode = 'chat' and not m.is_deprecated
              and not m.is_free_listing and m.price_blended_per_million is not null
              and list_contains(m.input_modalities, 'text')
              and list_contains(m.output_modalities, 'text')
        )
        select count(*) from listings
        where pos = 1 and model_group <> $group and score is not null
          and (model_group in (select * from first_party)
               or $group not in (select * from first_party))
          and score >= $q and price <= $price and (score > $q or price < $price)
        """,
        {
            "group": pick.model_group,
            "q": pick.task_quality,
            "price": pick.price_blended_per_million,
        },
    ).fetchone()[0]
    assert dominating == 0, pick.canonical_id


def test_force_provider_restricts_and_unknown_force_model_is_written_as_given(
    catalog_db: Path,
) -> None:
    result = _generate(
        "providers:\n  openai: {}\n  anthropic: {}\n"
        "roles:\n"
        "  pinned_provider: {description: answer, force_provider: anthropic}\n"
        "  pinned_unknown:\n"
        "    description: answer\n"
        "    force_provider: openai\n"
        "    force_model: gpt-from-the-future\n"
        "    mode_params: {temperature: 0.1}\n",
        catalog_db,
    )
    assert result.runtime.roles["pinned_provider"].provider == "anthropic"
    assert result.explanations["pinned_provider"].forced == "force_provider anthropic"
    unknown = result.runtime.roles["pinned_unknown"]
    assert (unknown.provider, unknown.model) == ("openai", "gpt-from-the-future")
    assert unknown.params == {"temperature": 0.1}
    assert unknown.price_input_per_million is None
    assert any("'gpt-from-the-future' is not in the catalog" in w for w in result.warnings)
    assert unknown.fallbacks, "fallbacks still come from the ranking"


def test_force_model_without_provider_needs_one_when_unknown(catalog_db: Path) -> None:
    # a spec problem at its line (exit 2), not a selection failure without one
    with pytest.raises(SpecError, match="names no provider") as info:
        _generate("roles:\n  a: {description: x, force_model: no-such-model}\n", catalog_db)
    assert info.value.problems[0].field == "roles.a.force_model"
    result = _generate(
        "roles:\n  a: {description: x, force_model: openai/no-such-model}\n", catalog_db
    )
    assert (result.runtime.roles["a"].provider, result.runtime.roles["a"].model) == (
        "openai",
        "no-such-model",
    )


def test_defaults_preferences_fill_unset_levels(catalog_db: Path) -> None:
    base = "providers:\n  openai: {}\n  google: {}\n  mistral: {}\nroles:\n  a: {description: x}\n"
    plain = _generate(base, catalog_db).explanations["a"]
    cheap = _generate(
        base + "defaults:\n  preferences: {cost: high, quality: low}\n", catalog_db
    ).explanations["a"]
    assert plain.levels["cost"] is None and cheap.levels["cost"] == "high"  # unset: no concern
    assert cheap.levels["quality"] == "low"
    own = _generate(
        base.replace("{description: x}", "{description: x, preferences: {cost: low}}")
        + "defaults:\n  preferences: {cost: high}\n",
        catalog_db,
    ).explanations["a"]
    assert own.levels["cost"] == "low"


MART_SPEC = """
project: marts
providers:
  openai: {env_key: OPENAI_API_KEY}
  anthropic: {env_key: ANTHROPIC_API_KEY}
  google: {env_key: GEMINI_API_KEY}
  mistral: {env_key: MISTRAL_API_KEY}
roles:
  coder: {kind: chat, description: Fix bugs in code., preferences: {coding: high, cost: medium}}
  thinker:
    kind: chat
    description: Hard maths.
    preferences: {reasoning: high, latency: low}
  writer: {kind: chat, description: Short stories., preferences: {creative: high, cost: low}}
  agent:
    kind: chat
    description: An agent that calls tools.
    preferences: {quality: high}
    requires: {tools: true}
  ocr:
    kind: chat
    description: Read text from photos.
    preferences: {quality: medium, cost: low}
    requires: {input_modalities: [image]}
  open:
    kind: chat
    description: Anything, on any host.
    preferences: {quality: high, cost: low, latency: low}
  search: {kind: embedding, description: Embed documents., preferences: {cost: low}}
"""


def test_a_catalog_without_the_selection_marts_picks_byte_identically(catalog_copy: Path) -> None:
    # A catalog built before sql/marts/selection_*.sql existed: the template computes the same
    # relations inline from the same files, so every pick, price and reason is the same.
    from llmhub.generator.query import SELECTION_MARTS, catalog_features

    spec = parse_spec(MART_SPEC)
    options = GeneratorOptions(no_llm=True, db_path=catalog_copy)
    with_marts = generate_runtime_from_spec(spec, options).text
    connection = duckdb.connect(str(catalog_copy))
    try:
        assert catalog_features(connection).marts
        for mart in SELECTION_MARTS:
            connection.execute(f"drop table {mart}")
        assert not catalog_features(connection).marts
    finally:
        connection.close()
    without_marts = generate_runtime_from_spec(spec, options).text
    assert len(spec.roles) == 7 and with_marts.count("\n  ") > 7
    assert without_marts == with_marts


def _before_and_after(catalog: Path, spec_text: str, columns: list[str]):
    """Generate ``spec_text`` on ``catalog``, then again once its selection_candidates is one
    built before ``columns``: (first result, second result, the catalog's features then)."""
    options = GeneratorOptions(no_llm=True, db_path=catalog)
    before = generate_runtime_from_spec(parse_spec(spec_text), options)
    features = _without_candidate_columns(catalog, columns)
    return before, generate_runtime_from_spec(parse_spec(spec_text), options), features


def _without_candidate_columns(catalog: Path, columns: list[str]):
    """Make ``catalog``'s selection_candidates one built before ``columns``; its features."""
    from llmhub.generator.query import catalog_features

    connection = duckdb.connect(str(catalog))
    try:
        connection.execute(
            "create table old_candidates as select * exclude ("
            + ", ".join(columns)
            + ") from selection_candidates"
        )
        connection.execute("drop table selection_candidates")
        connection.execute("alter table old_candidates rename to selection_candidates")
        return catalog_features(connection)
    finally:
        connection.close()


@pytest.mark.parametrize("dropped", ["all", "host_order"])
def test_a_catalog_whose_candidates_lack_the_integer_keys_picks_byte_identically(
    catalog_copy: Path, dropped: str
) -> None:
    # selection_candidates built before (some of) model_key, group_key, ... host_order: the
    # template numbers the listings itself, in the same order, so every pick, price and reason
    # is the same.
    from llmhub.generator.query import KEY_COLUMNS

    columns = list(KEY_COLUMNS) if dropped == "all" else [dropped]
    with_keys, without_keys, features = _before_and_after(catalog_copy, MART_SPEC, columns)
    assert features.marts and not features.keys
    assert len(with_keys.runtime.roles) == 7 and with_keys.text.count("\n  ") > 7
    assert without_keys.text == with_keys.text


OLD_UNITS_SPEC = (
    MART_SPEC
    + """
  notes:
    kind: audio
    description: Transcribe recorded meetings to text.
    preferences: {cost: low}
  pinned_notes:
    kind: audio
    description: Transcribe calls to text.
    force_provider: openai
    force_model: whisper-1
"""
)


def test_a_catalog_whose_candidates_predate_unit_prices_and_lineage_speeds_still_picks(
    catalog_copy: Path,
) -> None:
    # selection_candidates built before unit_price, price_unit, line_rank and the lineage
    # speeds: every price is then blended, no tie is broken on a line's version and no
    # inferred model is timed by its predecessor, as that catalog's build did.
    columns = ["unit_price", "price_unit", "line_rank", "lineage_ttft_seconds"]
    columns += ["lineage_output_tokens_per_second", "lineage_effort_ttft_seconds"]
    columns += ["lineage_effort_output_tokens_per_second"]
    new, old, features = _before_and_after(catalog_copy, OLD_UNITS_SPEC, columns)
    spec = parse_spec(OLD_UNITS_SPEC)
    assert features.marts and features.keys
    assert not features.unit_prices and not features.lines and not features.lineage_speed
    assert set(old.runtime.roles) == set(new.runtime.roles) == set(spec.roles)
    # whisper-1 has no blended price: only the new catalog prices it, per audio minute
    assert "per audio minute" in new.explanations["notes"].pick_facts
    assert "per audio minute" not in old.explanations["notes"].pick_facts
    pinned = old.runtime.roles["pinned_notes"]
    assert (pinned.provider, pinned.model) == ("openai", "whisper-1")


def test_the_closest_candidates_of_a_failed_role_are_named_once(catalog_db: Path) -> None:
    # The pick's model on its first host is returned for the explanation; when the best
    # candidate is itself that listing (and fails), it must not be listed twice.
    text = """
project: t
providers: {xai: {}}
roles:
  voice:
    kind: audio
    description: Transcribe calls to text.
    requires: {open_weights: true}
"""
    with pytest.raises(SelectionError) as info:
        _generate(text, catalog_db)
    message = str(info.value)
    closest = message.split("closest:", 1)[1]
    names = [part.split(" (", 1)[0].strip() for part in closest.split(";")]
    assert names and len(names) == len(set(names)), message


def test_prices_in_different_units_are_never_called_one_cheaper() -> None:
    from llmhub.generator.reasons import deciding_factor

    query = RoleQuery(role="a", modes=("audio",), w_cost=3.0)
    transcriber = _row(
        canonical_id="groq/whisper", unit_price=0.0007, price_unit="audio minute", cost_part=0.9
    )
    speech = _row(canonical_id="openai/tts", unit_price=0.64, cost_part=0.2)
    reason = deciding_factor(transcriber, speech, query)
    assert "$0.0007 per audio minute vs $0.64 per 1M blended" in reason
    assert "cheaper for its unit" in reason
    same = deciding_factor(transcriber, _row(unit_price=0.002, price_unit="audio minute"), query)
    assert "the pick is cheaper: $0.0007 vs $0.0020 per audio minute" in same


REGION_SPEC = """
project: t
roles:
  budget:
    kind: chat
    description: A chat assistant on a strict budget.
    preferences: {quality: medium, cost: low}
    requires: {max_price_blended: 1.0}
"""


def test_numbering_the_hosts_itself_the_query_still_puts_a_global_api_first(
    catalog_copy: Path,
) -> None:
    # MiniMax M3 is on minimax and minimax-cn (China) at one price. A catalog whose candidates
    # lack the integer keys has host_order computed by the template: from host_region too.
    from llmhub.generator.query import KEY_COLUMNS

    with_keys, without_keys, features = _before_and_after(
        catalog_copy, REGION_SPEC, list(KEY_COLUMNS)
    )
    assert not features.keys and features.regions
    reasons = with_keys.explanations["budget"].fallback_reasons
    assert any("if minimax fails" in r for r in reasons), reasons
    assert without_keys.explanations["budget"].fallback_reasons == reasons
    assert without_keys.text == with_keys.text


def test_a_measured_latency_always_names_its_configuration() -> None:
    # MiniMax M3's figure is Artificial Analysis's headline one, with no effort named: the
    # explanation said a bare "measured".
    from llmhub.generator.facts import latency_how

    headline = _row(latency_measured=True, latency_basis="headline", latency_variant=None)
    assert "headline configuration" in latency_how(headline)
    # said as its quality figure of no named effort is (effort_note): no "lab's default" claim
    assert latency_how(headline).startswith("measured with no effort named")
    default = _row(latency_measured=True, latency_basis="default", latency_variant="high")
    assert latency_how(default) == "measured at the lab's default, 'high'"


def test_a_free_or_unpriced_listing_is_said_without_a_unit() -> None:
    # "pick: free listing per 1M blended" and "quality unknown arena-equivalent" read as garble.
    from llmhub.generator.facts import price_phrase, quality_phrase

    assert price_phrase(_row(unit_price=0.45)) == "$0.45 per 1M blended"
    assert price_phrase(_row(unit_price=0.0, is_free_listing=True)) == "free listing"
    assert price_phrase(_row(unit_price=None)) == "unpriced"
    assert price_phrase(_row(unit_price=0.0336, price_unit="image")) == "$0.034 per image"
    assert quality_phrase(None) == "unknown"
    assert quality_phrase(1513.4) == "1,513 arena-equivalent"


def test_a_dominated_runner_up_names_the_candidate_that_dominates_it() -> None:
    # "another candidate is at least as good for at most that price" could not be checked.
    from llmhub.generator.reasons import deciding_factor, dominator

    query = RoleQuery(role="q", modes=("chat",))
    pick = _row(canonical_id="a/pick", model_group="pick", litellm_model="pick", task_quality=1500,
                unit_price=1.0, score=0.9)  # fmt: skip
    cheap = _row(canonical_id="b/cheap", model_group="cheap", litellm_provider="b",
                 litellm_model="b/cheap", task_quality=1490, unit_price=0.2, score=0.8)  # fmt: skip
    loser = _row(canonical_id="c/loser", model_group="loser", task_quality=1480, unit_price=0.5,
                 score=0.7, is_dominated=True)  # fmt: skip
    reseller = replace(cheap, canonical_id="d/resold", model_group="resold", is_reseller_only=True,
                       unit_price=0.1, task_quality=1495)  # fmt: skip
    inferred = replace(cheap, canonical_id="e/copy", model_group="copy", unit_price=0.05,
                       task_quality=1499, quality_source="inferred_lineage")  # fmt: skip
    rows = [pick, inferred, reseller, cheap, loser]
    # a copy dominates nothing, a re-seller's model no first-party one: the first that counts
    assert dominator(loser, rows) is cheap
    reason = deciding_factor(pick, loser, query, rows)
    assert "b/cheap (1,490 at $0.20) is at least as good for at most that price" in reason
    # a re-seller's model may be dominated by one
    assert dominator(replace(loser, is_reseller_only=True), rows) is reseller
    assert dominator(loser, [pick, loser]) is None
    assert "another candidate is at least as good" in deciding_factor(pick, loser, query)


def test_a_much_dearer_fallback_says_its_price() -> None:
    from llmhub.generator.fallbacks import fallback_reason

    pick = _row(canonical_id="openai/luna", litellm_provider="openai", unit_price=0.45)
    dear = _row(canonical_id="anthropic/sonnet", provider="anthropic",
                litellm_provider="anthropic", model_group="sonnet", unit_price=4.0)  # fmt: skip
    near = replace(dear, unit_price=0.6)
    assert fallback_reason(pick, dear).endswith(
        "; 8.9x the pick's price ($4.00 vs $0.45 per 1M blended)"
    )
    assert "the pick's price" not in fallback_reason(pick, near)


def test_each_fallback_says_what_it_adds_to_the_ones_before_it() -> None:
    # Two fallbacks on one other provider both read "another provider (openai) if google
    # fails"; the same model on a second host read as if it were another provider's model.
    from llmhub.generator.fallbacks import fallback_reason

    pick = _row(canonical_id="google/flash", provider="google", litellm_provider="gemini",
                model_id="flash", litellm_model="gemini/flash", model_group="flash")  # fmt: skip
    nano = _row(canonical_id="openai/nano", provider="openai", model_id="nano",
                litellm_model="nano", model_group="nano", unit_price=1.3)  # fmt: skip
    luna = replace(nano, canonical_id="openai/luna", model_id="luna", litellm_model="luna",
                   model_group="luna")  # fmt: skip
    azure_nano = replace(nano, canonical_id="azure/nano", provider="azure",
                         litellm_provider="azure")  # fmt: skip
    assert fallback_reason(pick, nano).startswith("another provider (openai) if gemini fails")
    assert fallback_reason(pick, luna, [nano]).startswith(
        "a second model on openai if gemini fails and fallback 1 is unavailable"
    )
    assert fallback_reason(pick, azure_nano, [nano]).startswith(
        "fallback 1's model on another host (azure) if openai fails too"
    )
    # fallback 1's model again, on the pick's own provider: it covers the pick's model, not the
    # provider ("on another host (gemini)" named the very provider that failed)
    gemini_nano = replace(nano, canonical_id="google/nano", provider="google",
                          litellm_provider="gemini")  # fmt: skip
    assert fallback_reason(pick, gemini_nano, [nano]).startswith(
        "fallback 1's model on gemini if flash is unavailable or rate-limited"
    )
    same_model = replace(pick, canonical_id="vertex/flash", litellm_provider="vertex_ai")
    assert fallback_reason(pick, same_model, [nano]).startswith(
        "the same model on another host (vertex_ai) if gemini fails"
    )


def test_a_cheap_role_falls_back_within_three_times_its_price(catalog_db: Path, con) -> None:
    # A handbook Q&A role that wants cheap (GPT-5.6 Luna, $0.45) fell back to Claude Sonnet 5 at
    # $4.00, 8.9x, on score, while Gemini 3.1 Flash Lite ($0.56, 8 points under the pick) was
    # within the quality floor: an outage of a cheap role should not run up nine times its bill.
    text = """
project: t
providers: {openai: {}, anthropic: {}, google: {}}
roles:
  handbook:
    kind: chat
    description: Answer employee questions from an HR handbook placed in the prompt.
    preferences: {quality: medium, cost: low, latency: medium}
    requires: {context_min: 300000}
  router:
    kind: chat
    description: Route support tickets to a team.
    preferences: {quality: low, cost: low}
  tickets:
    kind: chat
    description: Classify support tickets by topic.
    preferences: {quality: medium, cost: low, latency: low}
    requires: {max_price_blended: 3.0}
"""
    # The router weighs no latency, so the Pareto guard is on: a model the pick dominates (what
    # a cheap fallback looks like) ranked after every undominated row, out of the fallbacks'
    # reach, and Gemini 3.8 Flash at 3.3x the price was taken. For the tickets role, Gemini's
    # best row (2.5 Flash Lite, 150 points down) was the only Gemini row fetched, and both
    # fallbacks landed on OpenAI while 3.1 Flash Lite ($0.56, 7 points down) ranked 21st.
    result = _generate(text, catalog_db)
    price = dict(
        con.execute(
            "select litellm_model, price_blended_per_million from models"
            " where litellm_model is not null"
        ).fetchall()
    )
    for name in ("handbook", "router", "tickets"):
        role = result.runtime.roles[name]
        pick = price[f"{role.provider}/{role.model}"]
        # another provider first; for the tickets role, which also wants fast, last: Gemini 3.1
        # Flash Lite is timed at 6.1 s, over twice the pick's 0.7 s, and a fast OpenAI model
        # within the price comes first
        away = [f.provider != role.provider for f in role.fallbacks]
        assert away and (away[0] if name != "tickets" else away == [False, True]), name
        for fallback in role.fallbacks:
            assert price[f"{fallback.provider}/{fallback.model}"] <= FALLBACK_MAX_PRICE_RATIO * pick
        assert not any("the pick's price" in r for r in result.explanations[name].fallback_reasons)


def test_the_price_cap_admits_exactly_three_times_the_price() -> None:
    # 3 x 0.175 is 0.5249999999999999 in floats: MiniMax M3 at $0.525 was left out of a 3x cap.
    from llmhub.generator.fallbacks import choose_fallbacks
    from llmhub.generator.query import RoleRows

    pick = _row(canonical_id="deepseek/flash", provider="deepseek", litellm_provider="deepseek",
                model_group="flash", unit_price=0.175)  # fmt: skip
    edge = _row(canonical_id="fireworks/m3", provider="fireworks", litellm_provider="fireworks_ai",
                model_group="m3", unit_price=0.525, score=0.4)  # fmt: skip
    dear = replace(edge, canonical_id="other/x", provider="other", litellm_provider="other",
                   model_group="x", unit_price=0.53, score=0.45)  # fmt: skip
    rows = RoleRows(role="r", rows=(pick, dear, edge), callable_count=3, counts=())
    assert choose_fallbacks(pick, rows, 1, 3.0) == [edge]
    assert choose_fallbacks(pick, rows, 1) == [dear]


def test_a_cheap_role_keeps_another_provider_only_as_its_last_fallback() -> None:
    # Every candidate within 3x the pick's price is on the pick's provider; the one elsewhere
    # costs 9x. It was moved to the front whatever its price (with one fallback, the only one).
    from llmhub.generator.fallbacks import choose_fallbacks
    from llmhub.generator.query import RoleRows

    pick = _row(canonical_id="openai/luna", provider="openai", litellm_model="luna",
                model_group="luna", unit_price=0.45)  # fmt: skip
    nano = _row(canonical_id="openai/nano", provider="openai", litellm_model="nano",
                model_group="nano", unit_price=0.46, score=0.44)  # fmt: skip
    luna6 = replace(nano, canonical_id="openai/luna6", litellm_model="luna6", model_group="luna6",
                    unit_price=0.40)  # fmt: skip
    sonnet = _row(canonical_id="anthropic/sonnet", provider="anthropic",
                  litellm_provider="anthropic", litellm_model="anthropic/sonnet",
                  model_group="sonnet", unit_price=4.0, score=0.49)  # fmt: skip
    rows = RoleRows(role="r", rows=(pick, sonnet, nano, luna6), callable_count=4, counts=())
    assert choose_fallbacks(pick, rows, 1, 3.0) == [nano]
    assert choose_fallbacks(pick, rows, 2, 3.0) == [nano, sonnet]
    assert choose_fallbacks(pick, rows, 3, 3.0) == [nano, luna6, sonnet]
    # not a cheap role: another provider first, whatever its price
    assert choose_fallbacks(pick, rows, 2) == [sonnet, nano]


def test_fallbacks_all_on_the_picks_provider_are_flagged(catalog_db: Path) -> None:
    # An OpenRouter-only spec gets fallbacks, all on OpenRouter: nothing said that one outage
    # takes the pick and every fallback down.
    text = """
project: t
providers: {openrouter: {}}
roles:
  invoices:
    kind: chat
    description: Extract invoice fields as JSON.
    preferences: {quality: medium, cost: low}
    requires: {structured_output: true}
"""
    result = _generate(text, catalog_db)
    role = result.runtime.roles["invoices"]
    assert role.fallbacks and {f.provider for f in role.fallbacks} == {role.provider}
    caveats = " ".join(result.explanations["invoices"].caveats)
    assert f"every fallback is on {role.provider}, the pick's provider" in caveats
    spread = _generate(text.replace("{openrouter: {}}", "{openrouter: {}, openai: {}}"), catalog_db)
    assert "every fallback is on" not in " ".join(spread.explanations["invoices"].caveats)


def test_a_role_without_a_fallback_is_told_why(catalog_db: Path, con) -> None:
    # A cheap phishing classifier on the big three got one model (GPT-6 Luna, 0.3 $/M cap) and
    # no fallback, with no word why: every other candidate under the cap is more than 60 points
    # below it.
    text = """
project: t
providers: {openai: {}, anthropic: {}, google: {}}
roles:
  phishing:
    kind: chat
    description: Classify inbound emails as phishing or safe; one word out.
    preferences: {quality: medium, latency: low}
    requires: {max_price_blended: 0.3}
"""
    result = _generate(text, catalog_db)
    role = result.runtime.roles["phishing"]
    caveats = " ".join(result.explanations["phishing"].caveats)
    assert role.fallbacks == []
    match = re.search(r"no fallback: .*\(the nearest, ([^ ,]+), is ([0-9,]+) points below", caveats)
    assert match, caveats
    assert int(match.group(2).replace(",", "")) > FALLBACK_QUALITY_DISTANCE
    assert match.group(1) != f"{role.provider}/{role.model}"


def test_a_task_figure_that_is_the_overall_one_is_labelled_so(catalog_db: Path, con) -> None:
    # No source scores a 2026 model on creative writing: a creative role ranks them on their
    # overall figure, which the facts printed as "(creative)".
    text = """
project: t
providers: {openai: {}, anthropic: {}, google: {}}
roles:
  copy:
    kind: chat
    description: Write product copy.
    preferences: {creative: high, cost: medium}
"""
    result = _generate(text, catalog_db)
    role = result.runtime.roles["copy"]
    facts = result.explanations["copy"].pick_facts
    ((basis,),) = con.execute(
        "select basis from selection_task_quality as q inner join models using (canonical_id)"
        " where models.litellm_model = ? and q.task = 'creative'",
        [f"{role.provider}/{role.model}"],
    ).fetchall()
    assert basis.endswith("(overall)")
    assert "arena-equivalent (overall: no creative figure for this model)" in facts
    assert "arena-equivalent (creative)" not in facts


def test_a_fast_role_falls_back_to_a_fast_model_first() -> None:
    # A sub-second role (GPT-5.6 Luna, 0.7 s) fell back to Claude Sonnet 5, estimated at 2.0 s,
    # on score, over a model measured at 1.1 s.
    from llmhub.generator.fallbacks import choose_fallbacks
    from llmhub.generator.query import RoleRows

    pick = _row(canonical_id="openai/luna", litellm_model="luna", model_group="luna",
                latency_seconds=0.7)  # fmt: skip
    slow = _row(canonical_id="anthropic/sonnet5", provider="anthropic",
                litellm_provider="anthropic", litellm_model="anthropic/sonnet5",
                model_group="sonnet5", latency_seconds=2.0, score=0.49)  # fmt: skip
    quick = replace(slow, canonical_id="anthropic/sonnet46", litellm_model="anthropic/sonnet46",
                    model_group="sonnet46", latency_seconds=1.1, score=0.45,
                    unit_price=6.0)  # fmt: skip
    rows = RoleRows(role="r", rows=(pick, slow, quick), callable_count=3, counts=())
    assert choose_fallbacks(pick, rows, 1, max_latency_ratio=2.0) == [quick]
    assert choose_fallbacks(pick, rows, 2, max_latency_ratio=2.0) == [quick, slow]
    assert choose_fallbacks(pick, rows, 1) == [slow]


def test_a_runner_up_under_the_band_names_the_figure_the_band_hangs_on() -> None:
    # "more than 60 points under the best candidate's figure" left the reader to find the
    # figure: a creative NPC role's band hung on Claude Fable 5 ($20), which it did not pick.
    from llmhub.generator.reasons import deciding_factor

    fable = _row(canonical_id="anthropic/fable", litellm_provider="anthropic",
                 litellm_model="anthropic/fable", task_quality=1540.0, score=0.6)  # fmt: skip
    terra = _row(canonical_id="openai/terra", litellm_model="terra", task_quality=1493.0,
                 score=0.76)  # fmt: skip
    luna = _row(canonical_id="openai/luna", litellm_model="luna", task_quality=1466.0,
                score=0.81, below_band=True)  # fmt: skip
    query = RoleQuery(role="r", modes=("chat",))
    reason = deciding_factor(terra, luna, query, [terra, fable, luna])
    assert "under the best candidate's figure (anthropic/fable, 1,540)" in reason
    assert reason.endswith("(the pick: 1,493)")


def test_a_headline_figure_whose_default_was_measured_does_not_say_it_was_not() -> None:
    # Claude Fable 5: Artificial Analysis scores its max effort (the headline), LiveBench its
    # 'high', the lab's default; the note said "the lab's default was never measured".
    from llmhub.generator.facts import effort_note, latency_how

    measured = _row(quality_effort_basis="headline", quality_effort="high",
                    quality_default_offset=0.0)  # fmt: skip
    note = effort_note(measured, writes_effort=False)
    assert "never measured" not in note
    assert "so its interval reaches 30 points lower" in note
    assert "the lab's default effort, measured too, scores the same figure" in note
    assert "scores -12.0 points" in effort_note(
        replace(measured, quality_default_offset=-12.0), writes_effort=False
    )
    unmeasured = replace(measured, quality_default_offset=-30.0)
    unmeasured_note = effort_note(unmeasured, writes_effort=False)
    assert "the headline figure less 30 points" in unmeasured_note
    assert "no source measured both that effort and the lab's default" in unmeasured_note
    # printed inside the facts' parentheses: no second pair inside them
    how = latency_how(_row(latency_measured=True, latency_basis="headline"))
    assert how.startswith("measured with no effort named") and "(" not in how


def test_a_default_effort_as_good_as_the_measured_one_is_not_a_signed_zero() -> None:
    # Gemini 3.8 Flash's default scores what its 'high' effort does: "(+0.0 points against
    # reasoning_effort 'high')" read as a figure; it is the same figure.
    from llmhub.generator.facts import effort_note

    same = _row(quality_effort_basis="effort", quality_effort="high", quality_default_offset=0.0)
    assert "the same figure as at reasoning_effort 'high', measured" in effort_note(
        same, writes_effort=False
    )
    plain = _row(quality_effort_basis="default")
    assert effort_note(plain, writes_effort=False).endswith(
        "with no effort named, taken as the lab's default"
    )
    lower = replace(same, quality_default_offset=-12.5)
    assert "-12.5 points against reasoning_effort 'high'" in effort_note(lower, writes_effort=False)


def test_the_first_fallback_elsewhere_is_on_a_lab_api_or_a_major_cloud() -> None:
    # A pick on Alibaba's own API had its model on DeepInfra as its first fallback, ahead of
    # GPT-5.6 Luna on OpenAI's API; a pick on a re-seller's host takes the next in rank order.
    from llmhub.generator.fallbacks import choose_fallbacks
    from llmhub.generator.query import RoleRows

    pick = _row(canonical_id="dashscope/q", provider="dashscope", litellm_provider="dashscope",
                model_group="q", host_class="lab", score=0.9)  # fmt: skip
    rehost = replace(pick, canonical_id="deepinfra/q", provider="deepinfra",
                     litellm_provider="deepinfra", host_class="other", score=0.85)  # fmt: skip
    luna = _row(canonical_id="openai/luna", provider="openai", litellm_provider="openai",
                model_group="luna", host_class="lab", score=0.8)  # fmt: skip
    rows = RoleRows(role="r", rows=(pick, rehost, luna), callable_count=3, counts=())
    assert choose_fallbacks(pick, rows, 2) == [luna, rehost]
    # a pick on another host: nothing to keep to, rank order stands
    other = replace(pick, host_class="other")
    rows = RoleRows(role="r", rows=(other, rehost, luna), callable_count=3, counts=())
    assert choose_fallbacks(other, rows, 2) == [rehost, luna]


def test_later_fallbacks_add_a_model_and_a_provider_the_chain_lacks() -> None:
    # A live translator's second fallback was its first's model again (DeepSeek V4 Flash, on
    # Azure) where Mistral Small passed; a voice agent's was another model on the pick's host.
    from llmhub.generator.fallbacks import choose_fallbacks
    from llmhub.generator.query import RoleRows

    pick = _row(canonical_id="openai/luna", provider="openai", litellm_provider="openai",
                model_group="luna", host_class="lab", score=0.9)  # fmt: skip
    flash = _row(canonical_id="deepseek/flash", provider="deepseek", litellm_provider="deepseek",
                 model_group="flash", host_class="lab", score=0.85)  # fmt: skip
    flash_azure = replace(flash, canonical_id="azure/flash", provider="azure",
                          litellm_provider="azure", host_class="cloud", score=0.84)  # fmt: skip
    terra = replace(pick, canonical_id="openai/terra", litellm_model="terra", model_group="terra",
                    score=0.83, unit_price=4.5)  # fmt: skip
    small = _row(canonical_id="mistral/small", provider="mistral", litellm_provider="mistral",
                 model_group="small", host_class="lab", score=0.8)  # fmt: skip
    rows = RoleRows(
        role="r", rows=(pick, flash, flash_azure, terra, small), callable_count=5, counts=()
    )
    assert choose_fallbacks(pick, rows, 2) == [flash, small]
    # then what is left, a new model before a new host of a model in the chain
    assert choose_fallbacks(pick, rows, 4) == [flash, small, terra, flash_azure]


def test_no_effort_is_written_where_litellm_refuses_it() -> None:
    # reasoning_effort 'low', written for a fast role that requires reasoning, went to a Kimi
    # K2.5 fallback on Bedrock: litellm refuses the parameter there, a 400 that ends the role.
    from llmhub.generator.params import effort_param, litellm_refuses

    kimi = _row(canonical_id="bedrock/kimi", provider="bedrock", litellm_provider="bedrock",
                litellm_model="moonshotai.kimi-k2.5", supports_reasoning=True)  # fmt: skip
    assert "reasoning_effort" in litellm_refuses("chat", "bedrock/moonshotai.kimi-k2.5")
    assert effort_param({}, kimi, writes_effort=False, written="low") is None
    luna = _row(canonical_id="openai/gpt-5.6-luna", litellm_model="gpt-5.6-luna",
                supports_reasoning=True, quality_effort="high")  # fmt: skip
    assert effort_param({}, luna, writes_effort=False, written="low") == "low"
    assert effort_param({}, luna, writes_effort=True) == "high"
