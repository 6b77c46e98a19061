"""``llmhub export``: write llmhub's roles in another tool's format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Export the roles to other tools. Example: llmhub export litellm-proxy --check",
    no_args_is_help=True,
)


@app.command("litellm-proxy")
def litellm_proxy(
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Runtime file to export (default: ./llmhub.yaml)."),
    ] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Proxy config to write.")] = Path(
        "litellm.config.yaml"
    ),
    layout: Annotated[
        str,
        typer.Option(
            "--layout",
            help="groups: one group per fallback, joined by router fallbacks; "
            "order: one group per role, its models tried by `order`.",
        ),
    ] = "groups",
    runtime_out: Annotated[
        Path | None,
        typer.Option("--runtime-out", help="Also write a runtime file that calls the proxy."),
    ] = None,
    gateway_url: Annotated[
        str | None, typer.Option("--gateway-url", help="The proxy's address, for --runtime-out.")
    ] = None,
    gateway_key_env: Annotated[
        str | None,
        typer.Option(
            "--gateway-key-env",
            help="Variable holding the proxy key (default: LITELLM_PROXY_API_KEY).",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Exit 1 with a diff if a file on disk is out of date (CI)."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a file that was edited by hand.")
    ] = False,
) -> None:
    """Write a LiteLLM Proxy config with each role as a model group, fallbacks and prices.

    Example: llmhub export litellm-proxy --runtime-out llmhub.gateway.yaml --gateway-url http://127.0.0.1:4000
    """
    from llmhub.export import ExportOptions, export_litellm_proxy, write_exports
    from llmhub.paths import default_runtime_path

    options = ExportOptions(
        config=config or default_runtime_path(),
        out=out,
        layout=layout,
        runtime_out=runtime_out,
        gateway_url=gateway_url,
        gateway_key_env=gateway_key_env,
    )
    result = export_litellm_proxy(options)
    if check:
        diffs = [f.diff() for f in result.files]
        for f, diff in zip(result.files, diffs, strict=True):
            typer.echo(diff or f"{f.path} is up to date", nl=not diff)
        if any(diffs):
            raise typer.Exit(1)
        return
    written = write_exports(result, force=force)
    for f in result.files:
        if f.path in written:
            detail = (
                f" ({result.groups} groups, {result.deployments} deployments)"
                if f.kind == "proxy config"
                else ""
            )
            typer.echo(f"wrote {f.path}: {f.kind}{detail}")
        else:
            typer.echo(f"{f.path} is up to date")
