"""Read user YAML safely, keeping the line and column of every value for error messages.

Both user files (the spec and the runtime file) go through ``read_yaml``: it refuses files that
are too large, binary, or not UTF-8, rejects duplicate keys and alias bombs, and returns the data
with a position map so that validation errors can point at ``file:line:col``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from llmhub.errors import InputError, Problem
from llmhub.fsutil import regular_file
from llmhub.redact import HIDDEN_INPUT

__all__ = ["MAX_BYTES", "MAX_NODES", "YamlDocument", "problems_from_validation", "read_yaml"]

# libyaml's parser when PyYAML has it (ten times faster on large specs); same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1_000_000
# A real spec or runtime file has a few hundred nodes; a billion-laughs file has billions.
MAX_NODES = 200_000

Loc = tuple[str | int, ...]

_STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class YamlDocument:
    """Parsed YAML plus where each value came from (1-based line and column)."""

    path: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Line and column of ``loc``, or of its closest located parent."""
        key = tuple(loc)
        while key:
            if key in self.positions:
                return self.positions[key]
            key = key[:-1]
        return self.positions.get((), (None, None))

    def problem(self, loc: Sequence[str | int], message: str, fix: str | None = None) -> Problem:
        line, column = self.where(loc)
        dotted = ".".join(str(p) for p in loc) or None
        return Problem(message, self.path, line, column, dotted, fix)


def read_yaml(path: str | Path, error: type[InputError] = InputError) -> YamlDocument:
    """Load a YAML file into plain Python data with positions.

    Raises:
        InputError (or the subclass given as ``error``): the file is missing, unreadable,
        too large, binary, not valid YAML, has duplicate keys or expands too far.
    """
    shown = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise error(
                "is a directory, not a file", path=shown, fix="pass the path of a YAML file"
            )
        # stat, not open: a FIFO would block forever, a device would be read for nothing.
        regular_file(p, fix="pass the path of a YAML file", error=error)
        # Read one byte past the limit rather than trusting st_size: /dev/zero reports 0.
        with p.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            size = p.stat().st_size
            shown_size = f"{size:,} bytes, " if size > MAX_BYTES else ""
            raise error(
                f"file is {shown_size}over the {MAX_BYTES:,}-byte limit",
                path=shown,
                fix="split it or remove what is not needed",
            )
    except FileNotFoundError:
        raise error("file not found", path=shown, fix=error.missing_fix) from None
    except PermissionError:
        raise error("permission denied", path=shown, fix="make the file readable") from None
    except OSError as exc:
        raise error(f"cannot read file: {exc.strerror}", path=shown) from None
    return parse_yaml(raw, shown, error)


