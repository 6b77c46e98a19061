"""``llmhub runtime``: show the runtime file, and what a regeneration would change."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from llmhub.cli._output import print_json, print_table

app = typer.Typer(help="Inspect llmhub.yaml. Example: llmhub runtime show", no_args_is_help=True)

ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Runtime file (default: ./llmhub.yaml or $LLMHUB_CONFIG)."),
]


@app.command("show")
def show(
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show each role's model, mode, prices and fallbacks, and where the file came from.

    Example: llmhub runtime show --config llmhub.yaml
    """
    from llmhub.generator.header import split_header
    from llmhub.paths import default_runtime_path
    from llmhub.redact import redact
    from llmhub.runtime.config import header_mismatch, load_runtime

    path = config or default_runtime_path()
    runtime = load_runtime(path)
    header, _ = split_header(path.read_text("utf-8"))
    mismatch = header_mismatch(path)
    if as_json:
        print_json(
            {
                "path": str(path),
                "spec_sha256": header.spec_sha256 if header else None,
                "catalog_build": header.catalog_build if header else None,
                "body_matches_header": None if header is None else mismatch is None,
                # load_runtime refuses a file holding a credential; a shape it does not know
                # would still be shown as *** here.
                "runtime": redact(runtime.model_dump(mode="json", exclude_none=True)),
            }
        )
        return
    rows = [
        (
            name,
            f"{r.provider}/{r.model}",
            r.mode.value,
            "-" if r.price_input_per_million is None else f"{r.price_input_per_million:g}",
            "-" if r.price_output_per_million is None else f"{r.price_output_per_million:g}",
            ", ".join(f"{f.provider}/{f.model}" for f in r.fallbacks) or "-",
        )
        for name, r in sorted(runtime.roles.items())
    ]
    source = f"catalog build {header.catalog_build}" if header else "no llmhub header"
    if mismatch is not None:
        source += "; body does not match its header"
    print_table(
        f"{path} ({runtime.project}, env {runtime.env}; {source})",
        ["role", "model", "mode", "$/1M in", "$/1M out", "fallbacks"],
        rows,
    )


@app.command("diff")
def diff(
    config: ConfigOpt = None,
    spec: Annotated[Path | None, typer.Option("--spec", help="Spec file.")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Catalog file.")] = None,
    no_llm: Annotated[
        bool, typer.Option("--no-llm", help="Read descriptions with the keyword heuristic only.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """What regenerating would change, per role, and why (nothing is written).

    Example: llmhub runtime diff --db data/catalog.duckdb
    """
    from llmhub.errors import ConfigError
    from llmhub.fsutil import read_previous_bytes
    from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
    from llmhub.generator.files import runtime_changes
    from llmhub.paths import default_runtime_path, default_spec_path

    path = config or default_runtime_path()
    data = read_previous_bytes(path, field="config", fix="pass the llmhub.yaml to compare")
    if data is None:
        raise ConfigError("file not found", path=path, fix="run `llmhub generate` first")
    try:
        current = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(
            "not UTF-8 text", path=path, fix="pass the llmhub.yaml to compare"
        ) from None
    result = generate_runtime_from_spec(
        spec or default_spec_path(), GeneratorOptions(no_llm=no_llm, db_path=db)
    )
    changes = runtime_changes(current, result, str(path))
    if as_json:
        print_json([c.__dict__ for c in changes])
        return
    if not changes:
        typer.echo(f"{path}: no changes")
        return
    print_table(
        f"changes a regeneration would make to {path}",
        ["role", "change", "before", "after", "why"],
        [
            (c.role, c.change, c.before or "-", c.after or "-", "; ".join(c.reasons))
            for c in changes
        ],
    )
