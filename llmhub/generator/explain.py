"""Why each role got its model: the data behind ``llmhub generate --explain`` and ``--json``."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from llmhub.catalog.reader import CatalogInfo
from llmhub.generator.caveats import pick_caveats
from llmhub.generator.facts import (
    effort_note,
    fmt_latency,
    latency_how,
    latency_unit,
    price_phrase,
    tie_band_note,
)
from llmhub.generator.figures import fmt_quality, fmt_score, score_value
from llmhub.generator.interpreter import NeedsReading
from llmhub.generator.params import effort_param
from llmhub.generator.plan import RolePlan
from llmhub.generator.reasons import inferred_penalized
from llmhub.generator.select import RoleSelection, speed_weighed
from llmhub.generator.weights import (
    INFERRED_PENALTY,
    PREVIEW_PENALTY,
    RESELLER_PENALTY,
    weight,
)

if TYPE_CHECKING:
    from llmhub.generator.query import CandidateRow

__all__ = ["RoleExplanation", "explain_role"]


@dataclass(frozen=True)
class RoleExplanation:
    """Everything a reviewer needs to check one role's pick."""

    role: str
    pick: str
    forced: str | None
    needs_source: str
    inferred: list[str]
    levels: dict[str, str | None]
    filters: list[tuple[str, int]]
    score: dict[str, float | None]
    runners_up: list[dict[str, Any]]
    fallbacks: list[str]
    relaxations: list[str]
    caveats: list[str]
    warnings: list[str] = field(default_factory=list)
    read: str = ""
    pick_facts: str = ""
    fallback_reasons: list[str] = field(default_factory=list)
    # Parameters dropped for a fallback that cannot take them (the primary's are warnings).
    fallback_notes: list[str] = field(default_factory=list)
    # Filters dropped because no candidate met them: they remove nothing from the counts.
    relaxed_filters: list[str] = field(default_factory=list)
    # Why a score part counts what it counts, where its own figure would not say (the tie band):
    # keyed as the part in ``score``, printed after it.
    score_notes: dict[str, str] = field(default_factory=dict)
    # Why no score part is weighed (an image, audio or embedding role whose price is no
    # concern): the score is then no figure to show, and the pick's price is shown instead.
    unweighed: str = ""
    # Where each level set came from ("spec", "spec defaults", "description"), and the filters
    # whose values were read from the description: never to be taken for the spec's own.
    levels_from: dict[str, str] = field(default_factory=dict)
    read_filters: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        # What dataclasses.asdict returns (no field holds a dataclass), without its deepcopy
        # of every string and number: a third of the time, and --json builds one per role.
        data = {f.name: _copied(getattr(self, f.name)) for f in fields(self)}
        # the figures as the text prints them (figures.SCORE_DIGITS), not a float's 17 digits
        data["score"] = {k: score_value(v) for k, v in self.score.items()}
        for runner_up in data["runners_up"]:
            runner_up["score"] = score_value(runner_up["score"])
        data["filters"] = [
            {
                "filter": f,
                "candidates_left": n,
                "relaxed": f in self.relaxed_filters,
                "from_description": f in self.read_filters,
            }
            for f, n in self.filters
        ]
        return data

    def summary(self) -> str:
        """One line for the runtime file: why this pick, checkable against the catalog."""
        if self.forced:
            head = f"{self.forced} (forced in the spec)"
        else:
            left = self.filters[-1][1] if self.filters else None
            head = f"best of {left} candidates" if left is not None else "best candidate"
            # The same part names and figures as --explain prints: "quality(x2) 0.950".
            parts = [self._part(k, v) for k, v in self.score.items() if k != "total"]
            total = self.score.get("total")
            if self.unweighed:
                head += f": {self._unweighed()}"
            elif total is not None:
                head += f": score {fmt_score(total)} = " + ", ".join(parts)
        extras = []
        if self.runners_up:
            first = self.runners_up[0]
            extras.append(f"next {first['model']}: {first['reason']}")
        extras.extend(f"relaxed {r}" for r in self.relaxations)
        extras.extend(self.fallback_notes)
        if self.pick_facts:
            head += f" ({self.pick_facts})"
        # Whether the reading came from the cache is not part of the decision: keep the file stable.
        extras.append(f"needs read by {self.needs_source.split(' (cached')[0]}")
        return "; ".join([head, *extras])

    def _filter_name(self, name: str) -> str:
        """The filter as the table names it: ``context_min (from the description, relaxed)``."""
        marks = [
            mark
            for mark, on in (
                ("from the description", name in self.read_filters),
                ("relaxed", name in self.relaxed_filters),
            )
            if on
        ]
        return f"{name} ({', '.join(marks)})" if marks else name

    def _unweighed(self) -> str:
        """The score line of a role that weighs nothing: why, and what orders it instead."""
        penalties = [
            f"{k} {fmt_score(v)} (ranked after those without one)"
            for k, v in self.score.items()
            if k.endswith("penalty") and v is not None
        ]
        return "; ".join([f"no score, nothing is weighed ({self.unweighed})", *penalties])

    def _part(self, name: str, value: float | None) -> str:
        """``quality(x3) 1.000``, with its note where it has one."""
        shown = f"{name} {fmt_score(value)}" if value is not None else f"{name} unknown"
        note = self.score_notes.get(name)
        return f"{shown} ({note})" if note else shown

    def lines(self) -> list[str]:
        """The explanation as indented text lines."""
        out = [f"{self.role}: {self.pick}" + (f"  [{self.forced}]" if self.forced else "")]
        if self.pick_facts:
            out.append(f"  pick: {self.pick_facts}")
        out.append(f"  needs read by: {self.needs_source}")
        if self.read:
            out.append(f"  description read as: {self.read}")
        if self.inferred:
            # what the reading set, where the spec left it unset: not the spec's own values
            out.append(
                "  set from the description (the spec leaves these unset): "
                + ", ".join(self.inferred)
            )
        # each level with where it came from: one read from the description is no spec value
        levels = ", ".join(
            f"{k}={v} ({self.levels_from.get(k, 'spec')})"
            for k, v in self.levels.items()
            if v is not None
        )
        out.append(f"  preferences: {levels or 'none set'}")
        out.append("  filters (candidates left):")
        # a relaxed filter no longer removes anything: said, rather than shown as met by every
        # candidate left; a value read from the description is said to be one
        rows = [(self._filter_name(f), n) for f, n in self.filters]
        width = max([18, *(len(name) for name, _ in rows)])
        out.extend(f"    {name:<{width}} {n}" for name, n in rows)
        if self.unweighed:
            out.append(f"  score: {self._unweighed()}")
        elif self.score.get("total") is not None:
            parts = ", ".join(self._part(k, v) for k, v in self.score.items())
            out.append(f"  score (signals 0..1, 1 = best): {parts}")
        out.extend(
            f"  runner-up #{r['rank']}: {r['model']} — {r['reason']}" for r in self.runners_up
        )
        ranks = [r["rank"] for r in self.runners_up]
        if ranks and ranks != list(range(2, 2 + len(ranks))):
            out.append(
                "  (a runner-up's # is its rank among every listing; the ranks not shown are "
                "other hosts of the models above, or models that rank lower)"
            )
        for i, fb in enumerate(self.fallbacks):
            why = self.fallback_reasons[i] if i < len(self.fallback_reasons) else ""
            out.append(f"  fallback {i + 1}: {fb}" + (f" — {why}" if why else ""))
        out.extend(f"  params: {n}" for n in self.fallback_notes)
        out.extend(f"  relaxed: {r}" for r in self.relaxations)
        out.extend(f"  caveat: {c}" for c in self.caveats)
        # Warnings are printed once per run by the CLI, not repeated here.
        return out


