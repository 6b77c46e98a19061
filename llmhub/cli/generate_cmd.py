"""``llmhub generate`` and ``llmhub roles``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from llmhub.cli._output import STATE, QuietOpt, print_json, print_table
from llmhub.gcpause import paused_gc

SpecOpt = Annotated[
    Path | None,
    typer.Option("--spec", help="Spec file (default: ./llmhub.spec.yaml or $LLMHUB_SPEC)."),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "-o", "--out", help="Runtime file to write (default: ./llmhub.yaml or $LLMHUB_CONFIG)."
    ),
]
DbOpt = Annotated[
    Path | None, typer.Option("--db", help="Catalog file (default: see `llmhub path`).")
]


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)
    app.command("roles")(roles)
    app.command("explain")(explain_cmd)


def explain_cmd(
    role: Annotated[str, typer.Argument(help="The role, as named in the spec.")],
    vs: Annotated[
        str, typer.Option("--vs", help="The model to compare with the pick: provider/model.")
    ],
    spec: SpecOpt = None,
    db: DbOpt = None,
    no_llm: Annotated[
        bool, typer.Option("--no-llm", help="Read descriptions with the keyword heuristic only.")
    ] = False,
) -> None:
    """Why a role did not get a model: the filter that removed it, or the score parts.

    Example: llmhub explain llm.inference --vs openai/gpt-5-mini
    """
    from llmhub.generator import GeneratorOptions
    from llmhub.generator.versus import explain_versus
    from llmhub.paths import default_spec_path

    options = GeneratorOptions(no_llm=no_llm, db_path=db)
    for line in explain_versus(spec or default_spec_path(), role, vs, options):
        typer.echo(line)


def generate(
    spec: SpecOpt = None,
    out: OutOpt = None,
    db: DbOpt = None,
    env: Annotated[
        str | None, typer.Option("--env", help="Write this env name instead of the spec's.")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Explain each pick: filters, score, runners-up.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the YAML instead of writing it.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Exit 1 with the pick diff and a cause per role if the file on disk is out of "
            "date (CI). A new catalog build that changes no pick is not drift.",
        ),
    ] = False,
    no_llm: Annotated[
        bool, typer.Option("--no-llm", help="Read descriptions with the keyword heuristic only.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a runtime file that was edited by hand.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Pick a model for every role of the spec and write llmhub.yaml.

    Example: llmhub generate --explain
    """
    if not (dry_run or check):  # --out naming the spec itself would replace the spec
        from llmhub.fsutil import distinct_paths
        from llmhub.paths import default_runtime_path, default_spec_path

        distinct_paths(
            {"out": out or default_runtime_path()}, {"spec": spec or default_spec_path()}
        )
    with paused_gc():
        _generate(spec, out, db, env, explain, dry_run, check, no_llm, force, as_json)


def _generate(
    spec: Path | None,
    out: Path | None,
    db: Path | None,
    env: str | None,
    explain: bool,
    dry_run: bool,
    check: bool,
    no_llm: bool,
    force: bool,
    as_json: bool,
) -> None:
    from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
    from llmhub.generator.result import write_generated
    from llmhub.paths import default_runtime_path, default_spec_path

    spec_path = spec or default_spec_path()
    out_path = out or default_runtime_path()
    options = GeneratorOptions(explain=explain, no_llm=no_llm, db_path=db, env=env)
    result = generate_runtime_from_spec(spec_path, options)
    drift = None
    if check:
        from llmhub.generator.drift import check_drift  # only --check reads the old file

        drift = check_drift(result, out_path, db)
    stale = drift is not None and not drift.up_to_date
    written = False
    if not (dry_run or check):
        written = write_generated(result, out_path, force=force)
    if as_json:
        print_json(
            {
                "out": str(out_path),
                "written": written,
                "up_to_date": drift.up_to_date if drift else None,
                "drift": drift.to_dict() if drift else None,
                "spec_sha256": result.spec_sha256,
                "catalog_build": result.catalog_build,
                "runtime": result.runtime.model_dump(mode="json", exclude_none=True),
                "explanations": {n: e.to_dict() for n, e in result.explanations.items()},
                "warnings": result.warnings,
                "caveats": result.caveats,
            }
        )
    else:
        for warning in [] if STATE["quiet"] else result.warnings:
            typer.echo(f"warning: {warning}", err=True)
        if dry_run:
            typer.echo(result.text, nl=False)
        if explain:
            for explanation in result.explanations.values():
                typer.echo("\n".join(explanation.lines()), err=dry_run)
            typer.echo("caveats (this run):", err=dry_run)
            for caveat in result.caveats:
                typer.echo(f"  {caveat}", err=dry_run)
        if drift is not None:
            typer.echo("\n".join(drift.lines()))
        elif not dry_run:
            roles_n = len(result.runtime.roles)
            typer.echo(
                f"wrote {out_path} ({roles_n} roles)" if written else f"{out_path} is up to date"
            )
    if stale:
        raise typer.Exit(1)


def roles(
    spec: SpecOpt = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Runtime file to show picks from.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the spec's roles with their kind, description and current pick.

    Example: llmhub roles --json
    """
    from llmhub.paths import default_runtime_path, default_spec_path
    from llmhub.runtime.config import load_runtime
    from llmhub.spec import load_spec

    loaded = load_spec(spec or default_spec_path())
    runtime_path = config or default_runtime_path()
    picks = {}
    if config is not None or runtime_path.exists():  # a file the user named must exist
        runtime = load_runtime(runtime_path)
        picks = {n: f"{r.provider}/{r.model}" for n, r in runtime.roles.items()}
    rows = [
        {
            "role": name,
            "kind": role.kind.value,
            "description": role.description,
            "pick": picks.get(name),
        }
        for name, role in sorted(loaded.roles.items())
    ]
    if as_json:
        print_json(rows)
    else:
        print_table(
            "roles",
            ["role", "kind", "pick", "description"],
            [(r["role"], r["kind"], r["pick"] or "-", r["description"]) for r in rows],
        )
