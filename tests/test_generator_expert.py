"""The expert panel: 20 everyday roles x 3 provider situations. For each role a comment says
which picks a practitioner would sign, as a rule over the catalog's own figures (price, task
quality, speed, host), and the test asserts the pick satisfies it. The candidates and the best
figures are the test's own reading of the `models` mart, not the generator's query."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from llmhub.errors import SelectionError
from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.generator.plan import writes_effort
from llmhub.generator.weights import HIGH_QUALITY_BAND
from llmhub.spec.loader import parse_spec
from llmhub.spec.models import Level
from tests.helpers import ASSETS, at_call

ROLES: dict[str, dict] = yaml.safe_load((ASSETS / "expert" / "roles.yaml").read_text())

# Provider situations: the big three labs; no restriction; open weights on cheap hosts
# (DeepSeek's own API and the open-weights inference hosts).
SITUATIONS: dict[str, list[str] | None] = {
    "big_three": ["openai", "anthropic", "google"],
    "open": None,
    "open_weights_cheap": ["deepseek", "groq", "togetherai", "fireworks-ai", "deepinfra"],
}
SPELLINGS = {"google": {"google", "gemini"}, "togetherai": {"togetherai", "together_ai"}}
KIND_MODE = {"chat": "chat", "tool": "chat", "embedding": "embedding", "image": "image"}
KIND_MODE["audio"] = "audio"
TASK = {
    "coding.agent": "coding",
    "code.review": "coding",
    "math.solver": "reasoning",
    "creative.writer": "creative",
    "research.agent": "reasoning",
    "sql.assistant": "coding",
    "vision.ocr": "vision",
    "main.reasoner": "reasoning",
}


def _candidates(con, role: dict, providers: list[str] | None) -> list[dict]:
    """Every listing the role could be given, by the documented rules, read by the test."""
    cur = con.execute("select * from models where litellm_model is not null")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    wanted = None
    if providers is not None:
        wanted = set().union(*(SPELLINGS.get(p, {p}) for p in providers))
    req = role.get("requires", {})
    kind = role.get("kind", "chat")
    out = []
    for r in rows:
        ins, outs = set(r["input_modalities"] or []), set(r["output_modalities"] or [])
        checks = [
            r["mode"] == KIND_MODE[kind],
            wanted is None or r["provider"] in wanted or r["litellm_provider"] in wanted,
            not r["is_deprecated"],
            role.get("allow_free_tiers")
            or (not r["is_free_listing"] and _role_price(r, kind) is not None),
            kind not in ("chat", "tool") or ({"text"} <= ins and {"text"} <= outs),
            kind != "tool" or r["supports_tool_call"],
            kind != "image" or "image" in outs,
            kind != "audio" or ("audio" in ins and "text" in outs),
            not req.get("structured_output") or r["supports_structured_output"],
            set(req.get("input_modalities", [])) <= ins,
            (r["context_tokens"] or 0) >= req.get("context_min", 0),
            req.get("max_price_blended") is None
            or (r["price_blended_per_million"] or 0) <= req["max_price_blended"],
        ]
        if all(checks):
            out.append(r)
    # The speed its lab's own API was measured at (the one host a speed applies to).
    lab_ttft = {
        r["model_key"]: r["ttft_seconds"]
        for r in rows
        if r["host_class"] == "lab" and r["ttft_seconds"] is not None
    }
    for r in out:
        r["lab_ttft_seconds"] = lab_ttft.get(r["model_key"])
    # The quality of a model is the same on every host: the best figure any listing has.
    for task in ("overall", "coding", "reasoning", "creative", "vision", "agentic"):
        best: dict[str, float] = {}
        for r in rows:
            figure = r[f"quality_{task}"]
            if figure is not None and r["model_key"] is not None:
                best[r["model_key"]] = max(figure, best.get(r["model_key"], figure))
        for r in out:
            r[f"quality_{task}"] = best.get(r["model_key"], r[f"quality_{task}"])
    # ...at the effort the role's call runs at (a figure of an effort the call does not set is
    # quality_default_offset points away).
    prefs = role.get("preferences", {})
    levels = {a: Level(prefs[a]) if a in prefs else None for a in _LEVELS}
    writes = writes_effort(
        levels,
        role.get("mode_params", {}),
        requires_reasoning=bool(role.get("requires", {}).get("reasoning")),
    )
    for r in out:
        for task in ("overall", "coding", "reasoning", "creative", "vision", "agentic"):
            r[f"quality_{task}"] = at_call(r, r[f"quality_{task}"], writes_effort=writes)
    return out


_LEVELS = ("quality", "reasoning", "coding", "creative", "latency", "cost")


def _q(row: dict, task: str) -> float | None:
    """The task's figure; coding, reasoning, creative and agentic fall back to overall (the
    documented rule: a task figure the sources lack is the model's overall figure)."""
    figure = row.get(f"quality_{task}")
    if figure is None and task in ("coding", "reasoning", "creative", "agentic"):
        figure = row.get("quality_overall")
    return figure