# What an explanation's values bottom out in: a deepcopy returns these as they are.
_ATOMS = (str, int, float, type(None))


def _copied(value: Any) -> Any:
    """``value`` with its lists, tuples and dicts copied at every depth, the rest shared."""
    if isinstance(value, _ATOMS):
        return value
    if isinstance(value, list):
        return [v if isinstance(v, _ATOMS) else _copied(v) for v in value]
    if isinstance(value, dict):
        return {k: v if isinstance(v, _ATOMS) else _copied(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_copied(v) for v in value)
    return copy.deepcopy(value)


def _pick_facts(pick: CandidateRow, plan: RolePlan) -> str:
    """The pick's price, speed, quality and host, as one line of the explanation."""
    if plan.task == "none":
        quality = "quality unknown (no leaderboard for this kind)"
    elif pick.task_quality is not None:
        column = plan.task
        if plan.task != "overall" and (pick.quality_basis or "").endswith("(overall)"):
            # selection_task_quality: a model no source scores on the task competes on its
            # overall figure; the label says so rather than pass it off as a task figure
            column = f"overall: no {plan.task} figure for this model"
        quality = f"quality {fmt_quality(pick.task_quality)} arena-equivalent ({column})"
    else:
        quality = f"quality unknown ({plan.task})"
    fast = _low_effort(pick, plan)
    if plan.task == "none":
        # the sources time chat models only: an image, audio or embedding model's seconds
        # would be a chat model's guess, so none is shown (and none is weighed)
        speed = "speed unknown (no measurement for this kind)"
    else:
        # against the effort the call sets, unless the note on the low effort below says it
        how = latency_how(pick, None if fast else plan.query)
        speed = f"{fmt_latency(pick)} {latency_unit(plan.query)} ({how})"
    facts = f"{price_phrase(pick)}, {speed}, {quality}, host {pick.host_class}"
    if pick.is_inferred:
        facts += f", quality inferred from {pick.quality_inferred_from}, not measured"
    if pick.task_quality is not None:
        # an inferred figure is of the effort its predecessor was measured at
        sets = effort_param({}, pick, writes_effort=plan.query.writes_effort) is not None
        # a call at the spec's own effort does not run at the lab's default either
        other_effort = fast is not None or plan.query.spec_effort is not None
        facts += effort_note(pick, writes_effort=sets, fast=other_effort)
    if fast:
        facts += f"; the call sets {fast}"
    return facts


def _low_effort(pick: CandidateRow, plan: RolePlan) -> str | None:
    """The low effort the pick's call sets and how it was ranked, where it sets one."""
    if not pick.supports_reasoning:
        return None
    if plan.query.fast_effort:
        return (
            "the role's own low reasoning_effort (ranked on the figures of the lab's default "
            "effort, or, unmeasured, as a model that does not think)"
        )
    # the effort generate writes into the pick's params (none where litellm's route takes none)
    if effort_param({}, pick, writes_effort=False, written=plan.written_effort) is None:
        return None
    return (
        f"reasoning_effort {plan.written_effort!r}, which generate writes: the role requires "
        "reasoning and wants speed (ranked on the figures of the lab's default effort: the "
        f"catalog keeps none at {plan.written_effort!r})"
    )


def _read(reading: NeedsReading, plan: RolePlan) -> str:
    """What the description reader found, and, for a role that is not chat, that only an
    audio direction of it applies ("generate images" is not image input for an image role);
    for a chat role, that an audio direction does not ("transcripts" is not audio input)."""
    needs = reading.needs
    read = needs.read()
    unused = needs.task != "general" or needs.tools or needs.vision or needs.context_min
    if "chat" in plan.query.modes:
        if needs.audio != "none":
            # the note right after the word it is about ("speech, fast replies" read it as
            # being about the last one)
            note = f"{needs.audio} (which applies only to an audio role)"
            return read.replace(needs.audio, note, 1)
        return read
    if not unused:
        return read
    kind = plan.query.modes[0]
    # "cheap" applies to every kind: after the note, not under it
    cheap = ", cheap" if needs.cheap else ""
    read = read.replace(", cheap", "", 1) if cheap else read
    if kind == "audio":
        return f"{read} (an audio role takes only its direction from the description){cheap}"
    return f"{read} (none of it applies to an {kind} role){cheap}"


def explain_role(
    selection: RoleSelection,
    plan: RolePlan,
    reading: NeedsReading,
    info: CatalogInfo,
    *,
    fallback_notes: list[str] | None = None,
) -> RoleExplanation:
    """Assemble the explanation of one role's selection (``fallback_notes``: parameters
    dropped for a fallback, see ``check_params``)."""
    pick = selection.pick
    rows = selection.rows
    filters: list[tuple[str, int]] = []
    if rows is not None:
        filters.append(("callable", rows.callable_count))
        filters.extend((n, c) for n, c in rows.counts if plan.query.active(n))
    forced = None
    if selection.forced_model:
        forced = f"force_model {selection.forced_model}"
    elif selection.forced_provider:
        forced = f"force_provider {selection.forced_provider}"
    score: dict[str, float | None] = {}
    score_notes: dict[str, str] = {}
    unweighed = ""
    facts = ""
    q = speed_weighed(plan.query, selection.relaxed)
    if pick is not None and not selection.forced_model:
        # an image, audio or embedding role has no quality figure and no speed to weigh
        unknown = plan.task == "none"
        quality = f"quality(x{q.w_quality:g})"
        score = {
            "total": pick.score,
            quality: None if unknown else pick.quality_part,
            f"cost(x{q.w_cost:g})": pick.cost_part,
            f"latency(x{q.w_latency:g})": None if unknown else pick.latency_part,
        }
        # the penalties the total carries, so that a total under the weighted signals (below 0
        # where nothing is weighed) adds up
        if pick.is_preview:
            score["preview penalty"] = -PREVIEW_PENALTY
        if pick.is_reseller_only:
            score["re-seller penalty"] = -RESELLER_PENALTY
        if inferred_penalized(pick, q):
            score["inferred penalty"] = -INFERRED_PENALTY
        if q.w_quality + q.w_cost + q.w_latency == 0:
            # every total is 0 less its penalties: "total 0.000" would be no figure at all
            unweighed = _why_unweighed(pick, plan)
        # a pick tied with a better figure is counted at that figure: said, with both
        banded = "" if unknown else tie_band_note(pick)
        if banded:
            score_notes[quality] = banded
        facts = _pick_facts(pick, plan)
    caveats = pick_caveats(selection, plan)
    return RoleExplanation(
        role=selection.role,
        pick=f"{pick.litellm_provider}/{pick.model}" if pick else _forced_name(selection),
        forced=forced,
        needs_source=reading.source,
        inferred=list(plan.inferred),
        levels={k: (v.value if v is not None else None) for k, v in plan.levels.items()},
        filters=filters,
        score=score,
        runners_up=[
            {
                "rank": r.candidate.rank,
                "model": f"{r.candidate.litellm_provider}/{r.candidate.model}",
                "score": r.candidate.score,
                "reason": r.reason,
            }
            for r in selection.runners_up
        ],
        fallbacks=[f"{f.litellm_provider}/{f.model}" for f in selection.fallbacks],
        relaxations=list(selection.relaxations),
        caveats=caveats,
        warnings=list(selection.warnings),
        read=_read(reading, plan),
        pick_facts=facts,
        fallback_reasons=list(selection.fallback_reasons),
        fallback_notes=list(fallback_notes or ()),
        relaxed_filters=list(selection.relaxed),
        score_notes=score_notes,
        unweighed=unweighed,
        levels_from=dict(plan.level_origins),
        read_filters=[f for f, _ in filters if f in plan.read_filters],
    )


def _why_unweighed(pick: CandidateRow, plan: RolePlan) -> str:
    """Why a role weighs nothing, and what orders its candidates, with the pick's price."""
    price = (
        "price is no concern"
        if weight("cost", plan.levels.get("cost")) == 0
        else "price is not weighed: the role asks for the best"
    )
    return (
        f"no source gives this kind a quality or speed figure, and {price}; the tie-breaks "
        f"order the candidates; the pick: {price_phrase(pick)}"
    )


def _forced_name(selection: RoleSelection) -> str:
    return f"{selection.forced_provider or '?'}/{selection.forced_model or '?'}"
