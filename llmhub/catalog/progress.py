"""Progress events a refresh reports, for the CLI's per-stage display or any caller."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["ProgressCallback", "ProgressEvent", "emit"]


@dataclass(frozen=True)
class ProgressEvent:
    """One step of a refresh: ``state`` is start, done, warn, skip or fail."""

    stage: str
    state: str
    detail: str = ""


ProgressCallback = Callable[[ProgressEvent], None]


def emit(callback: ProgressCallback | None, stage: str, state: str, detail: str = "") -> None:
    """Report one event if someone listens."""
    if callback is not None:
        callback(ProgressEvent(stage, state, detail))
