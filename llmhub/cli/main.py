"""Root of the ``llmhub`` command: global options, command groups, and error handling."""

from __future__ import annotations

import errno
import re
import sys
from typing import Annotated, Any

import typer
import typer.core

try:  # typer vendors click in recent releases; older ones use click itself
    from typer._click.exceptions import BadParameter, ClickException, UsageError
except ImportError:  # pragma: no cover - depends on the installed typer
    # mypy sees the vendored classes above; these are their originals in an older typer.
    from click.exceptions import BadParameter, ClickException, UsageError  # type: ignore[assignment]

from llmhub import __version__
from llmhub.cli import (
    catalog_cmd,
    doctor_cmd,
    env_cmd,
    export_cmd,
    generate_cmd,
    init_cmd,
    plot_cmd,
    runtime_cmd,
    spec_cmd,
    status_cmd,
    test_cmd,
)
from llmhub.cli._output import STATE as _state
from llmhub.text import printable

_OS_FIXES = {
    errno.ENOSPC: "free space on that disk and run it again; the previous file is unchanged",
    errno.EROFS: "the file system is read-only; choose a writable path",
}


class _Group(typer.core.TyperGroup):
    """Turns llmhub's own errors into one line per problem and an exit code, no traceback."""

    def invoke(self, ctx: Any) -> Any:
        from llmhub.errors import LLMHubError

        try:
            return super().invoke(ctx)
        except LLMHubError as exc:
            if _state["debug"]:
                raise
            _print_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _interrupted()
        except OSError as exc:
            # A path the user gave that cannot be read or written (a folder, a missing parent,
            # no permission) is bad input, not a bug; an OSError without a path still is one.
            if _state["debug"] or exc.filename is None:
                raise
            reason = exc.strerror or type(exc).__name__
            fix = _OS_FIXES.get(exc.errno or 0, "pass a path to a file in a folder you can write")
            typer.echo(printable(f"error: {exc.filename}: {reason} — {fix}"), err=True)
            raise typer.Exit(2) from None
        except Exception as exc:
            if _sigint["seen"] or _is_duckdb_interrupt(exc):  # DuckDB saw the Ctrl-C first
                _interrupted()
            error = _catalog_failure(exc)
            if error is None or _state["debug"]:
                raise
            _print_error(error)
            raise typer.Exit(error.exit_code) from None


def _interrupted() -> None:
    """Ctrl-C: one line, exit 130 at once. ``os._exit``, because a worker thread may still be
    inside DuckDB or an HTTP read, and waiting for it is what made Ctrl-C feel ignored."""
    import os

    typer.echo("error: interrupted", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


def _print_error(exc: BaseException) -> None:
    for line in str(exc).splitlines() or [type(exc).__name__]:
        typer.echo(f"error: {printable(line)}", err=True)


def _catalog_failure(exc: Exception) -> Any:
    """A DuckDB error that escaped a command: the catalog file is damaged (one-line error)."""
    duckdb = sys.modules.get("duckdb")
    if duckdb is None or not isinstance(exc, duckdb.Error):
        return None
    damage = (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException)
    text = str(exc).lower()
    if not isinstance(exc, damage) and "checksum" not in text and "corrupt" not in text:
        return None  # a query bug stays a bug, with its traceback
    from llmhub.catalog.integrity import corrupt_error
    from llmhub.catalog.reader import last_opened_catalog

    return corrupt_error(last_opened_catalog() or "the catalog", exc)


app = typer.Typer(
    name="llmhub",
    cls=_Group,
    invoke_without_command=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
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
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show full tracebacks for llmhub errors.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "-q", "--quiet", help="Print only results and errors: no warnings, no progress."
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Also print llmhub's log messages (stderr).")
    ] = False,
) -> None:
    """Pick the right LLM for each job. Example: llmhub doctor --no-network"""
    _state["debug"] = debug
    _state["quiet"] = quiet and not verbose
    if verbose:
        import logging

        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("llmhub").setLevel(logging.INFO)
    if ctx.invoked_subcommand is None:  # a bare `llmhub`: the summary, then where to go next
        from llmhub.status import project_status

        status_cmd.print_status(project_status())
        status_cmd.print_common_commands()


init_cmd.register(app)
status_cmd.register(app)
app.add_typer(env_cmd.app, name="env")
doctor_cmd.register(app)
test_cmd.register(app)
app.add_typer(catalog_cmd.app, name="catalog")
app.add_typer(spec_cmd.app, name="spec")
generate_cmd.register(app)
app.add_typer(runtime_cmd.app, name="runtime")
plot_cmd.register(app)
app.add_typer(export_cmd.app, name="export")


_NOT_ONE_OF = re.compile(r"'(?P<got>[^']*)' is not one of (?P<choices>'[^']*'(?:, '[^']*')*)")


def _choice_message(exc: UsageError) -> str | None:
    """ "`--format` must be one of: csv, json, parquet (got 'xml')" for a bad enum value.

    The wording of click and of typer's pydantic coercion differ; both name the value and the
    choices in quotes, which is what this reads.
    """
    param = getattr(exc, "param", None)
    match = _NOT_ONE_OF.search(getattr(exc, "message", "") or "")
    if not isinstance(exc, BadParameter) or param is None or match is None:
        return None
    names = [o for o in getattr(param, "opts", []) if o.startswith("--")] or [str(param.name)]
    choices = sorted(re.findall(r"'([^']*)'", match.group("choices")))
    return f"`{names[0]}` must be one of: {', '.join(choices)} (got {match.group('got')!r})"


# Whether a Ctrl-C arrived during this run. DuckDB turns one that lands inside a query into its
# own error, and the next statement of that transaction into another ("Current transaction is
# aborted"); with this flag set, whichever error surfaces is reported as the interrupt it is.
_sigint = {"seen": False}


def _on_sigint(signum: int, frame: Any) -> None:
    _sigint["seen"] = True
    raise KeyboardInterrupt


def run(argv: list[str] | None = None) -> None:
    """Console-script entry point: one-line usage errors, exit 2; no traceback for llmhub errors."""
    import signal
    import threading

    _sigint["seen"] = False
    previous = None
    # Only where Ctrl-C would raise KeyboardInterrupt anyway: a SIGINT the caller ignores (a
    # background job) or handles itself stays as it is.
    if (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    ):
        previous = signal.signal(signal.SIGINT, _on_sigint)
    try:
        _run(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _run(argv: list[str] | None) -> None:
    try:
        code = app(args=argv, prog_name="llmhub", standalone_mode=False)
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a bare group: show its help
            typer.echo(exc.format_message())
            sys.exit(0)
        where = exc.ctx.command_path if exc.ctx else "llmhub"
        message = _choice_message(exc) or exc.format_message().rstrip(".")
        typer.echo(f"error: {where}: {message} — see `{where} --help`", err=True)
        sys.exit(exc.exit_code)
    except ClickException as exc:
        typer.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except typer.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            _interrupted()
        typer.echo("aborted", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        _interrupted()
    except Exception as exc:
        if _sigint["seen"] or _is_duckdb_interrupt(exc):
            _interrupted()
        raise
    sys.exit(code if isinstance(code, int) else 0)


def _is_duckdb_interrupt(exc: BaseException) -> bool:
    """DuckDB turns a Ctrl-C that lands inside a query into its own exception, not
    KeyboardInterrupt: ``InterruptException``, or ``RuntimeError('Query interrupted')``."""
    if type(exc).__name__ == "InterruptException":
        return True
    return isinstance(exc, RuntimeError) and str(exc).strip() == "Query interrupted"


if __name__ == "__main__":
    run()