def _best(cands: list[dict], task: str) -> float:
    return max((_q(r, task) for r in cands if _q(r, task) is not None), default=0.0)


def _best_low(cands: list[dict], task: str) -> float:
    """The low end of the interval of the candidate with the best figure for the task."""
    best = max((r for r in cands if _q(r, task) is not None), key=lambda r: _q(r, task))
    return best[f"quality_{task}_low"] or 0.0


def _top3(cands: list[dict], task: str, row: dict) -> bool:
    """Among the 3 best models for the task, or tied with the best (within 10 points: the
    generator's documented quality tie, where the cheaper one wins)."""
    mine = _q(row, task)
    if mine is None:
        return False
    better = {r["model_key"] for r in cands if (_q(r, task) or 0) > mine}
    return len(better) < 3 or mine >= _best(cands, task) - 10


def _role_price(row: dict, kind: str) -> float | None:
    # A transcription role ranks on the price per audio minute, the one unit every transcriber
    # has (whisper-1 and Groq's Whisper have no token price); an image role on the price per
    # image; any other on the blended price.
    if kind == "audio":
        return row["price_per_audio_minute"]
    if kind == "image":
        return row["price_per_image"]
    return row["price_blended_per_million"]


def _ttft(row: dict) -> float | None:
    """Time to first token: measured on this listing, else on the model's lab's own API."""
    return row["ttft_seconds"] if row["ttft_seconds"] is not None else row["lab_ttft_seconds"]


def _price(row: dict) -> float:
    return row["price_blended_per_million"] if row["price_blended_per_million"] is not None else 1e9


def _first_party(row: dict) -> bool:
    return row["host_class"] in ("lab", "cloud")


Rule = Callable[[dict, list[dict]], bool]

