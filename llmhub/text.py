"""Text that reaches a terminal: control bytes from user files are shown escaped, never sent,
and a value echoed back in an error is cut to a readable length."""

from __future__ import annotations

import re

__all__ = ["printable", "shorten", "shorten_path"]

# C0 controls except tab, DEL, C1 controls, and the bidi overrides that reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with control characters written as escapes (``\\x1b``, ``\\u202e``); with
    ``keep_newlines=False`` a newline is escaped too (``\\n``), for a value that must stay on
    one line."""
    pattern = _CONTROL if keep_newlines else _CONTROL_LINE
    if not pattern.search(text):
        return text
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shorten(text: str, limit: int = 60, *, keep_end: bool = False) -> str:
    """``text`` cut to at most ``limit`` characters, the cut marked with ``…``.

    For user input echoed in an error: a 100 KB ``--vs`` value must not come back as a 100 KB
    line. ``keep_end`` keeps the start and the end (a path's file name), not only the start.
    """
    if len(text) <= limit:
        return text
    if keep_end:
        head = (limit - 1) // 2
        return text[:head] + "…" + text[len(text) - (limit - 1 - head) :]
    return text[: limit - 1] + "…"


def shorten_path(path: str) -> str:
    """A path as an error shows it: whole up to 300 characters (any real path, with room to
    spare), else its start and its end, which name the file."""
    return shorten(path, 300, keep_end=True)
