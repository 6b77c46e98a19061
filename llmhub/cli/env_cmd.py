"""``llmhub env``: which API-key variables the project needs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from llmhub.cli._output import print_json, print_table

app = typer.Typer(
    help="Check and document the API-key variables your providers need. Example: llmhub env check",
    no_args_is_help=True,
)

SpecOpt = Annotated[
    Path | None,
    typer.Option(
        "--spec", help="Spec file to read (default: ./llmhub.spec.yaml, else ./llmhub.yaml)."
    ),
]


def _source(spec: Path | None) -> Path:
    from llmhub.errors import InputError
    from llmhub.paths import default_runtime_path, default_spec_path

    if spec is not None:
        return spec
    for candidate in (default_spec_path(), default_runtime_path()):
        if candidate.exists():
            return candidate
    raise InputError(
        "no llmhub.spec.yaml or llmhub.yaml in this folder",
        path=default_spec_path(),
        fix="pass --spec PATH, or run `llmhub init`",
    )


@app.command("check")
def check(
    spec: SpecOpt = None,
    env_file: Annotated[
        Path | None,
        typer.Option(
            "--env-file",
            help="Also look for values in this .env file "
            "(default: $LLMHUB_ENV_FILE, else .env beside the spec or runtime file).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the variables the spec or runtime file needs and which are missing (exit 1 if any).

    Example: llmhub env check --env-file .env
    """
    from llmhub.envcheck import check_env, read_env_file, requirements_from_file
    from llmhub.envfile import find_env_file

    source = _source(spec)
    dotenv = find_env_file(source, env_file)
    values = read_env_file(dotenv) if dotenv else None
    statuses = check_env(requirements_from_file(source), values)
    missing = [s for s in statuses if not s.is_set]
    if as_json:
        print_json(
            {
                "source": str(source),
                "env_file": str(dotenv) if dotenv else None,
                "variables": [
                    {
                        "provider": s.provider,
                        "env_key": s.env_key,
                        "set": s.is_set,
                        "found_in": s.found_in,
                    }
                    for s in statuses
                ],
                "missing": [s.env_key for s in missing],
            }
        )
    else:
        rows = [
            (s.env_key, s.provider, "pass" if s.is_set else "fail", s.found_in or "missing")
            for s in statuses
        ]
        print_table(
            f"variables needed by {source}", ["variable", "provider", "status", "found in"], rows
        )
        if missing:
            typer.echo(
                f"{len(missing)} missing: " + ", ".join(s.env_key for s in missing), err=True
            )
    if missing:
        raise typer.Exit(1)


@app.command("sync")
def sync(
    spec: SpecOpt = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="File to write or update.")] = Path(
        ".env.example"
    ),
) -> None:
    """Write or update .env.example with the variable names the project needs (never values).

    Example: llmhub env sync --out .env.example
    """
    from llmhub.envcheck import requirements_from_file, sync_env_example

    added = sync_env_example(requirements_from_file(_source(spec)), out)
    typer.echo(f"{out}: added {', '.join(added)}" if added else f"{out}: up to date")
