"""Structured needs read from a role's free-text description.

Two readers produce the same ``RoleNeeds``: the interpreter model (``interpreter.py``) and the
keyword heuristic here, used when no interpreter is configured or reachable, or with
``no_llm``. Explicit spec values always win over anything read from the description.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["KEYWORDS", "RoleNeeds", "heuristic_needs"]

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
        r"agents?",
    ),
    "vision": (r"images?", r"screenshots?", r"photos?", r"pictures?", r"diagrams?", r"vision"),
    "long_context": (
        r"long documents?",
        r"long context",
        r"entire (codebase|repository|book)",
        r"whole (codebase|repository|book)",
    ),
}
LONG_CONTEXT_TOKENS = 100_000


@cache
def _compiled() -> dict[str, re.Pattern[str]]:
    # Compiled on first use: most runs read descriptions from the cache or not at all.
    return {
        need: re.compile(r"\b(" + "|".join(patterns) + r")\b", re.IGNORECASE)
        for need, patterns in KEYWORDS.items()
    }


def heuristic_needs(description: str) -> RoleNeeds:
    """Read needs from ``description`` by keywords (see ``KEYWORDS``).

    The task is the category with the most matches; ties go to coding, then reasoning, then
    creative. No match means ``general``.
    """
    hits = {need: len(rx.findall(description)) for need, rx in _compiled().items()}
    task: Task = "general"
    best = 0
    for candidate in ("coding", "reasoning", "creative"):
        if hits[candidate] > best:
            task, best = candidate, hits[candidate]  # type: ignore[assignment]
    return RoleNeeds(
        task=task,
        tools=hits["tools"] > 0,
        vision=hits["vision"] > 0,
        context_min=LONG_CONTEXT_TOKENS if hits["long_context"] else None,
    )
