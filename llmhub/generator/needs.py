"""Structured needs read from a role's free-text description.

Two readers produce the same ``RoleNeeds``: the interpreter model (``interpreter.py``) and the
keyword heuristic here, used when no interpreter is configured or reachable, or with
``no_llm``. Explicit spec values always win over anything read from the description.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["KEYWORDS", "RoleNeeds", "heuristic_needs", "stated_latency"]

Task = Literal["general", "coding", "reasoning", "creative"]


class RoleNeeds(BaseModel):
    """What a description says the role needs. Also the JSON the interpreter must return."""

    model_config = ConfigDict(extra="forbid")

    task: Task = Field(default="general", description="general | coding | reasoning | creative")
    tools: bool = Field(default=False, description="The role calls tools / functions.")
    vision: bool = Field(default=False, description="The role reads images.")
    context_min: int | None = Field(
        default=None, ge=1, le=10_000_000, description="Tokens of context it needs, if stated."
    )
    audio: Literal["none", "transcription", "speech"] = Field(
        default="none",
        description="transcription: audio in, text out | speech: text in, audio out | none",
    )
    fast: bool = Field(
        default=False,
        description="It needs replies within about a second: real time, instant, as you type.",
    )
    cheap: bool = Field(
        default=False,
        description="It should be cheap: a small model is enough, stay cheap, on a tight budget.",
    )
    latency_seconds: float | None = Field(
        default=None,
        gt=0,
        le=60,
        description="The reply time it states, in seconds ('under a second' = 1), if any.",
    )

    @field_validator("latency_seconds", mode="before")
    @classmethod
    def _latency_in_range(cls, value: object) -> object:
        # An interpreter's "within 2 minutes" (120) or 0 is no budget, not a failed reading
        # (which would stop asking the interpreter for the rest of the run).
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value if 0 < value <= 60 else None
        return value

    negated: list[str] = Field(
        default_factory=list,
        description="Needs the description rules out, e.g. ['tools', 'vision'] for 'text only'.",
    )

    def read(self) -> str:
        """What was read, in a few words, for the explanation."""
        parts = [f"task {self.task}"]
        if self.tools:
            parts.append("tools")
        if self.vision:
            parts.append("image input")
        if self.context_min:
            parts.append(f"context >= {self.context_min:,}")
        if self.audio != "none":
            parts.append(self.audio)
        if self.fast:
            parts.append("fast replies")
        if self.latency_seconds is not None:
            parts.append(f"replies within {self.latency_seconds:g} s")
        if self.cheap:
            parts.append("cheap")
        parts.extend(f"no {n}" for n in self.negated)
        return ", ".join(parts)


# The heuristic: word patterns per need, matched case-insensitively on word boundaries.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "coding": (
        r"code",
        r"coding",
        r"program\w*",
        r"refactor\w*",
        r"debug\w*",
        r"sql",
        r"python",
        r"javascript",
        r"typescript",
        r"unit tests?",
        r"repositor(y|ies)",
        r"pull requests?",
    ),
    "reasoning": (
        r"reason\w*",
        r"math\w*",
        r"logic\w*",
        r"proofs?",
        r"plan(s|ning)?",
        r"analy[sz]\w*",
        r"multi-step",
        r"complex",
        r"solv\w*",
    ),
    "creative": (
        r"creative",
        r"stor(y|ies)",
        r"poe(m|ms|try)",
        r"fiction",
        r"marketing",
        r"brainstorm\w*",
        r"slogans?",
        r"copywriting",
    ),
    "tools": (
        r"tool calls?",
        r"tool use",
        r"tools",
        r"function call\w*",
        r"call apis?",
        # not a person who reads or acts on the output (PERSON_AGENT, taken out first)
        r"agents?",
    ),
    "vision": (r"images?", r"screenshots?", r"photos?", r"pictures?", r"diagrams?", r"vision"),
    # "transcripts" and "image captions" are text the role reads or writes, not audio
    "transcription": (
        r"transcri(be|bes|bed|bing|ber|bers)",
        r"(audio|speech|voice) transcriptions?",
        r"speech[- ]to[- ]text",
        r"dictation",
        r"(live|closed|real[- ]?time|auto-?generated) captions?",
        r"caption(s|ing)?\s+(\w+\s+){0,2}(audio|videos?|calls?|meetings?|podcasts?|streams?)",
        r"subtitles?",
    ),
    "speech": (
        r"text[- ]to[- ]speech",
        r"tts",
        r"voice[- ]?overs?",
        r"read (it |them )?aloud",
        r"narrat\w*",
        r"speak\w*",
        r"spoken",
        # a voice the role gives ("voice for notifications", "the voice of our brand")
        r"voices? (for|of)\b",
        r"(generate|synthesi[sz]e|create) (a |the )?(voice|speech)",
    ),
    # speed: a reply expected within about a second. "Fast", "instant" and "real time" alone
    # are too loose ("instant messaging logs", "our real-time bidding system"): they count
    # next to a reply, or as an adverb of one ("answers in real time", "replies instantly").
    "fast": (
        r"(in|at) real[- ]?time",
        r"real[- ]?time (replies|responses|answers|chat|conversations?|dialogue|voice"
        r"|suggestions?|autocomplete|completions?|captions?|transcription|translation)",
        r"instant (replies|responses|answers|suggestions?|autocomplete|completions?|feedback)",
        r"(replies|responds?|answers?|responses|suggests?|completes?) instantly",
        r"(under|within|in less than) (a|one|1) (second|sec|s)",
        r"(under|within|in less than) \d{2,3} ?ms",
        r"sub-?second",
        r"low[- ]latency (replies|responses|answers|completions?|suggestions?)",
        r"(needs?|requires?|with|at) low latency",
        r"as (you|the user) types?",
        r"while (you|the user) types?",
        r"(quick|fast) (replies|responses|answers)",
        r"(must|should|needs? to|has to) be (fast|quick|snappy|instant)",
        # at the end of a clause ("rewrite queries quickly; ..."), not "quickly find" or
        # "a quickly growing startup"
        r"quickly(?=\s*([;,.)]|$|and\b|with\b|enough\b))",
        r"(fast|quick) (and|&) cheap",
        r"cheap (and|&) (fast|quick)",
        # an adjective that opens the description or a sentence describes the role ("Fast,
        # cheap classifier for tickets", "A low-latency router"): "quick" stays out there
        # ("Quick summaries" are short ones)
        r"(^|[.;!?]\s)\s*(an?\s)?((cheap|low[- ]cost|inexpensive|small)(,|\sand|\s&)?\s)?"
        r"(fast|snappy|low[- ]latency)(?=[\s,])",
    ),
    # price: the role should be cheap. "Cheap" alone is too loose ("find cheap flights"): it
    # counts said of the role or its model ("stay cheap", "a small model is enough"), or as the
    # first word that describes it ("A cheap coding helper").
    "cheap": (
        r"(stays?|keep (it|this)|be|is|are|must be|should be|as|very|fairly) cheap",
        r"cheaply",
        r"(cheap|low[- ]cost|small|smaller|lightweight) (llm|model)s?",
        r"[;,:] ?cheap",
        # a budget of the role, not the job's subject ("expenses stay within the budget")
        r"(we are|we're|we have|i am|i'm|the team is) on a (tight |small |limited )?budget",
        r"(within|on) our (tight |small |limited )?budget",
        r"budget[- ]friendly",
        r"(fast|quick) (and|&) cheap",
        r"cheap (and|&) (fast|quick)",
        # an adjective that opens the description or a sentence ("A cheap coding helper",
        # "Cheap, fast classifier"), not one inside it ("find cheap flights")
        r"(^|[.;!?]\s)\s*(an?\s)?((fast|quick|small)(,|\sand|\s&)?\s)?"
        r"(cheap|low[- ]cost|inexpensive)(?=[\s,])",
    ),
    "long_context": (
        r"long documents?",
        r"long context",
        r"entire (codebase|repository|book)",
        r"whole (codebase|repository|book)",
    ),
}
LONG_CONTEXT_TOKENS = 100_000

# A stated reply time: "under a second", "within 500 ms", "in less than 2 seconds". The largest
# such time in the description is its budget (a soft max_latency_seconds); at most a minute.
# ("no more than" is not among them: the negation pass removes "no ..." before this reads)
_BOUND = r"(?:under|within|below|in less than|less than|in under|at most)"
_STATED_TIME = re.compile(
    r"\b(?:" + _BOUND + r"\s+(?:(a|one|half a)\s+sec(?:ond)?s?"
    r"|(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?))"
    r"|(sub-?second))\b",
    re.IGNORECASE,
)


def stated_latency(text: str) -> float | None:
    """The largest reply time ``text`` states, in seconds, or None (see ``_STATED_TIME``)."""
    found: list[float] = []
    for word, number, unit, subsecond in _STATED_TIME.findall(text):
        if subsecond or word.lower() in ("a", "one"):
            found.append(1.0)
        elif word:
            found.append(0.5)
        else:
            value = float(number) / (1000 if unit.lower().startswith("m") else 1)
            if 0 < value <= 60:
                found.append(value)
    return max(found) if found else None


# Negation: "no tools", "without images", "text only". A need whose every mention is negated is
# not read; "text only" rules out images. Matched before the positive keywords.
_NEGATORS = r"(no|not|never|without|don'?t (use|need)|doesn'?t (use|need)|does not (use|need)|do not (use|need)|neither|nor)"
TEXT_ONLY = r"\btext[- ]only\b|\bonly text\b|\bplain text\b"


@cache
def _compiled() -> dict[str, re.Pattern[str]]:
    # Compiled on first use: most runs read descriptions from the cache or not at all.
    return {
        need: re.compile(r"\b(" + "|".join(patterns) + r")\b", re.IGNORECASE)
        for need, patterns in KEYWORDS.items()
    }


@cache
def _negation() -> re.Pattern[str]:
    # A negator and the words it governs: up to six words, stopping at punctuation or "but".
    return re.compile(
        r"\b" + _NEGATORS + r"\b((?:[\s,]+(?!but\b|except\b)[\w'-]+){1,6})", re.IGNORECASE
    )


# An agent who is a person: the role's output goes to them ("for an agent to edit", "replies
# suggested to support agents"), or the words say so ("human agents", "customer service
# agents", "agents can review"). Taken out before tools are read; "an agent to send emails",
# "support agent can check order status", "coding agent to edit files" stay tool users.
PERSON_AGENT = re.compile(
    r"\b(?:(?:human|live|sales|customer[- ]service|call[- ]cent(?:er|re))\s+agents?\b"
    r"|(?:for|to)\s+(?:(?:a|an|the|our|your)\s+)?(?:(?:support|human|live|sales)\s+)?agents?\b"
    r"(?!\s+(?:that|which|with)\b)"
    r"|agents?\s+(?:can\s+|will\s+|then\s+)?(?:review|approve|sign\s+off)\b)",
    re.IGNORECASE,
)


def heuristic_needs(description: str) -> RoleNeeds:
    """Read needs from ``description`` by keywords (see ``KEYWORDS``).

    The task is the category with the most matches; ties go to coding, then reasoning, then
    creative. No match means ``general``. Tools and images mentioned only after a negator
    ("no tools", "without images or screenshots") or in "text only" are not read, and the
    reading says so. A reply wanted within about a second ("real time", "under a second",
    "as the user types", "... quickly;") reads as fast; a role said to be cheap ("stay cheap",
    "a small model is enough", "on a tight budget") reads as cheap; a stated time ("under a
    second", "within 300 ms", "in less than 3 seconds") is its latency budget.
    """
    negated_spans = [m.group(0) for m in _negation().finditer(description)]
    positive = _negation().sub(" ", description)
    compiled = _compiled()
    hits = {need: len(rx.findall(description)) for need, rx in compiled.items()}
    negated: list[str] = []
    # speed read after a negation ("not real time") is no reading, and no need ruled out either
    for need in ("fast", "cheap"):
        hits[need] = len(compiled[need].findall(positive))
    people = PERSON_AGENT.sub(" ", positive)
    for need in ("tools", "vision"):
        hits[need] = len(compiled[need].findall(people if need == "tools" else positive))
        if any(compiled[need].search(span) for span in negated_spans):
            negated.append(need)
    if re.search(TEXT_ONLY, description, re.IGNORECASE):
        hits["vision"] = 0
        if "vision" not in negated:
            negated.append("vision")
    budget = stated_latency(positive)
    task: Task = "general"
    best = 0
    for candidate in ("coding", "reasoning", "creative"):
        if hits[candidate] > best:
            task, best = candidate, hits[candidate]
    return RoleNeeds(
        task=task,
        tools=hits["tools"] > 0,
        vision=hits["vision"] > 0,
        context_min=LONG_CONTEXT_TOKENS if hits["long_context"] else None,
        audio="transcription"
        if hits["transcription"] > hits["speech"]
        else ("speech" if hits["speech"] else "none"),
        # a stated time of a second or less is a fast role whatever the words around it
        fast=hits["fast"] > 0 or (budget is not None and budget <= 1.0),
        cheap=hits["cheap"] > 0,
        latency_seconds=budget,
        negated=sorted(negated),
    )
