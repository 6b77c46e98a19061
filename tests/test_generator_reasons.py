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
