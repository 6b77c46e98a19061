"""``llmhub plot``: a picture of the choice, price (log scale) against the role's task quality."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("plot")(plot)


def plot(
    spec: Annotated[
        Path | None,
        typer.Option("--spec", help="Spec file (default: ./llmhub.spec.yaml or $LLMHUB_SPEC)."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Mark the pick and fallbacks of this runtime file (default: what `generate` "
            "would pick now).",
        ),
    ] = None,
    db: Annotated[
        Path | None, typer.Option("--db", help="Catalog file (default: see `llmhub path`).")
    ] = None,
    role: Annotated[
        list[str] | None,
        typer.Option("--role", "-r", help="Only this role; repeat for several (default: all)."),
    ] = None,
    out: Annotated[
        Path,
        typer.Option("-o", "--out", help="File to write: .svg, .png or .html (one offline file)."),
    ] = Path("llmhub-plot.svg"),
    catalog: Annotated[
        bool,
        typer.Option("--catalog", help="Plot every callable model instead, per mode and provider."),
    ] = False,
    no_llm: Annotated[
        bool, typer.Option("--no-llm", help="Read descriptions with the keyword heuristic only.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Draw price (log scale) against each role's task quality for its feasible candidates,
    marking the Pareto frontier, the pick, the fallbacks and the close runners-up.

    Example: llmhub plot --role llm.inference --out choice.html
    """
    from llmhub.errors import InputError
    from llmhub.fsutil import guard_target
    from llmhub.paths import default_spec_path
    from llmhub.plot.render import _format

    _format(out)  # a bad extension fails before any work
    # Before any work, as for every other output: a folder, device, FIFO or socket is never
    # replaced (it was "file exists — pass --force", and --force then failed after the
    # drawing); an existing file, or a symlink's target, only with --force.
    target = guard_target(out, force=force)
    if not target.parent.is_dir():
        raise InputError(
            "folder does not exist", path=target.parent, field="out", fix="create it first"
        )
    if catalog:
        from llmhub.plot.data import catalog_points
        from llmhub.plot.render import render_catalog

        points = catalog_points(db)
        written = render_catalog(points, out)
        typer.echo(f"wrote {written} ({len(points):,} callable models)")
        return
    from llmhub.plot.data import role_plots
    from llmhub.plot.render import render_roles

    plots = role_plots(
        spec or default_spec_path(), db_path=db, config=config, roles=role, no_llm=no_llm
    )
    written = render_roles(plots, out)
    picks = ", ".join(f"{p.role}: {p.pick}" for p in plots)
    typer.echo(f"wrote {written} ({picks})")
