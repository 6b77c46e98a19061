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
