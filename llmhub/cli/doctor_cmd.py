"""``llmhub doctor`` and ``llmhub path``."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
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
    env_file: Annotated[
        Path | None,
        typer.Option(
            "--env-file",
            help="The .env holding API keys (default: $LLMHUB_ENV_FILE, else .env beside "
            "llmhub.yaml).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show versions, paths and checks: keys, each source's data age, whether llmhub.yaml is
    stale (exit 1 if a check fails).

    Example: llmhub doctor --no-network
    """
    from llmhub.doctor import run_doctor

    report = run_doctor(network=not no_network, env_file=env_file)
    if as_json:
        print_json({**asdict(report), "ok": report.ok})
    else:
        typer.echo(f"llmhub {report.version} on Python {report.python}")
        versions = ", ".join(f"{n} {v or 'missing'}" for n, v in sorted(report.packages.items()))
        print_table(
            None, ["what", "value"], [("packages", versions), *report.paths.items()], fit=True
        )
        print_table(
            "checks",
            ["check", "status", "detail"],
            [(c.name, c.status, c.detail) for c in report.checks],
            fit=True,
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