def parse_yaml(raw: bytes, shown: str, error: type[InputError] = InputError) -> YamlDocument:
    """Parse YAML bytes; see ``read_yaml``."""
    if b"\x00" in raw:
        raise error("binary file, not YAML", path=shown, fix="pass a UTF-8 YAML text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            f"not UTF-8 text (bad byte at offset {exc.start})",
            path=shown,
            fix="save the file as UTF-8",
        ) from None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        fix = "fix the YAML syntax"
        if "\t" in problem or "'\\t'" in problem:
            problem, fix = "tab character in indentation", "indent with spaces, not tabs"
        raise error(
            f"invalid YAML: {problem}", path=shown, line=line, column=column, fix=fix
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", path=shown) from None
    except RecursionError:
        raise error("nested too deeply", path=shown, fix="flatten the structure") from None
    if node is None:
        raise error("file is empty", path=shown, fix="add content, or run `llmhub init`")
    try:
        too_big = _expanded_size(node, {}) > MAX_NODES
        builder = _Builder(shown, error)
        data = None if too_big else builder.build(node, ())
    except RecursionError:
        raise error("nested too deeply", path=shown, fix="flatten the structure") from None
    if too_big:
        raise error(
            f"document expands to more than {MAX_NODES:,} values (an alias bomb?)",
            path=shown,
            fix="remove the anchors and aliases that repeat large blocks",
        )
    return YamlDocument(shown, data, builder.positions)


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values the document holds once every alias is expanded, counted without expanding."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a recursive alias counts once instead of looping
    size = 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            size += _expanded_size(k, memo) + _expanded_size(v, memo)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            size += _expanded_size(child, memo)
    memo[key] = size = min(size, MAX_NODES + 1)
    return size


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        if _LOADER is yaml.SafeLoader:
            raise
    # Bad YAML: the pure-Python parser names the problem better (e.g. the tab character).
    return yaml.compose(text, Loader=yaml.SafeLoader)


class _Builder:
    """Turns a composed node tree into Python data, counting nodes so aliases cannot explode."""

    def __init__(self, path: str, error: type[InputError]) -> None:
        self.path = path
        self.error = error
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.error(
                f"document expands to more than {MAX_NODES:,} values (an alias bomb?)",
                path=self.path,
                line=node.start_mark.line + 1,
                fix="remove the anchors and aliases that repeat large blocks",
            )
        self.positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]
        if node.tag == _STR_TAG:
            return node.value  # what SafeConstructor makes of a str scalar, without its lookups
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise self.error(
                f"invalid value: {getattr(exc, 'problem', exc)}",
                path=self.path,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
            ) from None

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        self.constructor.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, loc)
            if isinstance(key, (list, dict)):
                raise self.error(
                    "a mapping key must be a plain value",
                    path=self.path,
                    line=key_node.start_mark.line + 1,
                    column=key_node.start_mark.column + 1,
                )
            key_loc = (*loc, key)
            if key in out:
                first = self.positions.get(key_loc, (None, None))[0]
                raise self.error(
                    f"duplicate key {key!r} (first at line {first})",
                    path=self.path,
                    line=key_node.start_mark.line + 1,
                    column=key_node.start_mark.column + 1,
                    fix="keep one of them",
                )
            self.positions[key_loc] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, key_loc)
        return out


def problems_from_validation(
    doc: YamlDocument,
    errors: Iterable[Mapping[str, Any]],
    known_fields: Mapping[Loc, Sequence[str]] | None = None,
) -> list[Problem]:
    """Turn pydantic ``ValidationError.errors()`` into located one-line problems.

    ``known_fields`` maps a parent location pattern (with ``"*"`` for any mapping key) to the
    field names allowed there, so unknown keys get a did-you-mean.
    """
    problems = []
    for err in errors:
        loc = tuple(p for p in err.get("loc", ()) if not _is_pydantic_tag(p))
        kind = err.get("type", "")
        fix = None
        if kind == "extra_forbidden" and loc:
            message = f"unknown key {loc[-1]!r}"
            allowed = _allowed_at(loc[:-1], known_fields or {})
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            if close:
                fix = f"did you mean {close[0]!r}?"
            elif allowed:
                fix = "allowed keys: " + ", ".join(sorted(allowed))
        elif kind == "missing":
            message = "required key is missing"
            fix = f"add {loc[-1]!r}" if loc else None
        else:
            message = _clean(err.get("msg", "invalid value"))
            if (
                kind not in ("model_type", "dict_type", HIDDEN_INPUT)
                and "input" in err
                and _short(err["input"])
            ):
                from llmhub.redact import redact

                message += f" (got {redact(err['input'])!r})"
        problems.append(doc.problem(loc, message, fix))
    return problems


def _allowed_at(parent: Loc, known: Mapping[Loc, Sequence[str]]) -> list[str]:
    for pattern, names in known.items():
        if len(pattern) == len(parent) and all(
            a == "*" or a == b for a, b in zip(pattern, parent, strict=True)
        ):
            return list(names)
    return []


def _is_pydantic_tag(part: Any) -> bool:
    # Union and function validators add their own names to ``loc``; they are not user keys.
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _clean(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    return msg[:1].lower() + msg[1:]


def _short(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) and len(repr(value)) <= 60
