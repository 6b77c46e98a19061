"""``llmhub spec``: validate, show and describe the spec file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from llmhub.cli._output import print_json

app = typer.Typer(
    help="Check and inspect llmhub.spec.yaml. Example: llmhub spec validate",
    no_args_is_help=True,
)

SpecArg = Annotated[
    Path | None,
    typer.Argument(
        help="Spec file (default: ./llmhub.spec.yaml or $LLMHUB_SPEC).", show_default=False
    ),
]


@app.command("validate")
def validate(
    spec: SpecArg = None,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Catalog to check providers and forced models against."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Validate the spec: errors exit 2 (file:line:col), warnings are printed.

    Example: llmhub spec validate llmhub.spec.yaml
    """
    from llmhub.errors import SpecError
    from llmhub.paths import default_spec_path
    from llmhub.spec import validate_spec

    path = spec or default_spec_path()
    result = validate_spec(path, db)
    if as_json:
        print_json(
            {
                "path": str(path),
                "valid": result.valid,
                "errors": [str(p) for p in result.errors],
                "warnings": [str(p) for p in result.warnings],
            }
        )
        if not result.valid:
            raise typer.Exit(2)
        return
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if not result.valid:
        raise SpecError(result.errors[0].message, path=str(path), problems=result.errors)
    roles = len(result.spec.roles) if result.spec else 0
    typer.echo(f"{path}: valid ({roles} roles, {len(result.warnings)} warnings)")


@app.command("show")
def show(
    spec: SpecArg = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print the spec as llmhub reads it, with every default filled in.

    Example: llmhub spec show --json
    """
    import yaml

    from llmhub.paths import default_spec_path
    from llmhub.spec import load_spec

    data = load_spec(spec or default_spec_path()).model_dump(mode="json")
    if as_json:
        print_json(data)
    else:
        typer.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), nl=False)


@app.command("schema")
def schema(
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Write the schema to this file instead.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a file that is not an llmhub spec schema.")
    ] = False,
) -> None:
    """Print the spec's JSON Schema (for editors: see the README's Spec reference).

    Example: llmhub spec schema --out llmhub.spec.schema.json
    """
    from llmhub.fsutil import atomic_write_text, guard_target
    from llmhub.spec.schema import schema_owner, spec_json_schema_text

    text = spec_json_schema_text()
    if out is None:
        typer.echo(text, nl=False)
    else:
        atomic_write_text(guard_target(out, force=force, owner=schema_owner), text)
        typer.echo(f"wrote {out}")
