"""Shared rendering for CLI commands: JSON for machines, rich tables for people."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from llmhub.text import printable

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["STATE", "QuietOpt", "console", "print_json", "print_table"]

# Global options of the root command: --debug, --quiet.
STATE: dict[str, bool] = {"debug": False, "quiet": False}


def _set_quiet(value: bool) -> bool:
    if value:
        STATE["quiet"] = True
    return value


# The same switch as `llmhub -q`, accepted after the command too: `llmhub generate -q`.
QuietOpt = Annotated[
    bool,
    typer.Option(
        "-q", "--quiet", callback=_set_quiet, help="Print only results and errors (no warnings)."
    ),
]

_STYLE = {"pass": "green", "warn": "yellow", "fail": "red"}


def console(stderr: bool = False, fit: bool = False) -> Console:
    """A rich console; imported here so ``llmhub --help`` does not pay for rich.

    Piped output gets a wide page (or ``$COLUMNS``) so data tables are not squeezed to 80
    columns; with ``fit``, the page is the terminal's width (80 in a pipe, or ``$COLUMNS``) and
    long cells wrap, for reports people read rather than parse.
    """
    import os
    import sys

    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    width = None
    if not fit and not stream.isatty() and not os.environ.get("COLUMNS"):
        width = 200
    return Console(stderr=stderr, highlight=False, soft_wrap=not fit, width=width)


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout (plain, no colour, for pipes).

    NaN and infinities, which JSON does not have, are printed as ``null``.
    """
    print(json.dumps(_finite(data), indent=2, sort_keys=False, default=str, allow_nan=False))


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def print_table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    fit: bool = False,
) -> None:
    """Print a rich table; status words (pass/warn/fail) are coloured.

    Cells are plain text, never rich markup: data such as ``FLUX.1 [schnell]`` prints as it is.
    A control character in them (an escape sequence in a role's description or a query's
    result) is shown as its escape, never sent to the terminal.
    """
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(printable(title)) if title else None, title_justify="left")
    for name in columns:
        table.add_column(Text(printable(name)))
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else printable(str(value))
            cells.append(Text(text, style=_STYLE.get(text, "")))
        table.add_row(*cells)
    console(fit=fit).print(table)
