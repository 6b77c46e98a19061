"""A fallback gets the parameters written for it, not the primary's: a parameter the generator
dropped for a fallback (e.g. temperature on a model that refuses it) must not come back."""

from __future__ import annotations

from pathlib import Path

from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.runtime.config import parse_runtime
from llmhub.runtime.plan import build_plans, normalize_params
from llmhub.spec import load_spec
from tests.helpers import REPO


def test_fallback_params_replace_the_roles_only_when_stated() -> None:
    config = parse_runtime(
        "providers: {openai: {}}\n"
        "defaults: {params: {max_tokens: 64}}\n"
        "roles:\n"
        "  a:\n"
        "    provider: openai\n    model: m\n    params: {temperature: 0.5}\n"
        "    fallbacks:\n"
        "      - {provider: openai, model: inherits}\n"
        "      - {provider: openai, model: own, params: {}}\n"
    )
    targets = build_plans(config)["a"].targets
    # `defaults` is the target for unknown roles, never merged into a listed role's params.
    assert [(t.model, t.params) for t in targets] == [
        ("m", {"temperature": 0.5}),
        ("inherits", {"temperature": 0.5}),
        ("own", {}),
    ]


def test_generated_fallbacks_are_called_with_exactly_their_checked_params(
    catalog_db: Path, tmp_path: Path
) -> None:
    # The demo spec, plus a role pinned to gpt-4o (takes temperature) whose openai fallbacks
    # are reasoning models that refuse it.
    text = (REPO / "examples" / "llmhub.spec.yaml").read_text()
    text = text.replace(
        "roles:\n",
        "roles:\n  openai.only:\n    kind: chat\n    description: Answer questions.\n"
        "    preferences: {quality: high, cost: medium, providers: [openai]}\n"
        "    force_model: gpt-4o\n    mode_params: {temperature: 0.3}\n    fallbacks: 3\n",
        1,
    )
    path = tmp_path / "llmhub.spec.yaml"
    path.write_text(text)
    spec = load_spec(path)
    result = generate_runtime_from_spec(spec, GeneratorOptions(no_llm=True, db_path=catalog_db))
    runtime = parse_runtime(result.text)
    plans = build_plans(runtime)
    dropped = 0
    for name, role in runtime.roles.items():
        for fb, target in zip(role.fallbacks, plans[name].targets[1:], strict=True):
            assert target.params == normalize_params(fb.params or {}), (name, fb.model)
            dropped += set(role.params) != set(fb.params or {})
    # Some fallbacks refuse temperature; the check above must have seen them.
    assert dropped > 0
