"""Each role in llmhub.yaml says why its model was chosen, in terms a reviewer can check."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.generator.weights import QUALITY_SPAN, TIE_POINTS
from llmhub.runtime.config import parse_runtime
from llmhub.spec import parse_spec
from tests.helpers import at_call, run_cli

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


FIGURES_SPEC = """
project: figures
providers: {openai: {}, anthropic: {}, google: {}}
roles:
  answer:
    kind: chat
    description: Answer questions about our product.
    preferences: {quality: high, cost: medium}
"""


def _every_output(catalog_db: Path, tmp_path: Path, spec_text: str, role: str) -> dict[str, Any]:
    """The role as each output gives it, from the real CLI in a subprocess: the --explain text,
    the --json explanation, the reason written into llmhub.yaml, and explain --vs against the
    first runner-up."""
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(spec_text)
    out = tmp_path / "llmhub.yaml"
    common = ["--spec", str(spec), "--db", str(catalog_db), "--no-llm"]
    text = run_cli("generate", *common, "--out", str(out), "--explain")
    assert text.returncode == 0, text.stderr
    as_json = run_cli("generate", *common, "--out", str(out), "--json", "--dry-run")
    assert as_json.returncode == 0, as_json.stderr
    explanation = json.loads(as_json.stdout)["explanations"][role]
    lines = text.stdout.splitlines()
    start = lines.index(next(x for x in lines if x.startswith(f"{role}: ")))
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        block.append(line)
    versus = run_cli("explain", role, "--vs", explanation["runners_up"][0]["model"], *common)
    assert versus.returncode == 0, versus.stderr
    reason = yaml.safe_load(out.read_text())["roles"][role]["reason"]
    return {"text": "\n".join(block), "json": explanation, "reason": reason, "vs": versus.stdout}


def test_a_figure_reads_the_same_in_every_output(catalog_db: Path, con, tmp_path: Path) -> None:
    # The pick's signals read 0.958 in --explain, 0.96 in llmhub.yaml, 0.9579351717188858 in
    # --json, and its score 0.8419 in explain --vs: one rounding rule per kind of figure now
    # (llmhub/generator/figures.py): a price in cents, seconds to 0.1 s, a signal to 0.001.
    got = _every_output(catalog_db, tmp_path, FIGURES_SPEC, "answer")
    pick = got["json"]["pick"]
    price, cost, ttft, effort_ttft = con.execute(
        "select unit_price, cost_signal, ttft_seconds, effort_ttft_seconds"
        " from selection_candidates where litellm_model = ?",
        [pick],
    ).fetchone()
    cost_key = next(k for k in got["json"]["score"] if k.startswith("cost("))
    # the cost signal is the catalog's, rounded to three decimals, in all four outputs
    assert got["json"]["score"][cost_key] == float(f"{cost:.3f}")
    assert f"{cost_key} {cost:.3f}" in got["text"]
    assert f"{cost_key} {cost:.3f}" in got["reason"]
    total = got["json"]["score"]["total"]
    assert f"total {total:.3f}" in got["text"]
    assert f"score {total:.3f} = " in got["reason"]
    assert f"{pick}: " in got["vs"] and f"score {total:.3f}" in got["vs"].split(f"{pick}: ")[1]
    # the price in cents, half up on the catalog's decimal, and the seconds the call is timed at
    cents = Decimal(repr(price)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    seconds = effort_ttft if "which the call sets" in got["json"]["pick_facts"] else ttft
    facts = f"${cents} per 1M blended, {seconds:.1f} s to first token"
    assert got["json"]["pick_facts"].startswith(facts)
    assert f"pick: {facts}" in got["text"]
    assert f"({facts}" in got["reason"]
    assert f"{pick}: {facts}" in got["vs"]
    # a runner-up's score is the same figure in --json as in its reason
    for runner_up in got["json"]["runners_up"]:
        assert runner_up["score"] == round(runner_up["score"], 3)


RATIO_SPEC = """
project: ratios
providers: {groq: {}, xai: {}, openai: {}, google: {}}
roles:
  minutes:
    kind: audio
    description: Transcribe recorded meetings to text.
    preferences: {cost: low}
  autocomplete:
    kind: chat
    description: Instant inline autocomplete of the next few words while the user types.
    preferences: {quality: low, cost: low, latency: low}
    fallbacks: 2