# Per role: why a pick is acceptable, as a rule over the catalog's figures.
ACCEPT: dict[str, Rule] = {
    # 12 labels, cheap and fast: any model at most $0.30/M blended that answers in about a
    # second; quality low accepts a small model.
    "ticket.classifier": lambda r, c: (
        _price(r) <= 0.30 and (r["ttft_seconds"] is None or r["ttft_seconds"] <= 2.0)
    ),
    # Customer-facing: not dear (<= $2/M), within 60 points of the best model at that price,
    # and not a slow thinker (measured time to first token <= 5 s if known).
    "support.chat": lambda r, c: (
        (_q(r, "overall") or 0) >= _best([x for x in c if _price(x) <= 2.0], "overall") - 60
        and _price(r) <= 2.0
        and (r["ttft_seconds"] is None or r["ttft_seconds"] <= 5.0)
    ),
    # The seed's sample role (cost: low, quality: medium, latency: low): at most $1.50/M.
    "seed.general_chat": lambda r, c: _price(r) <= 1.50,
    # Coding agent, coding and quality high, cost medium (balanced): a coder tied with the best
    # on the figures' own uncertainty (its interval reaches the best coder's: issue 12's quality
    # tie, where the cheaper one wins) and inside the band that "high" means (HIGH_QUALITY_BAND
    # points), with tool calls. Was "within 25 points": with GPT-5.6 Sol listed (coding 1,587,
    # $8/M) that rule left only $4-8/M models and rejected GPT-5.6 Luna (1,547, interval
    # 1,476-1,618 against Sol's 1,516-1,658) at $0.45/M, for a role that weighs cost.
    "coding.agent": lambda r, c: (
        (_q(r, "coding") or 0) >= _best(c, "coding") - HIGH_QUALITY_BAND
        and (r["quality_coding_high"] or 0) >= _best_low(c, "coding")
        and r["supports_tool_call"]
    ),
    # Code review, price no concern: a top-3 coder.
    "code.review": lambda r, c: _top3(c, "coding", r),
    # Long documents: >= 200k context, a good model (within 80 points of the best such),
    # not a flagship price (<= $5/M).
    "long.summarizer": lambda r, c: (
        (_q(r, "overall") or 0) >= _best(c, "overall") - 80 and _price(r) <= 5.0
    ),
    # Receipts: reads images, with a vision figure within 80 points of the best reader.
    "vision.ocr": lambda r, c: (_q(r, "vision") or 0) >= _best(c, "vision") - 80,
    # Embeddings, cheap: an embedding model at most $0.15/M from a lab or major cloud.
    "embeddings": lambda r, c: _price(r) <= 0.15 and _first_party(r),
    # JSON extraction, cheap: structured output, at most $1/M.
    "json.extraction": lambda r, c: r["supports_structured_output"] and _price(r) <= 1.0,
    # Math, reasoning high: within 40 points of the best reasoner available.
    "math.solver": lambda r, c: (_q(r, "reasoning") or 0) >= _best(c, "reasoning") - 40,
    # Stories, creative high, cost medium: within 40 points of the best creative writer.
    "creative.writer": lambda r, c: (_q(r, "creative") or 0) >= _best(c, "creative") - 40,
    # Inline autocomplete: instant (measured <= 1.5 s or a small model) and cheap (<= $0.5/M). A
    # re-listing's speed is the same model's on its lab's own API (Gemma 4 26B on DeepInfra, as
    # Google serves it: 1.1 s), as the catalog estimates it.
    "autocomplete": lambda r, c: (
        _price(r) <= 0.5
        and (_ttft(r) or 0) <= 1.5
        and not (r["supports_reasoning"] and _ttft(r) is None)
    ),
    # $1/M budget: within the cap, and within 60 points of the best model under it.
    "budget.chat": lambda r, c: (
        _price(r) <= 1.0 and (_q(r, "overall") or 0) >= _best(c, "overall") - 60
    ),
    # Transcription, cheap: audio in, text out (never a text-to-speech model), priced per audio
    # minute and at most 1.5x the cheapest candidate's price per minute. No leaderboard scores
    # transcribers, so price decides (whisper-large-v3-turbo on Groq is $0.04 an hour).
    "transcriber": lambda r, c: (
        "audio" in r["input_modalities"]
        and "text" in r["output_modalities"]
        and r["price_per_audio_minute"] is not None
        and r["price_per_audio_minute"] <= 1.5 * min(x["price_per_audio_minute"] or 1e9 for x in c)
    ),
    # Image generation: a model whose output is an image, priced per image, at most 1.5x the
    # cheapest candidate's price per image. No leaderboard scores image models, so price decides.
    "image.gen": lambda r, c: (
        "image" in r["output_modalities"]
        and r["price_per_image"] is not None
        and r["price_per_image"] <= 1.5 * min(x["price_per_image"] or 1e9 for x in c)
    ),
    # A judge, the best: a top-3 model overall.
    "judge": lambda r, c: _top3(c, "overall", r),
    # Translation, cheap: at most $1.50/M and within 80 points of the best at that price.
    "translator": lambda r, c: (
        _price(r) <= 1.5
        and (_q(r, "overall") or 0) >= _best([x for x in c if _price(x) <= 1.5], "overall") - 80
    ),
    # Research agent: tools, 128k context, within 60 points of the best reasoner.
    "research.agent": lambda r, c: (
        r["supports_tool_call"] and (_q(r, "reasoning") or 0) >= _best(c, "reasoning") - 60
    ),
    # SQL from questions: a decent coder (within 100 points of the best) at most $1.50/M.
    "sql.assistant": lambda r, c: (
        _price(r) <= 1.5 and (_q(r, "coding") or 0) >= _best(c, "coding") - 100
    ),
    # Premium answers, price no concern: a top-3 model overall.
    "flagship": lambda r, c: _top3(c, "overall", r),
    # The demo's main reasoning engine (quality and reasoning high, cost and latency medium,
    # tools): a reasoner near the best one with tools, never a cheap small model 70 points down
    # that wins on price and speed (weights.py HIGH_QUALITY_BAND).
    "main.reasoner": lambda r, c: (
        r["supports_tool_call"] and (_q(r, "reasoning") or 0) >= _best(c, "reasoning") - 60
    ),
}


