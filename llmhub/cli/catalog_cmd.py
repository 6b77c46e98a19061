"""``llmhub catalog``: refresh the catalog, read it, query it with SQL, export it, diff builds."""

from __future__ import annotations

import csv
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from llmhub.cli._catalog_render import cell, render_models
from llmhub.cli._output import STATE, QuietOpt, print_json, print_table

app = typer.Typer(
    no_args_is_help=True,
    help=(
        "Build, read and query the model catalog (a DuckDB file).\n\n"
        "Example: llmhub catalog refresh --source snapshot && llmhub catalog show --tag reasoning"
    ),
)


class SourceMode(str, Enum):
    auto = "auto"
    live = "live"
    snapshot = "snapshot"


class SqlFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    json = "json"


DbOpt = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Catalog file (default: $LLMHUB_CATALOG, else data/catalog.duckdb in a checkout, "
        "else the per-user data folder).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
LimitOpt = Annotated[
    int, typer.Option("-n", "--limit", min=0, max=1_000_000, help="Rows to show; 0 shows all.")
]
AllOpt = Annotated[
    bool,
    typer.Option("--all", help="Include models litellm cannot call (never picked for a role)."),
]


@app.command("refresh")
def refresh(
    source: Annotated[
        SourceMode,
        typer.Option(
            "--source",
            help="auto: live per source, else the last good data, else the bundled snapshot; "
            "live: fail if a live source fails; snapshot: bundled data only.",
        ),
    ] = SourceMode.auto,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Rebuild even within the TTL, and replace a --db file that is not an llmhub "
            "catalog.",
        ),
    ] = False,
    ttl_hours: Annotated[
        float,
        typer.Option(
            "--ttl-hours", min=0, help="Do nothing if the last build is younger (0: always)."
        ),
    ] = 24.0,
    db: DbOpt = None,
    fetch_timeout: Annotated[
        float, typer.Option("--fetch-timeout", min=0.1, help="Seconds per live HTTP request.")
    ] = 20.0,
    retries: Annotated[
        int, typer.Option("--retries", min=0, help="Live retries per source, with backoff.")
    ] = 3,
    lock_timeout: Annotated[
        float,
        typer.Option("--lock-timeout", min=0, help="Seconds to wait for another refresh to end."),
    ] = 120.0,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Rebuild the catalog, test it, and publish it by one atomic rename.

    The previous catalog stays byte-for-byte intact if anything fails or the refresh is killed.

    Example: llmhub catalog refresh --source snapshot --force
    """
    from llmhub.catalog import refresh_catalog
    from llmhub.cli._catalog_render import RefreshDisplay, render_refresh

    display = RefreshDisplay(enabled=not (as_json or STATE["quiet"]))
    with display:
        result = refresh_catalog(
            db,
            source=source.value,
            force=force,
            overwrite=force,
            ttl_hours=ttl_hours,
            progress=display.on_event,
            fetch_timeout=fetch_timeout,
            retries=retries,
            lock_timeout=lock_timeout,
        )
    if as_json:
        print_json(result.to_dict())
    else:
        render_refresh(result, set(result.notes) if STATE["quiet"] else display.shown)


@app.command("show")
def show(
    provider: Annotated[
        str | None, typer.Option("--provider", help="A models.dev provider id, e.g. openai.")
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", help="Keep models with this tag; repeat to require several."),
    ] = None,
    mode: Annotated[
        str | None, typer.Option("--mode", help="chat, embedding, image, audio, ...")
    ] = None,
    limit: LimitOpt = 50,
    include_all: AllOpt = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List the models litellm can call, best calibrated quality first, with status and free
    tier (--all adds the rest; --json gives every column).

    Example: llmhub catalog show --provider anthropic --tag reasoning -n 10
    """
    from llmhub.catalog.query import show_models

    kwargs: dict[str, Any] = {"columns": None} if as_json else {}  # JSON carries every column
    result = show_models(
        db,
        provider=provider,
        tags=tag,
        mode=mode,
        limit=limit,
        include_all=include_all,
        **kwargs,
    )
    render_models(result, as_json)