"""

_DEARER = re.compile(
    r"(?P<ratio>[\d.]+)x the pick's price \(\$(?P<a>[\d,.]+) vs \$(?P<b>[\d,.]+) per (?P<unit>[^)]+)\)"
)


def test_a_price_ratio_is_the_ratio_of_the_prices_printed_beside_it(
    catalog_db: Path, con, tmp_path: Path
) -> None:
    # "2.5x the pick's price ($0.0017 vs $0.0007 per audio minute)": the printed prices divide
    # to 2.4; "2.6x ($0.45 vs $0.18)" to 2.5. The ratio was of the catalog's prices, the prices
    # beside it rounded. Now the printed prices divide to the printed ratio, and that ratio is
    # the catalog's.
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(RATIO_SPEC)
    out = tmp_path / "llmhub.yaml"
    proc = run_cli(
        "generate", "--spec", str(spec), "--db", str(catalog_db), "--out", str(out),
        "--no-llm", "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    explanations = json.loads(proc.stdout)["explanations"]
    checked = 0
    for explanation in explanations.values():
        for model, reason in zip(
            explanation["fallbacks"], explanation["fallback_reasons"], strict=True
        ):
            found = _DEARER.search(reason)
            if found is None:
                continue
            checked += 1
            fallback_price, pick_price = (
                con.execute(
                    "select unit_price from selection_candidates where litellm_model = ?", [m]
                ).fetchone()[0]
                for m in (model, explanation["pick"])
            )
            a, b = (Decimal(found[k].replace(",", "")) for k in ("a", "b"))
            # the printed ratio is the printed prices' ratio ...
            assert f"{a / b:.1f}" == found["ratio"], reason
            # ... and the catalog's ratio, of the catalog's prices rounded as printed
            assert f"{fallback_price / pick_price:.1f}" == found["ratio"], reason
            for shown, price in ((found["a"], fallback_price), (found["b"], pick_price)):
                digits = len(shown.split(".")[1])
                rounded = Decimal(repr(price)).quantize(
                    Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP
                )
                assert Decimal(shown.replace(",", "")) == rounded, reason
    assert checked >= 3, explanations


TIE_SPEC = """
project: ties
providers: {xai: {}, openai: {}}
roles:
  stories:
    kind: chat
    description: Write short stories and poems on request.
    preferences: {creative: high, cost: medium}
"""


def _at_call_figure(con, litellm_model: str, task: str) -> tuple[float, float, float]:
    """(figure, low, high) of a listing's model on ``task``, at the effort a quality-first
    role's call runs it at (selection_group_quality; tests.helpers.at_call)."""
    row = con.execute(
        "select m.supports_reasoning, m.quality_effort, m.litellm_provider,"
        " g.default_offset as quality_default_offset, g.q, g.q_low, g.q_high"
        " from models as m inner join selection_group_quality as g using (model_group)"
        " where m.litellm_model = ? and g.task = ?",
        [litellm_model, task],
    ).fetchone()
    names = ("supports_reasoning", "quality_effort", "litellm_provider", "quality_default_offset")
    facts = dict(zip(names, row[:4], strict=True))
    return tuple(at_call(facts, v, writes_effort=True) for v in row[4:])  # type: ignore[return-value]