def _spec(situation: list[str] | None, roles: dict[str, dict]) -> str:
    data: dict = {"project": "expert", "roles": roles}
    if situation is not None:
        data["providers"] = {p: {} for p in situation}
    return yaml.safe_dump(data, sort_keys=True)


def test_every_role_has_a_rule() -> None:
    assert len(ROLES) >= 20
    assert set(ACCEPT) == set(ROLES)


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_expert_panel(situation: str, con, catalog_db: Path) -> None:
    providers = SITUATIONS[situation]
    feasible = {n: r for n, r in ROLES.items() if _candidates(con, r, providers)}
    infeasible = sorted(set(ROLES) - set(feasible))
    # A role no candidate can serve stops generate with a SelectionError naming the role.
    for name in infeasible:
        with pytest.raises(SelectionError) as info:
            generate_runtime_from_spec(
                parse_spec(_spec(providers, {name: ROLES[name]})),
                GeneratorOptions(no_llm=True, db_path=catalog_db),
            )
        assert info.value.role == name
    result = generate_runtime_from_spec(
        parse_spec(_spec(providers, feasible)), GeneratorOptions(no_llm=True, db_path=catalog_db)
    )
    misses = []
    for name, role in result.runtime.roles.items():
        cands = _candidates(con, feasible[name], providers)
        mine = [
            r
            for r in cands
            if r["litellm_provider"] == role.provider
            and r["litellm_model"] == f"{role.provider}/{role.model}"
        ]
        assert mine, f"{situation}/{name}: {role.provider}/{role.model} is not a candidate"
        if not ACCEPT[name](mine[0], cands):
            misses.append(f"{name}: {role.provider}/{role.model}")
    signed = len(result.runtime.roles) - len(misses)
    print(f"{situation}: {signed}/{len(result.runtime.roles)} picks in their set; {infeasible=}")
    assert not misses, f"{situation}: picks outside their acceptable set: {misses}"


# The demo's providers: there a cheap Mistral model 70 points under the best reasoner out-scored
# every flagship on price and speed for the main reasoning engine, before the band.
BAND_SITUATIONS = {**SITUATIONS, "demo": ["openai", "anthropic", "google", "mistral"]}


@pytest.mark.parametrize("situation", sorted(BAND_SITUATIONS))
def test_a_role_that_wants_the_best_gets_a_model_near_the_best(
    situation: str, con, catalog_db: Path
) -> None:
    # "high wants the best" (weights.py HIGH_QUALITY_BAND): whatever cost and latency say, a
    # role with quality or its task at high gets a model within the band of the best candidate
    # on its task, read by the test from the catalog at the effort its call runs at.
    providers = BAND_SITUATIONS[situation]
    wanting = {
        n: r
        for n, r in ROLES.items()
        if "high" in {r.get("preferences", {}).get(a) for a in ("quality", *TASK_LEVELS)}
        and r.get("kind", "chat") in ("chat", "tool")
        and _candidates(con, r, providers)
    }
    assert len(wanting) >= 5
    result = generate_runtime_from_spec(
        parse_spec(_spec(providers, wanting)), GeneratorOptions(no_llm=True, db_path=catalog_db)
    )
    for name, role in result.runtime.roles.items():
        task = TASK.get(name, "agentic" if ROLES[name].get("kind") == "tool" else "overall")
        cands = _candidates(con, wanting[name], providers)
        mine = next(
            r
            for r in cands
            if r["litellm_provider"] == role.provider
            and r["litellm_model"] == f"{role.provider}/{role.model}"
        )
        assert (_q(mine, task) or 0) >= _best(cands, task) - HIGH_QUALITY_BAND, (
            f"{situation}/{name}: {role.provider}/{role.model} at {_q(mine, task)}"
            f" vs the best {_best(cands, task)}"
        )


TASK_LEVELS = ("reasoning", "coding", "creative")
