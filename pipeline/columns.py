"""Turn a list of JSON records into a typed polars frame, column by column, with quarantine.

Parsers describe their columns as ``Field(column, path, kind)``. Values are pulled out with one
list comprehension per field (no per-row Python function calls), type-checked the same way,
then negative numbers are found with polars expressions. A row with any bad value is dropped
and counted under the first reason found for it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from itertools import repeat
from math import isfinite
from typing import Any

import polars as pl

__all__ = ["Field", "Tally", "keep_records", "records_frame", "table_schema"]

_DTYPES: dict[str, pl.DataType] = {
    "str": pl.String(),
    "bool": pl.Boolean(),
    "int": pl.Int64(),
    "num": pl.Float64(),
    "strlist": pl.List(pl.String()),
    "json": pl.String(),
}
_dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


@dataclass(frozen=True)
class Field:
    """One output column: where it sits in the record and what kind of value it must hold.

    ``kind`` is ``str`` (other scalars kept as text), ``bool``, ``int`` (a whole number >= 0),
    ``num`` (a number >= 0), ``strlist`` (a list of strings) or ``json`` (any value, re-encoded).
    """

    column: str
    path: tuple[str, ...]
    kind: str

    @property
    def dtype(self) -> pl.DataType:
        return _DTYPES[self.kind]

    @property
    def label(self) -> str:
        return ".".join(self.path)


def table_schema(keys: list[str], fields: list[Field]) -> pl.Schema:
    """The full schema of a raw table: key columns (text), one column per field, ``record``."""
    return pl.Schema(
        [
            *((key, pl.String()) for key in keys),
            *((field.column, field.dtype) for field in fields),
            ("record", pl.String()),
        ]
    )


class Tally:
    """Counts quarantined rows by reason and renders them as problem lines with numbers."""

    def __init__(self, source: str, entity: str) -> None:
        self.source = source
        self.entity = entity
        self.reasons: Counter[str] = Counter()

    def add(self, reason: str, count: int = 1) -> None:
        if count:
            self.reasons[reason] += count

    @property
    def total(self) -> int:
        return sum(self.reasons.values())

    def problems(self, kept: int) -> list[str]:
        lines = [
            f"{self.source}: {count} {self.entity} quarantined: {reason}"
            for reason, count in sorted(self.reasons.items())
        ]
        if self.total:
            lines.append(
                f"{self.source}: kept {kept} of {kept + self.total} {self.entity}"
                f" ({self.total} quarantined)"
            )
        return lines


def keep_records(
    keys: list[str], values: list[Any], texts: list[str], tally: Tally, *, key_name: str
) -> tuple[list[str], list[dict[str, Any]], list[str]]:
    """Drop members whose key repeats in their object (every copy: none can be trusted) and
    members that are not objects with unique keys; tally both."""
    from .jsonio import duplicates_of

    counts = Counter(keys)
    repeated = {key for key, n in counts.items() if n > 1} if len(counts) < len(keys) else set()
    tally.add(f"{key_name} appears more than once", len(repeated))
    keep = [
        i
        for i, value in enumerate(values)
        if value.__class__ is dict and not duplicates_of(value) and keys[i] not in repeated
    ]
    unique_members = len(keys) - sum(counts[key] for key in repeated)
    tally.add("entry is not an object with unique keys", unique_members - len(keep))
    return [keys[i] for i in keep], [values[i] for i in keep], [texts[i] for i in keep]


_NO_PARENT: dict[str, Any] = {}


def _values(records: list[dict[str, Any]], path: tuple[str, ...], parents: dict) -> list[Any]:
    # map(dict.get, ...) runs the loop in C: a third faster than a comprehension calling .get,
    # and this is the hottest loop of a parse (one turn per record and field).
    if len(path) == 1:
        return list(map(dict.get, records, repeat(path[0])))
    head = path[:-1]
    if head not in parents:
        outer = _values(records, head, parents)
        # A parent that is not an object holds no fields: an empty dict answers None for each.
        parents[head] = [v if v.__class__ is dict else _NO_PARENT for v in outer]
    return list(map(dict.get, parents[head], repeat(path[-1])))


def _bad_indexes(values: list[Any], kind: str) -> list[int]:
    if kind in ("num", "int"):
        bad = [
            i
            for i, v in enumerate(values)
            if v is not None and v.__class__ is not int and v.__class__ is not float
        ]
        # NaN and Infinity are JSON extensions Python accepts; no price or limit can be one.
        bad += [i for i, v in enumerate(values) if v.__class__ is float and not isfinite(v)]
        if kind == "int":
            bad += [
                i
                for i, v in enumerate(values)
                if v.__class__ is float and isfinite(v) and not v.is_integer()
            ]
        return bad
    if kind == "bool":
        return [i for i, v in enumerate(values) if v is not None and v.__class__ is not bool]
    if kind == "strlist":
        return [
            i
            for i, v in enumerate(values)
            if v is not None and (v.__class__ is not list or any(x.__class__ is not str for x in v))
        ]
    return []


def _string_lists(name: str, values: list[list[str] | None]) -> pl.Series:
    """A List(String) column built from one flat column of items and their row numbers.

    polars' per-list constructor is slow, and the Arrow offsets path would import pyarrow
    (half a second of every refresh) for this one column type.
    """
    rows = [i for i, v in enumerate(values) if v is not None for _ in v]
    items = [item for v in values if v is not None for item in v]
    lists = (
        pl.DataFrame([pl.Series("row", rows, pl.UInt32), pl.Series("item", items, pl.String)])
        .group_by("row")
        .agg(pl.col("item"))
    )
    frame = pl.DataFrame(
        [
            pl.Series("row", range(len(values)), pl.UInt32),
            pl.Series("is_null", [v is None for v in values], pl.Boolean),
        ]
    ).join(lists, on="row", how="left", maintain_order="left")
    # A row with an empty list has no item rows: it comes back null and is set to [] here.
    empty = pl.lit([], dtype=pl.List(pl.String))
    column = pl.when(pl.col("is_null")).then(None).otherwise(pl.col("item").fill_null(empty))
    return frame.select(column.alias(name)).to_series()


def records_frame(
    records: list[dict[str, Any]],
    fields: list[Field],
    tally: Tally,
    *,
    keys: dict[str, list[Any]] | None = None,
    texts: list[str] | None = None,
) -> pl.DataFrame:
    """A typed frame of ``records`` (already known to be dicts), bad rows dropped and tallied.

    ``keys`` are ready-made leading columns (e.g. the provider and model ids taken from the
    enclosing JSON objects). The last column, ``record``, holds each record's JSON: its source
    text from ``texts`` when given, else the record re-encoded.
    """
    reason_of: dict[int, str] = {}
    columns: dict[str, pl.Series] = {}
    for name, values in (keys or {}).items():
        columns[name] = pl.Series(name, values, dtype=pl.String)
    parents: dict[tuple[str, ...], list[Any]] = {}
    for field in fields:
        values = _values(records, field.path, parents)
        if field.kind == "str":
            values = [v if v is None or v.__class__ is str else _dumps(v) for v in values]
        elif field.kind == "json":
            values = [None if v is None else _dumps(v) for v in values]
        else:
            for i in _bad_indexes(values, field.kind):
                reason_of.setdefault(i, f"non-{_KIND_WORD[field.kind]} {field.label}")
                values[i] = None
        if field.kind == "strlist":
            columns[field.column] = _string_lists(field.column, values)
        else:
            columns[field.column] = pl.Series(field.column, values, dtype=field.dtype, strict=False)
    record_texts = texts if texts is not None else [_dumps(r) for r in records]
    columns["record"] = pl.Series("record", record_texts, pl.String)
    frame = pl.DataFrame(columns)
    numeric = [f for f in fields if f.kind in ("num", "int")]
    if numeric:
        negatives = frame.select(
            pl.int_range(pl.len()).alias("i"), *(pl.col(f.column) < 0 for f in numeric)
        ).filter(pl.any_horizontal(pl.exclude("i")))
        for row in negatives.iter_rows():
            first = next(f for f, is_negative in zip(numeric, row[1:], strict=True) if is_negative)
            reason_of.setdefault(row[0], f"negative {first.label}")
    if not reason_of:
        return frame
    for reason in reason_of.values():
        tally.add(reason)
    keep = pl.Series([i not in reason_of for i in range(frame.height)])
    return frame.filter(keep)


_KIND_WORD = {"num": "numeric", "int": "integer", "bool": "boolean", "strlist": "list-of-text"}