def test_the_score_line_says_when_the_tie_band_counted_another_figure(
    catalog_db: Path, con, tmp_path: Path
) -> None:
    # Grok 4.5 (1,567) won a story role over GPT-5.6 Sol (1,575) with "quality(x3) 1.000", the
    # signal of the best figure, and no word of why: within 10 points of the best, with
    # intervals that overlap, it counts as tied and is scored at the best figure. The score line
    # says so, with the figures; the runner-up that lost on price says they were tied.
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(TIE_SPEC)
    common = ["--spec", str(spec), "--db", str(catalog_db), "--no-llm"]
    proc = run_cli("generate", *common, "--json", "--dry-run")
    assert proc.returncode == 0, proc.stderr
    explanation = json.loads(proc.stdout)["explanations"]["stories"]
    (part,) = [k for k in explanation["score"] if k.startswith("quality(")]
    note = explanation["score_notes"][part]
    found = re.search(r"counted at ([\d,]+), the figure of (\S+), the best candidate", note)
    assert found, note
    best = found[2]
    pick = explanation["pick"]
    own, _, own_high = _at_call_figure(con, pick, "creative")
    top, top_low, _ = _at_call_figure(con, best, "creative")
    # what the note claims holds in the catalog: a better figure, within 10 points, intervals
    # overlapping
    assert own < top <= own + TIE_POINTS and own_high >= top_low
    for figure in (top, own, own_high, top_low):
        assert f"{figure:,.0f}" in note, (figure, note)
    # and the signal is the best figure's on the task's scale, not the pick's own
    q_max = con.execute(
        "select max(q) from selection_task_quality where task = 'creative'"
    ).fetchone()[0]
    counted = min(1.0, max(0.0, (top - (q_max - QUALITY_SPAN)) / QUALITY_SPAN))
    assert explanation["score"][part] == float(f"{counted:.3f}")
    assert explanation["score"][part] != float(
        f"{min(1.0, max(0.0, (own - (q_max - QUALITY_SPAN)) / QUALITY_SPAN)):.3f}"
    )
    # the text prints it in the score line, after the part it explains
    text = run_cli("generate", *common, "--out", str(tmp_path / "llmhub.yaml"), "--explain")
    assert text.returncode == 0, text.stderr
    score_line = next(x for x in text.stdout.splitlines() if x.startswith("  score ("))
    assert f"{part} {counted:.3f} ({note})" in score_line
    lost = next(r for r in explanation["runners_up"] if r["model"] == best)
    assert "tied on quality in the tie band" in lost["reason"], lost


EFFORT_SPEC = """
project: efforts
providers: {openai: {}, anthropic: {}, google: {}, mistral: {}}
roles:
  triage:
    kind: chat
    description: Triage incoming alerts.
    preferences: {quality: low, cost: low, latency: low}
    requires: {reasoning: true}
"""

_FASTER = re.compile(
    r"the pick is faster: (?P<mine>[\d.]+) s vs (?P<theirs>[\d.]+) s to first token \((?P<how>.*)\); score"
)


def _configuration(row: dict[str, Any], effort: str | None) -> str:
    """How a measured figure of a `models` row is said, for a call at ``effort`` (None: no
    effort): the configuration Artificial Analysis measured, and the effort the call sets where
    the figure is not of it."""
    if row["speed_basis"] == "default":
        said = f"measured at the lab's default, {row['speed_variant']!r}"
    elif row["speed_variant"]:
        said = f"measured at {row['speed_variant']!r}: the lab's default is not on record"
    else:
        said = "measured with no effort named"
    return (
        said
        if effort is None
        else f"{said}, not at reasoning_effort {effort!r}, which the call sets"
    )


