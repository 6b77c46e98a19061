"""Root of the ``llmhub`` command: global options, command groups, and error handling."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
import typer.core

try:  # typer vendors click in recent releases; older ones use click itself
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - depends on the installed typer
    from click.exceptions import ClickException, UsageError

from llmhub import __version__
from llmhub.cli import (
    catalog_cmd,
    doctor_cmd,
    env_cmd,
    export_cmd,
    generate_cmd,
    init_cmd,
    runtime_cmd,
    spec_cmd,
    test_cmd,
)

_state = {"debug": False}


class _Group(typer.core.TyperGroup):
    """Turns llmhub's own errors into one line per problem and an exit code, no traceback."""

    def invoke(self, ctx: Any) -> Any:
        from llmhub.errors import LLMHubError

        try:
            return super().invoke(ctx)
        except LLMHubError as exc:
            if _state["debug"]:
                raise
            for line in str(exc).splitlines() or [type(exc).__name__]:
                typer.echo(f"error: {line}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            # A path the user gave that cannot be read or written (a folder, a missing parent,
            # no permission) is bad input, not a bug; an OSError without a path still is one.
            if _state["debug"] or exc.filename is None:
                raise
            reason = exc.strerror or type(exc).__name__
            typer.echo(
                f"error: {exc.filename}: {reason} — pass a path to a file in a folder you can write",
                err=True,
            )
            raise typer.Exit(2) from None


app = typer.Typer(
    name="llmhub",
    cls=_Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help=(
        "Pick the right LLM for each job in your code, from a catalog of prices, limits and "
        "arena scores.\n\nExample: llmhub init && llmhub generate --explain"
    ),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"llmhub {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show full tracebacks for llmhub errors.")
    ] = False,
) -> None:
    """Pick the right LLM for each job. Example: llmhub doctor --no-network"""
    _state["debug"] = debug


init_cmd.register(app)
app.add_typer(env_cmd.app, name="env")
doctor_cmd.register(app)
test_cmd.register(app)
app.add_typer(catalog_cmd.app, name="catalog")
app.add_typer(spec_cmd.app, name="spec")
generate_cmd.register(app)
app.add_typer(runtime_cmd.app, name="runtime")
app.add_typer(export_cmd.app, name="export")


def run(argv: list[str] | None = None) -> None:
    """Console-script entry point: one-line usage errors, exit 2; no traceback for llmhub errors."""
    try:
        code = app(args=argv, prog_name="llmhub", standalone_mode=False)
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a bare group: show its help
            typer.echo(exc.format_message())
            sys.exit(0)
        where = exc.ctx.command_path if exc.ctx else "llmhub"
        message = exc.format_message().rstrip(".")
        typer.echo(f"error: {where}: {message} — see `{where} --help`", err=True)
        sys.exit(exc.exit_code)
    except ClickException as exc:
        typer.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    run()
