"""The kinds of call a role makes, shared by the spec (``kind:``) and the runtime file (``mode:``).

One enum so the two files cannot drift apart; ``llmhub.spec.models.RoleKind`` and
``llmhub.runtime.config.LLMMode`` are this class under the names each file's API documents.
It imports nothing, so the runtime stays light.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["CallMode"]


class CallMode(str, Enum):
    """What kind of call a role makes; the picked model's catalog ``mode`` must fit it."""

    chat = "chat"
    embedding = "embedding"
    image = "image"
    audio = "audio"
    tool = "tool"
    other = "other"
