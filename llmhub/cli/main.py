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
from llmhub.cli._output import STATE as _state
from llmhub.text import printable, shorten, shorten_path

_OS_FIXES = {
    errno.ENOSPC: "free space on that disk and run it again; the previous file is unchanged",
    errno.EROFS: "the file system is read-only; choose a writable path",
}


# Every subcommand and the module that defines it, in the order `llmhub --help` lists them
# (commands, then groups). A run imports and builds only the command it runs; help builds all.
_COMMANDS = {
    "init": "init_cmd",
    "status": "status_cmd",
    "doctor": "doctor_cmd",
    "path": "doctor_cmd",
    "test": "test_cmd",
    "generate": "generate_cmd",
    "roles": "generate_cmd",
    "explain": "generate_cmd",
    "plot": "plot_cmd",
}
_GROUPS = {
    "env": "env_cmd",
    "catalog": "catalog_cmd",
    "spec": "spec_cmd",
    "runtime": "runtime_cmd",
    "export": "export_cmd",
}


def _build_command(name: str) -> Any:
    """The click command ``name``, built as typer builds the commands of ``app``."""
    import importlib

    import typer.main

    module: Any = importlib.import_module(f"llmhub.cli.{_COMMANDS.get(name) or _GROUPS[name]}")
    holder = typer.Typer()
    if name in _GROUPS:
        holder.add_typer(module.app, name=name)
        return typer.main.get_group_from_info(
            holder.registered_groups[0],
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
            suggest_commands=app.suggest_commands,
        )
    module.register(holder)
    info = next(c for c in holder.registered_commands if c.name == name)
    return typer.main.get_command_from_info(
        info,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )


class _LazyCommands(dict[str, Any]):
    """The root's subcommands: every name is listed, each command is built on first lookup."""

    def __init__(self) -> None:
        super().__init__(dict.fromkeys([*_COMMANDS, *_GROUPS]))

    def __getitem__(self, name: str) -> Any:
        command = super().__getitem__(name)
        if command is None:
            command = _build_command(name)
            super().__setitem__(name, command)
        return command

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def items(self) -> Any:
        return [(name, self[name]) for name in self]

    def values(self) -> Any:
        return [self[name] for name in self]


class _Group(typer.core.TyperGroup):
    """Turns llmhub's own errors into one line per problem and an exit code, no traceback."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The app registers no command itself (see _COMMANDS): they are built when looked up.
        self.commands = _LazyCommands()

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

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
            shown = shorten_path(str(exc.filename))
            typer.echo(printable(f"error: {shown}: {reason} — {fix}"), err=True)
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
    from llmhub.catalog.integrity import read_failure
    from llmhub.catalog.reader import last_opened_catalog

    return read_failure(exc, last_opened_catalog())


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
        from llmhub.cli import status_cmd
        from llmhub.status import project_status

        status_cmd.print_status(project_status())
        status_cmd.print_common_commands()


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
    return (
        f"`{names[0]}` must be one of: {', '.join(choices)} (got {shorten(match.group('got'))!r})"
    )


# Whether a Ctrl-C arrived during this run. DuckDB turns one that lands inside a query into its
# own error, and the next statement of that transaction into another ("Current transaction is
# aborted"); with this flag set, whichever error surfaces is reported as the interrupt it is.
_sigint = {"seen": False, "done": False}


def _on_sigint(signum: int, frame: Any) -> None:
    if _sigint["done"]:
        return  # the work is over: a Ctrl-C now has nothing to stop
    _sigint["seen"] = True
    raise KeyboardInterrupt


def run(argv: list[str] | None = None, *, exiting: bool = False) -> None:
    """Run the CLI: one-line usage errors, exit 2; no traceback for llmhub errors.

    ``exiting``: the process ends after this (the ``llmhub`` command), so a Ctrl-C that lands
    once the work is done is ignored rather than printed by the interpreter's shutdown.
    """
    import signal
    import threading

    _sigint["seen"] = False
    _sigint["done"] = False
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
        _sigint["done"] = True
        if previous is not None:
            signal.signal(signal.SIGINT, signal.SIG_IGN if exiting else previous)


def main() -> None:
    """The ``llmhub`` command: ``run()``, in a process that ends after it. A Ctrl-C that lands
    once the work is done is ignored: Python would print it as an exception ignored in
    threading's shutdown, a traceback after a finished refresh."""
    run(exiting=True)


def _run(argv: list[str] | None) -> None:
    try:
        code = app(args=argv, prog_name="llmhub", standalone_mode=False)
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a bare group: show its help
            typer.echo(exc.format_message())
            sys.exit(0)
        where = exc.ctx.command_path if exc.ctx else "llmhub"
        # click quotes the word it did not know (a command, an option, an extra argument):
        # a 100 KB word must not come back whole
        message = _choice_message(exc) or shorten(exc.format_message().rstrip("."), 200)
        typer.echo(f"error: {where}: {message} — see `{where} --help`", err=True)
        sys.exit(exc.exit_code)
    except ClickException as exc:
        typer.echo(f"error: {shorten(exc.format_message(), 200)}", err=True)
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
