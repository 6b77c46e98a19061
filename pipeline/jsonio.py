"""Decode a source's JSON bytes, telling truncated from malformed, and keeping duplicate keys.

Python's ``json`` silently keeps the last of two equal keys. A source that repeats a model id
cannot be trusted for that id, so objects with repeated keys are returned as ``DupDict`` with the
repeated names in ``duplicates``; the parser quarantines what they name.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sized
from contextlib import contextmanager
from typing import Any

from llmhub.errors import DataQualityError

__all__ = ["DupDict", "JsonCursor", "decode_json", "duplicates_of", "reading", "wrong_shape"]


class DupDict(dict):
    """A JSON object in which some keys appeared more than once (the last value kept)."""

    duplicates: frozenset[str] = frozenset()


def _pairs(
    pairs: list[tuple[str, Any]],
    _dict: type[dict[str, Any]] = dict,
    _len: Callable[[Sized], int] = len,
) -> dict[str, Any]:
    # Called for every JSON object of a payload: defaults bind the builtins locally (hot path).
    obj = _dict(pairs)
    if _len(obj) == _len(pairs):
        return obj
    counts = Counter(key for key, _ in pairs)
    repeated = {key for key, count in counts.items() if count > 1}
    flagged = DupDict(obj)
    flagged.duplicates = frozenset(repeated)
    return flagged


def duplicates_of(obj: object) -> frozenset[str]:
    """The keys repeated in a decoded JSON object (empty for anything else)."""
    return obj.duplicates if isinstance(obj, DupDict) else frozenset()


def _text(source: str, part: str, raw: bytes) -> str:
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
    return text


@contextmanager
def reading(source: str, part: str, text: str) -> Iterator[None]:
    """Turn JSON decoding errors inside the block into DataQualityError with the position."""
    where = f"{source}: {part}"
    try:
        yield
    except json.JSONDecodeError as error:
        tail = len(text.rstrip())
        if error.pos >= tail or error.msg.startswith("Unterminated string"):
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
    except IndexError:
        # The cursor ran past the end of the text: the document stops inside an object.
        raise DataQualityError(
            f"{where}: payload is truncated: JSON ends at character {len(text)} inside an"
            " unfinished object",
            source=source,
            field=part,
            fix="the download was cut off; fetch it again",
        ) from None
    except RecursionError:
        raise DataQualityError(
            f"{where}: payload nests deeper than Python's recursion limit",
            source=source,
            field=part,
        ) from None


def decode_json(source: str, part: str, raw: bytes) -> Any:
    """Decode ``raw`` as JSON or raise DataQualityError naming the source, part and position."""
    text = _text(source, part, raw)
    with reading(source, part, text):
        return json.loads(text, object_pairs_hook=_pairs)


# Matches the empty string too, so .match() never returns None: hence the union-attr ignores.
_WHITESPACE = re.compile(r"[ \t\n\r]*")


class JsonCursor:
    """Walks the outer objects of a JSON document by hand, so that each inner record comes back
    both decoded and as its exact source text (no re-encoding), and repeated keys at the
    walked levels are seen as they stream by. Use inside ``reading(...)``."""

    def __init__(self, source: str, part: str, raw: bytes) -> None:
        self.source = source
        self.part = part
        self.text = _text(source, part, raw)
        self.pos = 0
        self._decoder = json.JSONDecoder(object_pairs_hook=_pairs)

    def peek(self) -> str:
        """The next non-blank character (IndexError at the end of the text)."""
        self.pos = _WHITESPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
        return self.text[self.pos]

    def members(self) -> Iterator[str]:
        """Yield each key of the object at the cursor; the caller consumes each value."""
        if self.peek() != "{":
            raise json.JSONDecodeError("Expecting '{'", self.text, self.pos)
        self.pos += 1
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            if self.peek() != '"':
                raise json.JSONDecodeError("Expecting property name", self.text, self.pos)
            # scanstring is public in CPython's json.decoder, but typeshed leaves it out.
            key, self.pos = json.decoder.scanstring(self.text, self.pos + 1)  # type: ignore[attr-defined]
            if self.peek() != ":":
                raise json.JSONDecodeError("Expecting ':' delimiter", self.text, self.pos)
            self.pos += 1
            self.peek()
            yield key
            delimiter = self.peek()
            self.pos += 1
            if delimiter == "}":
                return
            if delimiter != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", self.text, self.pos - 1)

    def value(self) -> tuple[Any, str]:
        """Decode the value at the cursor; return it with its source text."""
        self.peek()
        start = self.pos
        value, self.pos = self._decoder.raw_decode(self.text, start)
        return value, self.text[start : self.pos]

    def records(self) -> tuple[list[str], list[Any], list[str]]:
        """Every member of the object at the cursor: keys, decoded values and source texts.

        The hot loop of every parser (one turn per model), so it works on local names instead
        of calling ``members``/``value``, and only runs the blank-skipping regex where the
        text has blanks (published files are mostly compact).
        """
        text = self.text
        blank = _WHITESPACE.match
        blanks = " \t\n\r"
        scan_key = json.decoder.scanstring  # type: ignore[attr-defined]  # as in members()
        decode = self._decoder.raw_decode
        keys: list[str] = []
        values: list[Any] = []
        texts: list[str] = []
        pos = blank(text, self.pos).end()  # type: ignore[union-attr]
        if text[pos] != "{":
            raise json.JSONDecodeError("Expecting '{'", text, pos)
        pos = blank(text, pos + 1).end()  # type: ignore[union-attr]
        if text[pos] == "}":
            self.pos = pos + 1
            return keys, values, texts
        while True:
            if text[pos] != '"':
                raise json.JSONDecodeError("Expecting property name", text, pos)
            key, pos = scan_key(text, pos + 1)
            if text[pos] in blanks:
                pos = blank(text, pos).end()  # type: ignore[union-attr]
            if text[pos] != ":":
                raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
            start = pos + 1
            if text[start] in blanks:
                start = blank(text, start).end()  # type: ignore[union-attr]
            value, pos = decode(text, start)
            keys.append(key)
            values.append(value)
            texts.append(text[start:pos])
            if text[pos] in blanks:
                pos = blank(text, pos).end()  # type: ignore[union-attr]
            delimiter = text[pos]
            if delimiter == "}":
                self.pos = pos + 1
                return keys, values, texts
            if delimiter != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
            pos += 1
            if text[pos] in blanks:
                pos = blank(text, pos).end()  # type: ignore[union-attr]

    def skip(self) -> None:
        """Consume the value at the cursor."""
        self.value()

    def finish(self) -> None:
        """Check that nothing but blanks follows the document."""
        self.pos = _WHITESPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
        if self.pos != len(self.text):
            raise json.JSONDecodeError("Extra data", self.text, self.pos)


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
