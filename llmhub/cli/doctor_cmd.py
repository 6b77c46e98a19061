"""``llmhub doctor`` and ``llmhub path``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from llmhub.cli._output import print_json, print_table

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
    app.command("path")(path)


def doctor(
    no_network: Annotated[
        bool, typer.Option("--no-network", help="Skip the check that reaches the live sources.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show versions, resolved paths and health checks (exit 1 if a check fails).

    Example: llmhub doctor --no-network
    """
    from llmhub.doctor import run_doctor

    report = run_doctor(network=not no_network)
    if as_json:
        print_json({**asdict(report), "ok": report.ok})
    else:
        typer.echo(f"llmhub {report.version} on Python {report.python}")
        print_table("packages", ["package", "version"], sorted(report.packages.items()))
        print_table("paths", ["what", "path"], report.paths.items())
        print_table(
            "checks",
            ["check", "status", "detail"],
            [(c.name, c.status, c.detail) for c in report.checks],
        )
    if not report.ok:
        raise typer.Exit(1)


def path(as_json: JsonOpt = False) -> None:
    """Print the spec, runtime and catalog paths llmhub resolves from here.

    Example: llmhub path --json
    """
    from llmhub.doctor import resolved_paths

    paths = resolved_paths()
    if as_json:
        print_json(paths)
    else:
        for name, value in paths.items():
            typer.echo(f"{name}: {value}")
