"""Decode a source's JSON bytes, telling truncated from malformed, and keeping duplicate keys.

Python's ``json`` silently keeps the last of two equal keys. A source that repeats a model id
cannot be trusted for that id, so objects with repeated keys are returned as ``DupDict`` with the
repeated names in ``duplicates``; the parser quarantines what they name.
"""

from __future__ import annotations

import json
from typing import Any

from llmhub.errors import DataQualityError

__all__ = ["DupDict", "decode_json", "duplicates_of"]


class DupDict(dict):
    """A JSON object in which some keys appeared more than once (the last value kept)."""

    duplicates: frozenset[str] = frozenset()


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    repeated = {key for key, _ in pairs if key in seen or seen.add(key)}
    flagged = DupDict(obj)
    flagged.duplicates = frozenset(repeated)
    return flagged


def duplicates_of(obj: object) -> frozenset[str]:
    """The keys repeated in a decoded JSON object (empty for anything else)."""
    return obj.duplicates if isinstance(obj, DupDict) else frozenset()


def decode_json(source: str, part: str, raw: bytes) -> Any:
    """Decode ``raw`` as JSON or raise DataQualityError naming the source, part and position."""
    where = f"{source}: {part}"
    if not raw.strip():
        raise DataQualityError(
            f"{where}: payload is empty ({len(raw)} bytes)",
            source=source,
            field=part,
            fix="the upstream file or the snapshot is empty; fetch it again",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataQualityError(
            f"{where}: payload is not UTF-8 text (bad byte at offset {error.start} of {len(raw)})",
            source=source,
            field=part,
            fix="the file is binary or corrupted; fetch it again",
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_pairs)
    except json.JSONDecodeError as error:
        tail = len(text.rstrip())
        if error.pos >= tail:
            problem = (
                f"payload is truncated: JSON ends at character {tail} inside an unfinished value"
            )
        else:
            problem = (
                f"payload is not JSON: {error.msg} at line {error.lineno} column {error.colno}"
                f" (character {error.pos} of {len(text)})"
            )
        raise DataQualityError(
            f"{where}: {problem}",
            source=source,
            field=part,
            fix="the download was cut off or is not the source's JSON; fetch it again",
        ) from None
    except RecursionError:
        raise DataQualityError(
            f"{where}: payload nests deeper than Python's recursion limit",
            source=source,
            field=part,
        ) from None


def wrong_shape(source: str, field: str, expected: str, found: object) -> DataQualityError:
    """The error for a payload whose top level is not what the source publishes."""
    kind = type(found).__name__
    size = f" of {len(found)}" if isinstance(found, (list, dict, str)) else ""
    return DataQualityError(
        f"{source}: {field}: expected {expected}, found {kind}{size}",
        source=source,
        field=field,
        fix="the URL does not serve this source's JSON; check the URL override",
    )