@app.command("search")
def search(
    text: Annotated[str, typer.Argument(help="Text to find in ids, names and families.")],
    limit: LimitOpt = 50,
    include_all: AllOpt = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Find callable models by id, display name, family, litellm name or arena name (any case;
    --all adds models litellm cannot call).

    Example: llmhub catalog search sonnet --all
    """
    from llmhub.catalog.query import search_models

    render_models(search_models(text, db, limit=limit, include_all=include_all), as_json)


@app.command("sources")
def sources(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Show each source of the build: origin, data date, rows, matched share, license and the
    attribution line to keep with its data.

    Example: llmhub catalog sources
    """
    from llmhub.catalog.query import source_table

    result = source_table(db)
    if as_json:
        print_json(result.records())
        return
    rows = [
        [
            cell(r["source"]),
            cell(r["origin"]),
            r["data_as_of"].date().isoformat() if r["data_as_of"] else "unknown",
            f"{r['row_count']:,}",
            f"{r['quarantined']:,}",
            "" if r["matched_share"] is None else f"{r['matched_share']:.0%}",
            cell(r["license"]),
            cell(r["attribution"]),
        ]
        for r in result.records()
    ]
    headers = ["source", "origin", "data as of", "rows", "quarantined", "matched"]
    print_table(None, [*headers, "license", "attribution"], rows)


@app.command("sql")
def sql(
    query: Annotated[str, typer.Argument(help="One read-only SQL statement.")],
    fmt: Annotated[SqlFormat, typer.Option("--format", help="Output format.")] = SqlFormat.table,
    db: DbOpt = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0, help="Seconds before the query is stopped (0: none)."),
    ] = 30.0,
    max_rows: Annotated[
        int | None,
        typer.Option(
            "--max-rows",
            min=0,
            max=1_000_000_000,
            help="Rows to print (default 10,000 as a table, all as csv/json; 0: all).",
        ),
    ] = None,
) -> None:
    """Run one read-only SQL query on the catalog (writes and file access are refused).

    Example: llmhub catalog sql "select provider, count(*) from models group by all order by 2 desc"
    """
    from llmhub.catalog.query import run_sql

    if max_rows is None:
        max_rows = _TABLE_MAX_ROWS if fmt is SqlFormat.table else 0
    result = run_sql(query, db, timeout=timeout or None, max_rows=max_rows or None)
    if fmt is SqlFormat.json:
        print_json(result.records())
    elif fmt is SqlFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
    else:
        print_table(None, result.columns, [[cell(v) for v in row] for row in result.rows])
    if result.total > len(result.rows):
        typer.echo(
            f"note: showing the first {len(result.rows):,} rows; more were cut "
            "(--max-rows 0 shows all, or add a limit)",
            err=True,
        )


_TABLE_MAX_ROWS = 10_000


@app.command("export")
def export(
    out: Annotated[
        Path,
        typer.Option("-o", "--out", help="File to write (written atomically; a symlink's target)."),
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", help="File format (default: from the --out extension)."),
    ] = None,
    table: Annotated[
        str,
        typer.Option("--table", help="models, model_scores, providers, sources or builds."),
    ] = "models",
    db: DbOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    mkdir: Annotated[
        bool, typer.Option("--mkdir", help="Create the folder of --out if it is missing.")
    ] = False,
) -> None:
    """Export a catalog view to parquet, csv or json (a JSON array).

    Example: llmhub catalog export --out models.parquet
    """
    from llmhub.catalog.export import export_table

    path, rows = export_table(
        out, fmt.value if fmt else None, db, table=table, force=force, mkdir=mkdir
    )
    typer.echo(f"wrote {rows:,} rows of {table} to {path}")


@app.command("diff")
def diff(
    from_build: Annotated[
        str | None,
        typer.Option("--from", help="Older build: id, unique prefix or -N (default: previous)."),
    ] = None,
    to_build: Annotated[
        str | None, typer.Option("--to", help="Newer build (default: the newest).")
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show models added and removed, and price and score changes, between two builds.

    Example: llmhub catalog diff --from -3 --to -1
    """
    from llmhub.catalog.diff import diff_builds
    from llmhub.catalog.reader import open_catalog
    from llmhub.cli._catalog_render import render_diff

    con = open_catalog(db)
    try:
        result = diff_builds(con, from_build, to_build)
    finally:
        con.close()
    if as_json:
        print_json(result.to_dict())
    else:
        render_diff(result)


@app.command("history")
def history(
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove all but the newest --keep builds.")
    ] = False,
    keep: Annotated[
        int | None,
        typer.Option("--keep", min=1, help="Builds to keep (default: $LLMHUB_HISTORY_KEEP or 90)."),
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List the builds in the catalog's history, or prune it to the newest builds.

    Example: llmhub catalog history --prune --keep 30
    """
    from llmhub.catalog.prune import list_builds, prune_history

    if prune:
        removed = prune_history(db, keep=keep)
        typer.echo(f"removed {removed} build(s) from the history")
        return
    builds = list_builds(db)
    if as_json:
        print_json([{"build_id": b, "built_at": t, "model_count": n} for b, t, n in builds])
    else:
        print_table("builds", ["build", "built at", "models"], builds)
