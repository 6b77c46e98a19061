"""Each role in llmhub.yaml says why its model was chosen, in terms a reviewer can check."""

from __future__ import annotations

from pathlib import Path

from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.runtime.config import parse_runtime
from llmhub.spec import parse_spec

SPEC = """
project: reasons
providers:
  openai: {env_key: OPENAI_API_KEY}
  anthropic: {env_key: ANTHROPIC_API_KEY}
roles:
  chat:
    kind: chat
    description: Answer customer questions.
    preferences: {quality: high, cost: medium}
  forced:
    kind: chat
    description: Legacy flow pinned to one model.
    force_provider: openai
    force_model: gpt-4o-mini
"""


def test_reasons_match_the_explanations_and_survive_the_file(catalog_db: Path) -> None:
    result = generate_runtime_from_spec(
        parse_spec(SPEC), GeneratorOptions(no_llm=True, db_path=catalog_db)
    )
    written = parse_runtime(result.text)

    chat = result.explanations["chat"]
    reason = written.roles["chat"].reason
    assert reason is not None
    assert reason.startswith(
        f"best of {chat.filters[-1][1]} candidates: score {chat.score['total']:.3f}"
    )
    assert f"next {chat.runners_up[0]['model']}" in reason
    assert reason.endswith("needs read by keyword heuristic")

    forced = written.roles["forced"].reason
    assert forced is not None and "forced in the spec" in forced


HOST_SPEC = """
project: hosts
providers: {minimax: {}, fireworks-ai: {}}
roles:
  extract:
    kind: chat
    description: Extract fields from emails into a JSON object.
    preferences: {quality: medium, cost: low}
    requires: {structured_output: true}
"""


def test_a_pick_on_another_host_names_the_first_party_listing_it_could_not_use(
    catalog_db: Path, con
) -> None:
    # On MiniMax's API and Fireworks, JSON extraction goes to MiniMax M3 on Fireworks: the
    # MiniMax API's listing has no structured output flag in either source. The explanation says
    # so, so a reviewer does not have to ask why the lab's own API was passed over. (With no
    # provider list, a model none of whose lab or cloud listings passes counts as a re-seller's,
    # and a lab's model wins.)
    result = generate_runtime_from_spec(
        parse_spec(HOST_SPEC), GeneratorOptions(no_llm=True, db_path=catalog_db)
    )
    role = result.runtime.roles["extract"]
    picked = con.execute(
        "select model_key, host_class from models where litellm_model = ?",
        [f"{role.provider}/{role.model}"],
    ).fetchone()
    assert picked[1] not in ("lab", "cloud")
    first_party = dict(
        con.execute(
            "select litellm_model, supports_structured_output from models"
            " where model_key = ? and host_class in ('lab', 'cloud') and not is_deprecated",
            [picked[0]],
        ).fetchall()
    )
    assert first_party and not any(first_party.values())
    notes = [c for c in result.explanations["extract"].caveats if "this model on" in c]
    assert len(notes) == 1
    named = notes[0].split(",", 1)[0]
    assert named in first_party
    assert "fails structured_output" in notes[0] and "lab's own API" in notes[0]


def _explain(spec: str, catalog_db: Path, role: str):
    result = generate_runtime_from_spec(
        parse_spec(spec), GeneratorOptions(no_llm=True, db_path=catalog_db)
    )
    return result.explanations[role]


def test_a_runner_up_that_scores_higher_lost_on_the_relaxed_caps_distance(
    catalog_db: Path,
) -> None:
    # After a $0.01 cap is relaxed, the nearest to it come first, whatever the score: GPT-6 Luna
    # at $0.20 scores 0.81 against the pick's 0.69 at $0.18. Its line blamed the inferred-quality
    # penalty, the largest weighted gap, which did not decide anything.
    explanation = _explain(
        "project: r\nproviders: {openai: {}, anthropic: {}, google: {}}\nroles:\n"
        "  capped:\n    kind: chat\n    description: Translate product titles.\n"
        "    preferences: {quality: medium, cost: low}\n"
        "    requires: {max_price_blended: 0.01}\n    relax: [max_price_blended]\n",
        catalog_db,
        "capped",
    )
    pick_score = explanation.score["total"]
    higher = [r for r in explanation.runners_up if r["score"] > pick_score]
    assert higher, explanation.runners_up
    for runner_up in higher:
        assert runner_up["reason"].startswith("nearer the relaxed price cap of $0.01: "), runner_up


def test_the_effort_a_pick_is_counted_at_is_said_as_the_call_runs_it(catalog_db: Path) -> None:
    # Claude Opus 4.8, called with reasoning_effort 'high' (the effort its figures were measured
    # at), was said to be "measured at an effort the call does not run at".
    result = generate_runtime_from_spec(
        parse_spec(
            "project: r\nproviders: {anthropic: {}}\nroles:\n"
            "  docs:\n    kind: chat\n    description: Answer questions about internal docs.\n"
            "    preferences: {quality: high, cost: medium}\n"
        ),
        GeneratorOptions(no_llm=True, db_path=catalog_db),
    )
    effort = result.runtime.roles["docs"].params.get("reasoning_effort")
    facts = result.explanations["docs"].pick_facts
    assert effort is not None, result.runtime.roles["docs"].params
    assert f"reasoning_effort {effort!r}, which the call sets" in facts, facts
    assert "does not run at" not in facts, facts


def test_a_headline_figure_less_30_points_says_the_point_moved(catalog_db: Path) -> None:
    # DeepSeek V4 Flash competes at its headline figure minus 30 (no source measured both the
    # effort of its figures and the lab's default); the line said only the interval moved.
    explanation = _explain(
        "project: r\nproviders: {deepseek: {}}\nroles:\n"
        "  tickets:\n    kind: chat\n    description: Classify support tickets.\n"
        "    preferences: {quality: low, cost: low}\n",
        catalog_db,
        "tickets",
    )
    facts = explanation.pick_facts
    assert "headline figure less 30 points" in facts, facts
    assert "interval widened" not in facts
