"""``llmhub status``, and what a bare ``llmhub`` prints: the project summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from llmhub.cli._output import print_json

if TYPE_CHECKING:
    from llmhub.status import ProjectStatus

COMMON_COMMANDS = (
    ("llmhub init", "write a starter llmhub.spec.yaml here"),
    ("llmhub generate --explain", "pick a model per role and write llmhub.yaml"),
    ("llmhub catalog refresh", "rebuild the model catalog (prices, limits, arena scores)"),
    ("llmhub test <role>", "call a role once through llmhub.yaml"),
    ("llmhub doctor", "check versions, paths and keys"),
    ("llmhub --help", "every command"),
)


def register(app: typer.Typer) -> None:
    app.command("status")(status)


def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Summarise the project: spec, runtime file and catalog, with counts, paths and problems.

    Always exits 0: problems are listed, not raised.

    Example: llmhub status --json
    """
    from dataclasses import asdict

    from llmhub.status import project_status

    summary = project_status()
    if as_json:
        print_json(asdict(summary))
        return
    print_status(summary)


def print_status(summary: ProjectStatus) -> None:
    """The summary as plain lines (no table: it is read at a glance, and piped into logs)."""
    typer.echo(f"project: {summary.project or '(unknown)'}   env: {summary.env or '(unknown)'}")
    for label, item in (
        ("spec", summary.spec),
        ("runtime", summary.runtime),
        ("catalog", summary.catalog),
    ):
        if not item.exists:
            typer.echo(f"{label + ':':9}{item.path} (missing)")
            continue
        counts = ", ".join(f"{n} {k}" for k, n in item.counts.items())
        extra = "; ".join(x for x in (counts, item.detail) if x)
        typer.echo(f"{label + ':':9}{item.path}" + (f" ({extra})" if extra else ""))
    if not summary.problems and not summary.warnings:
        typer.echo("problems: none")
    for line in summary.problems:
        typer.echo(f"problem: {line}")
    for line in summary.warnings:
        typer.echo(f"warning: {line}")


def print_common_commands() -> None:
    """The commands a new user needs first, after the summary of a bare ``llmhub``."""
    typer.echo("\ncommon commands:")
    width = max(len(c) for c, _ in COMMON_COMMANDS) + 2
    for command, what in COMMON_COMMANDS:
        typer.echo(f"  {command:{width}}{what}")
