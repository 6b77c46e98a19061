"""``llmhub init``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    directory: Annotated[
        Path, typer.Option("--dir", help="Folder to write into.", show_default=False)
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write a commented starter llmhub.spec.yaml, a .env.example and the spec JSON Schema.

    Example: llmhub init --dir my-app
    """
    from llmhub.scaffold import init_project

    result = init_project(directory, force=force)
    for path in result.written:
        typer.echo(f"wrote {path}")
    typer.echo("next: edit llmhub.spec.yaml, then run `llmhub generate --explain`")