def test_a_runner_ups_latency_says_which_effort_it_is_of_against_the_call(
    catalog_db: Path, con, tmp_path: Path
) -> None:
    # A fast role that requires reasoning: generate writes reasoning_effort 'low' on every model
    # whose litellm route takes it, and ranks on figures of the lab's default. A runner-up that
    # lost on speed read "(measured)": neither the configuration Mistral Small was timed at
    # ('reasoning', its lab's default not on record) nor that GPT-5.6 Luna's 'non-reasoning'
    # figure is not of the 'low' its call sets.
    from llmhub.generator.params import EFFORT_PROVIDERS, litellm_refuses

    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(EFFORT_SPEC)
    out = tmp_path / "llmhub.yaml"
    proc = run_cli(
        "generate", "--spec", str(spec), "--db", str(catalog_db), "--out", str(out),
        "--no-llm", "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    explanation = json.loads(proc.stdout)["explanations"]["triage"]
    written = yaml.safe_load(out.read_text())["roles"]["triage"]["params"]["reasoning_effort"]
    assert written == "low"
    names = ("ttft_seconds", "speed_variant", "speed_basis", "supports_reasoning")
    names += ("litellm_provider", "mode")

    def listing(model: str) -> dict[str, Any]:
        values = con.execute(
            f"select {', '.join(names)} from models where litellm_model = ?", [model]
        ).fetchone()
        return dict(zip(names, values, strict=True))

    def effort(row: dict[str, Any], model: str) -> str | None:
        takes = (
            row["supports_reasoning"]
            and row["litellm_provider"] in EFFORT_PROVIDERS
            and "reasoning_effort" not in litellm_refuses(row["mode"], model)
        )
        return written if takes else None

    pick = listing(explanation["pick"])
    checked = set()
    for runner_up in explanation["runners_up"]:
        found = _FASTER.search(runner_up["reason"])
        if found is None:
            continue
        row = listing(runner_up["model"])
        if row["ttft_seconds"] is None:
            continue  # estimated: no configuration to name
        assert found["theirs"] == f"{row['ttft_seconds']:.1f}", runner_up
        assert found["mine"] == f"{pick['ttft_seconds']:.1f}", runner_up
        mine = _configuration(pick, effort(pick, explanation["pick"]))
        theirs = _configuration(row, effort(row, runner_up["model"]))
        expected = (
            f"both {mine}" if mine == theirs else f"the pick's {mine}; the runner-up's {theirs}"
        )
        assert found["how"] == expected, runner_up
        checked.add(effort(row, runner_up["model"]))
    # a runner-up whose call sets the low effort, and one whose route takes none
    assert checked == {"low", None}, explanation["runners_up"]


FILTERED_SPEC = """
project: filtered
providers: {anthropic: {}, openai: {}}
roles:
  capped:
    kind: chat
    description: Answer questions.
    preferences: {quality: medium, latency: low}
    requires: {max_price_blended: 0.3, tools: true, context_min: 300000}
"""


def test_a_filtered_runner_up_gives_its_latency_as_a_kept_one_does(
    catalog_db: Path, con, tmp_path: Path
) -> None:
    # "runner-up #3: openai/gpt-5.4-nano — fails max_price_blended": no figure, where a kept
    # runner-up's line and explain --vs give its seconds. Both now give the catalog's figure
    # and the configuration it is of (this role writes no effort: the lab's default).
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(FILTERED_SPEC)
    common = ["--spec", str(spec), "--db", str(catalog_db), "--no-llm"]
    proc = run_cli("generate", *common, "--json", "--dry-run")
    assert proc.returncode == 0, proc.stderr
    runners_up = json.loads(proc.stdout)["explanations"]["capped"]["runners_up"]
    filtered = [r for r in runners_up if r["reason"].startswith("fails ")]
    assert filtered, runners_up
    for runner_up in filtered:
        ttft, variant, basis, price = con.execute(
            "select ttft_seconds, speed_variant, speed_basis, price_blended_per_million"
            " from models where litellm_model = ?",
            [runner_up["model"]],
        ).fetchone()
        assert ttft is not None, runner_up  # measured: its configuration is named
        row = {"speed_variant": variant, "speed_basis": basis}
        said = f"{ttft:.1f} s to first token ({_configuration(row, None)})"
        assert runner_up["reason"].endswith(f"; its latency: {said}"), runner_up
        # the filter is said with the role's value, and the catalog's price fails it
        assert runner_up["reason"].startswith("fails max_price_blended (role wants 0.3)")
        assert price > 0.3
        versus = run_cli("explain", "capped", "--vs", runner_up["model"], *common)
        assert versus.returncode == 0, versus.stderr
        assert "removed by max_price_blended (role wants 0.3)" in versus.stdout
        assert f"{runner_up['model']}: " in versus.stdout and said in versus.stdout, versus.stdout


IMAGE_SPEC = """
project: images
providers: {openai: {}, google: {}}
roles:
  logo:
    kind: image
    description: Generate logos.
    preferences: {quality: high, cost: medium}
  thumbnails:
    kind: image
    description: Generate thumbnails.
    preferences: {cost: low}
"""


def test_an_image_role_that_weighs_nothing_shows_its_price_not_a_zero_score(
    catalog_db: Path, con, tmp_path: Path
) -> None:
    # An image role that asks for the best weighs neither quality (no source judges image
    # models), speed (none times them) nor price: its score line read "total 0.000, ... cost(x0)
    # 0.278", a figure of nothing. It now says why nothing is weighed and gives the per-image
    # price the catalog holds; a role that weighs price keeps its score.
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(IMAGE_SPEC)
    out = tmp_path / "llmhub.yaml"
    common = ["--spec", str(spec), "--db", str(catalog_db), "--no-llm", "--out", str(out)]
    proc = run_cli("generate", *common, "--explain")
    assert proc.returncode == 0, proc.stderr
    written = yaml.safe_load(out.read_text())["roles"]
    blocks = proc.stdout.split("\nthumbnails: ")
    logo, thumbnails = blocks[0].split("logo: ", 1)[1], blocks[1]
    pick = f"{written['logo']['provider']}/{written['logo']['model']}"
    price, unit = con.execute(
        "select unit_price, price_unit from selection_candidates where litellm_model = ?", [pick]
    ).fetchone()
    assert unit == "image"
    shown = Decimal(repr(price)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    score_line = next(x for x in logo.splitlines() if x.startswith("  score"))
    assert "total" not in score_line and "(x0)" not in score_line, score_line
    assert "nothing is weighed" in score_line and "the role asks for the best" in score_line
    assert f"the pick: ${shown} per image" in score_line, score_line
    reason = written["logo"]["reason"]
    assert "score 0.000" not in reason and f"the pick: ${shown} per image" in reason, reason
    # weighing price, the score is a figure: it stays
    assert "  score (signals 0..1, 1 = best): total 0." in thumbnails


ORIGINS_SPEC = """
project: origins
providers: {openai: {}, google: {}, anthropic: {}}
defaults:
  preferences: {quality: medium}
roles:
  helper:
    kind: chat
    description: A coding helper that replies within a second and calls tools over long documents.
  helper2:
    kind: chat
    description: A coding helper that calls tools.
    preferences: {cost: medium, coding: high}
    requires: {tools: true}
"""


def test_what_the_description_set_is_never_shown_as_the_specs_own(
    catalog_db: Path, tmp_path: Path
) -> None:
    # "preferences: quality=medium, coding=medium, latency=low" mixed the spec's defaults with
    # two levels the description reader set, and the filter table listed tools, context_min and
    # max_latency_seconds read from the description beside the spec's own. Each now says where
    # it came from, checked here against the spec itself.
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(ORIGINS_SPEC)
    written = yaml.safe_load(ORIGINS_SPEC)
    common = ["--spec", str(spec), "--db", str(catalog_db), "--no-llm"]
    proc = run_cli("generate", *common, "--json", "--dry-run")
    assert proc.returncode == 0, proc.stderr
    text = run_cli("generate", *common, "--out", str(tmp_path / "llmhub.yaml"), "--explain")
    assert text.returncode == 0, text.stderr
    explanations = json.loads(proc.stdout)["explanations"]
    defaults = written["defaults"]["preferences"]
    for name, role in written["roles"].items():
        explanation = explanations[name]
        own = role.get("preferences", {})
        for aspect, level in explanation["levels"].items():
            if level is None:
                continue
            origin = explanation["levels_from"][aspect]
            if aspect in own:
                assert (origin, level) == ("spec", own[aspect]), (name, aspect)
            elif aspect in defaults:
                assert (origin, level) == ("spec defaults", defaults[aspect]), (name, aspect)
            else:  # the spec leaves it unset: the reader set it, and says so
                assert origin == "description" and f"{aspect}: {level}" in explanation["inferred"]
            assert f"{aspect}={level} ({origin})" in text.stdout
        required = role.get("requires", {})
        for entry in explanation["filters"]:
            said = f"requires.{entry['filter']}:"
            read = any(i.startswith(said) for i in explanation["inferred"])
            assert entry["from_description"] == (read and entry["filter"] not in required), entry
    assert {f["filter"] for f in explanations["helper"]["filters"] if f["from_description"]} == {
        "tools",
        "context_min",
        "max_latency_seconds",
    }
    assert not any(f["from_description"] for f in explanations["helper2"]["filters"])
    assert "    tools (from the description) " in text.stdout
    assert "set from the description (the spec leaves these unset): " in text.stdout
