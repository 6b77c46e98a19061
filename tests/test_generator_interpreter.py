"""LLM-assisted reading of descriptions, against the loopback fake LLM server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from llmhub.errors import SelectionError
from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.generator.needs import heuristic_needs
from llmhub.spec import parse_spec
from tests.fake_llm import FakeLLM, error, ok
from tests.helpers import cli_env, file_sha256, run_cli

# litellm's lazily imported provider modules warn about pydantic ReadOnly TypedDict items.
pytestmark = pytest.mark.filterwarnings("ignore:Item.*ReadOnly. qualifier:UserWarning")

ANSWER = '```json\n{"task": "coding", "tools": true, "vision": false, "context_min": 200000}\n```'
KEY = "sk-interp-SENTINEL-42"


def _spec(url: str | None) -> str:
    interpreter = (
        f"interpreter: {{model: openai/interp, api_base: '{url}', env_key: INTERP_KEY}}\n"
        if url
        else ""
    )
    return (
        interpreter + "providers:\n  openai: {}\n  anthropic: {}\n  google: {}\n"
        "roles:\n"
        "  a: {kind: chat, description: Help the team with their daily work.}\n"
        "  b: {kind: chat, description: Help the team with their daily work.}\n"
        "  c: {kind: chat, description: Something else entirely.}\n"
    )


def test_interpreter_answers_are_used_cached_and_deterministic(
    tmp_path: Path, catalog_db: Path, monkeypatch
) -> None:
    monkeypatch.setenv("INTERP_KEY", KEY)
    cache = tmp_path / "interpreter-cache.json"
    catalog_before = file_sha256(catalog_db)
    options = GeneratorOptions(db_path=catalog_db, interpreter_cache=cache)
    with FakeLLM() as fake:
        fake.script("interp", ok(text=ANSWER))
        first = generate_runtime_from_spec(parse_spec(_spec(fake.url)), options)
        # One call per distinct description, with the configured key.
        assert len(fake.requests) == 2
        assert {r.api_key for r in fake.requests} == {KEY}
        assert fake.requests[0].body["model"] == "interp"
        url = fake.url
    e = first.explanations["a"]
    assert e.needs_source == "interpreter openai/interp"
    assert "coding: medium" in e.inferred and "requires.tools: true" in e.inferred
    assert "requires.context_min: 200000" in e.inferred
    # The server is gone: the rerun reads the cache, offline, and writes the same file.
    second = generate_runtime_from_spec(parse_spec(_spec(url)), options)
    assert second.text == first.text
    assert second.explanations["a"].needs_source == "interpreter openai/interp (cached)"
    stored = json.loads(cache.read_text())
    assert len(stored) == 2
    assert KEY not in cache.read_text()
    assert file_sha256(catalog_db) == catalog_before


def test_bad_answer_falls_back_to_the_heuristic_and_says_so(tmp_path: Path, catalog_db) -> None:
    cache = tmp_path / "cache.json"
    with FakeLLM() as fake:
        fake.script("interp", ok(text="I think it is about coding."))
        result = generate_runtime_from_spec(
            parse_spec(_spec(fake.url)),
            GeneratorOptions(db_path=catalog_db, interpreter_cache=cache),
        )
    assert result.explanations["a"].needs_source == "keyword heuristic (interpreter unavailable)"
    assert any("interpreter openai/interp failed" in w for w in result.warnings)
    assert not cache.exists()


def test_server_error_falls_back_without_retrying_every_role(
    tmp_path: Path, catalog_db, monkeypatch
) -> None:
    monkeypatch.setenv("INTERP_KEY", KEY)
    with FakeLLM() as fake:
        fake.script("interp", error(401, message=f"Incorrect API key provided: {KEY}"))
        result = generate_runtime_from_spec(
            parse_spec(_spec(fake.url)),
            GeneratorOptions(db_path=catalog_db, interpreter_cache=tmp_path / "c.json"),
        )
        assert len(fake.requests) == 1
    assert result.explanations["c"].needs_source.startswith("keyword heuristic")
    warning = next(w for w in result.warnings if "interpreter" in w)
    assert KEY not in warning and "***" in warning, warning


def test_no_llm_and_env_configuration(tmp_path: Path, catalog_db, monkeypatch) -> None:
    with FakeLLM() as fake:
        fake.script("interp", ok(text=ANSWER))
        skipped = generate_runtime_from_spec(
            parse_spec(_spec(fake.url)),
            GeneratorOptions(db_path=catalog_db, no_llm=True, interpreter_cache=tmp_path / "c"),
        )
        assert not fake.requests
        assert skipped.explanations["a"].needs_source == "keyword heuristic (--no-llm)"
        monkeypatch.setenv("LLMHUB_INTERPRETER_MODEL", "openai/interp")
        monkeypatch.setenv("LLMHUB_INTERPRETER_API_BASE", fake.url)
        from_env = generate_runtime_from_spec(
            parse_spec(_spec(None)),
            GeneratorOptions(db_path=catalog_db, interpreter_cache=tmp_path / "env.json"),
        )
        assert len(fake.requests) == 2
    assert from_env.explanations["c"].needs_source == "interpreter openai/interp"


@pytest.mark.parametrize(
    ("text", "task", "tools", "vision", "context"),
    [
        ("Review pull requests and refactor Python code", "coding", False, False, None),
        (
            "Solve math problems step by step with careful reasoning",
            "reasoning",
            False,
            False,
            None,
        ),
        ("Write a short story or poem for the newsletter", "creative", False, False, None),
        ("Agent that uses tools to book meetings", "general", True, False, None),
        ("Describe screenshots and photos", "general", False, True, None),
        ("Answer questions about long documents", "general", False, False, 100_000),
        ("", "general", False, False, None),
    ],
)
def test_keyword_heuristic(text: str, task: str, tools: bool, vision: bool, context) -> None:
    needs = heuristic_needs(text)
    assert (needs.task, needs.tools, needs.vision, needs.context_min) == (
        task,
        tools,
        vision,
        context,
    )


def test_unreachable_interpreter_falls_back_quickly(tmp_path: Path, catalog_db) -> None:
    import socket
    import time

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.perf_counter()
    result = generate_runtime_from_spec(
        parse_spec(_spec(f"http://127.0.0.1:{port}/v1")),
        GeneratorOptions(db_path=catalog_db, interpreter_cache=tmp_path / "c.json"),
    )
    assert time.perf_counter() - start < 15
    assert result.explanations["a"].needs_source == "keyword heuristic (interpreter unavailable)"
    assert any("failed" in w and "keyword heuristic" in w for w in result.warnings)


def test_a_reply_wanted_within_a_second_reads_as_latency_low(
    tmp_path: Path, catalog_db: Path
) -> None:
    # "Replies under a second" was read as nothing: the role weighed no speed and got a model
    # that thinks for seconds before its first token.
    for text in (
        "Dialogue for game characters; in character, replies under a second.",
        "Inline autocomplete while the user types.",
        "Real-time captions for live streams.",
        "Answer callers in real time on the phone.",
        "Suggestions must appear within 300 ms.",
        # an adjective that opens the description describes the role (these read as nothing)
        "Fast, cheap classifier for support tickets.",
        "Route requests. A low-latency router in front of the API.",
        "Support bot; it must be fast.",
    ):
        assert heuristic_needs(text).fast, text
    # "instant", "real time" and "fast" as plain adjectives are no speed need
    for text in (
        "Report on a fast-moving market.",
        "Audit last month's instant messaging logs; a nightly batch job.",
        "Weekly report on our real-time bidding system.",
        "Review C++ code for a low-latency trading engine.",
    ):
        assert not heuristic_needs(text).fast, text
    # a negated speed is no reading, and no need ruled out ("no fast" read as nonsense)
    batch = heuristic_needs("Batch job, not real time.")
    assert not batch.fast and "fast" not in batch.read()
    spec = (
        "providers:\n  openai: {}\n  anthropic: {}\n  google: {}\nroles:\n"
        "  npc: {kind: chat, description: 'Game dialogue; replies under a second.'}\n"
        "  slow: {kind: chat, description: 'Game dialogue; replies under a second.',"
        " preferences: {latency: high}}\n"
    )
    options = GeneratorOptions(db_path=catalog_db, no_llm=True)
    result = generate_runtime_from_spec(parse_spec(spec), options)
    npc, slow = result.explanations["npc"], result.explanations["slow"]
    assert "latency: low" in npc.inferred and npc.levels["latency"] == "low"
    assert "fast replies" in npc.read
    # a level the spec writes wins over the description
    assert "latency: low" not in slow.inferred and slow.levels["latency"] == "high"

    # An interpreter answer cached before it was asked about speed keeps its reading (no call
    # on a rerun: the server below does not exist) and takes speed from the keywords.
    from llmhub.generator.interpreter import _key

    description = "Game dialogue; replies under a second."
    cache = tmp_path / "cache.json"
    old = {"task": "creative", "tools": False, "vision": False, "context_min": None}
    cache.write_text(
        json.dumps({_key("openai/interp", description): {"needs": old, "description": description}})
    )
    with_interpreter = (
        "interpreter: {model: openai/interp, api_base: 'http://127.0.0.1:9/v1'}\n" + spec
    )
    cached = generate_runtime_from_spec(
        parse_spec(with_interpreter),
        GeneratorOptions(db_path=catalog_db, interpreter_cache=cache),
    ).explanations["npc"]
    assert cached.needs_source == "interpreter openai/interp (cached)"
    assert "creative: medium" in cached.inferred and "latency: low" in cached.inferred
    assert "requires.max_latency_seconds: 1" in cached.inferred


def test_a_stated_reply_time_is_a_soft_latency_budget(catalog_db: Path) -> None:
    # "Replies under a second" weighed speed but let a model measured at 2.0 s to its first
    # token win on quality: the stated time is now a budget (a soft max_latency_seconds).
    for text, seconds in (
        ("Game dialogue; replies under a second.", 1.0),
        ("Suggestions must appear within 300 ms.", 0.3),
        ("Answer in less than 2.5 seconds, or within half a second when cached.", 2.5),
        ("Respond within half a second.", 0.5),
        ("A sub-second reply.", 1.0),
        ("Nightly batch; not under a second, no rush.", None),
        ("Finish each report in under 90 seconds.", None),  # a minute at most
        ("Game dialogue, in character.", None),
    ):
        needs = heuristic_needs(text)
        assert needs.latency_seconds == seconds, text
        # a second or less is a fast role; a longer budget is only a budget
        assert needs.fast == (seconds is not None and seconds <= 1.0), text
    spec = (
        "providers:\n  openai: {}\n  anthropic: {}\n  google: {}\n  xai: {}\n  deepseek: {}\n"
        "roles:\n"
        "  npc: {kind: chat, description: 'Game dialogue; replies under a second.',"
        " preferences: {creative: high, cost: low}}\n"
        "  unhurried: {kind: chat, description: 'Game dialogue; replies under a second.',"
        " preferences: {creative: high, cost: low, latency: high}}\n"
        "  strict: {kind: chat, description: 'Classify tickets.',"
        " requires: {max_latency_seconds: 0.01}}\n"
    )
    options = GeneratorOptions(db_path=catalog_db, no_llm=True)
    with pytest.raises(SelectionError, match=r"`max_latency_seconds` blocks every candidate"):
        generate_runtime_from_spec(parse_spec(spec), options)  # written under requires: hard
    relaxed = spec.replace("max_latency_seconds: 0.01}", "max_latency_seconds: 0.01}, relax: true")
    result = generate_runtime_from_spec(parse_spec(relaxed), options)
    npc, unhurried = result.explanations["npc"], result.explanations["unhurried"]
    assert "requires.max_latency_seconds: 1" in npc.inferred
    assert "replies within 1 s" in npc.read
    seconds = [float(s) for s in re.findall(r"([\d.]+) s to first token", npc.pick_facts)]
    assert seconds and seconds[0] <= 1.0, npc.pick_facts
    # latency: high in the spec says speed is no concern: no budget, and a slower, better model
    assert not any("max_latency_seconds" in i for i in unhurried.inferred)
    slow = [float(s) for s in re.findall(r"([\d.]+) s to first token", unhurried.pick_facts)]
    assert slow and slow[0] > 1.0, unhurried.pick_facts
    assert any(
        "relaxed max_latency_seconds (0.01 s, opted in with relax)" in w for w in result.warnings
    )


def test_a_role_said_to_be_cheap_reads_as_cost_low(catalog_db: Path) -> None:
    # "A small model is enough" and no preferences: unset cost is "not a concern", so the role
    # got Claude Fable 5 at $20 per 1M for rewriting search queries.
    for text in (
        "Rewrite search queries into keywords quickly; a small model is enough.",
        "Label the inbox with mail tools; a small model is fine.",
        "Step-by-step math help; must be correct but stay cheap.",
        "Social media banner images with short text; cheap.",
        "Summaries for the board; we are on a tight budget.",
        "Use a lightweight model where possible.",
        # an adjective that opens the description or a sentence (these read as nothing)
        "A cheap coding helper that explains compiler errors.",
        "Cheap, fast classifier for support tickets.",
        "Label tickets. Low-cost is what matters.",
    ):
        assert heuristic_needs(text).cheap, text
    for text in (
        "Find cheap flights for travellers.",  # the job's subject, not its budget
        "Compare the cheapest model of each car brand.",
        "Explain budget models of laptops to shoppers.",
        "Quality first: this is not a small model job, no budget limits.",
    ):
        assert not heuristic_needs(text).cheap, text
    spec = (
        "providers:\n  openai: {}\n  anthropic: {}\n  google: {}\nroles:\n"
        "  rewrite: {kind: chat, description: 'Rewrite search queries into keywords quickly;"
        " a small model is enough.'}\n"
        "  banner: {kind: image, description: 'Banner images with short text; cheap.'}\n"
        "  pricey: {kind: chat, description: 'Rewrite queries; a small model is enough.',"
        " preferences: {cost: high}}\n"
    )
    result = generate_runtime_from_spec(
        parse_spec(spec), GeneratorOptions(db_path=catalog_db, no_llm=True)
    )
    rewrite = result.explanations["rewrite"]
    assert "cost: low" in rewrite.inferred and "latency: low" in rewrite.inferred
    role = result.runtime.roles["rewrite"]
    blended = (3 * role.price_input_per_million + role.price_output_per_million) / 4
    assert blended <= 1.0, (role.model, blended)
    # any kind may be cheap; a level the spec writes wins
    assert "cost: low" in result.explanations["banner"].inferred
    assert result.explanations["pricey"].levels["cost"] == "high"
    assert "cost: low" not in result.explanations["pricey"].inferred


def test_the_readers_near_misses() -> None:
    # From a code review: words read where they describe the job, not the role.
    from llmhub.generator.needs import RoleNeeds

    for text in (
        "Help users quickly find the right document.",
        "A quickly growing startup needs weekly summaries.",
    ):
        assert not heuristic_needs(text).fast, text
    assert heuristic_needs("A fast and cheap classifier.").fast
    for text in (
        "Budgeting assistant that checks whether expenses stay within the budget.",
        "Meal plans for families on a tight budget.",
    ):
        assert not heuristic_needs(text).cheap, text
    assert heuristic_needs("We are on a tight budget: summaries only.").cheap
    assert heuristic_needs("Summarize the transcription of each call.").audio == "none"
    for text in ("Captions for YouTube videos.", "Captions of the meeting recordings."):
        assert heuristic_needs(text).audio == "transcription", text
    # an interpreter's reply time out of range is no budget, not a failed reading
    assert RoleNeeds.model_validate({"latency_seconds": 120}).latency_seconds is None
    assert RoleNeeds.model_validate({"latency_seconds": 0}).latency_seconds is None
    assert RoleNeeds.model_validate({"latency_seconds": 0.3}).latency_seconds == 0.3


def test_an_interpreter_litellm_cannot_route_leaves_stdout_to_the_runtime_file(
    catalog_db: Path, tmp_path: Path
) -> None:
    # litellm printed its "Provider List" banner to stdout for a model it cannot route, and
    # `generate --dry-run > llmhub.yaml` wrote it into the YAML.
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(
        "project: t\nproviders: {openai: {}}\nroles:\n  chat:\n    kind: chat\n"
        "    description: Answer billing questions politely.\n"
    )
    env = {
        **cli_env(),
        "LLMHUB_INTERPRETER_MODEL": "garbage",
        "LLMHUB_INTERPRETER_CACHE": str(tmp_path / "cache.json"),
    }
    ran = run_cli("generate", "--spec", str(spec), "--db", str(catalog_db), "--dry-run", env=env)
    assert ran.returncode == 0, ran.stderr
    assert "Provider List" not in ran.stdout and "\x1b" not in ran.stdout
    assert yaml.safe_load(ran.stdout)["roles"]["chat"]["model"]
    assert "interpreter" in ran.stderr  # the failure is still reported, on stderr
