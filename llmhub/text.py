"""Text that reaches a terminal: control bytes from user files are shown escaped, never sent."""

from __future__ import annotations

import re

__all__ = ["printable"]

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
