"""Helpers shared by the tests: run the real CLI (in a subprocess or in-process), build a catalog.

Import them from here (``from tests.helpers import run_cli``); fixtures live in tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import subprocess
import sys
import traceback
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).resolve().parent / "assets"

# What every CLI run sees, in a subprocess or in-process: no colour, no terminal width surprises.
_CLI_ENV = {"NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb", "PYTHONWARNINGS": "ignore"}
# Builds count this day as today (cost-map retirement dates: pipeline.sqlfiles.build_date), so
# the tests' picks on the bundled data do not change as the calendar passes a retirement.
AS_OF = "2026-12-03"
os.environ.setdefault("LLMHUB_AS_OF", AS_OF)
_CLI_ENV["LLMHUB_AS_OF"] = os.environ["LLMHUB_AS_OF"]


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a CLI run: this one without ``LLMHUB_*``, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMHUB_")}
    env.update(_CLI_ENV)
    # The subprocess must import the checkout under test, whatever is installed elsewhere.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env.update(extra)
    return env


def run_cli(
    *args: str,
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m llmhub ARGS`` in a real subprocess and return the completed process.

    Use it for what needs a process of its own: exit codes and signals of the real process,
    import cost, environment isolation, end-to-end smoke tests. Otherwise use ``invoke_cli``.
    """
    return subprocess.run(
        [sys.executable, "-m", "llmhub", *args],
        cwd=cwd,
        env=env or cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@dataclass(frozen=True)
class Ran:
    """What a CLI run left behind; the fields ``subprocess.CompletedProcess`` has."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def invoke_cli(
    *args: str,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
) -> Ran:
    """Run ``llmhub ARGS`` in this process, through the console script's own entry point.

    The same code path as ``run_cli`` (``llmhub.cli.main.run``: one-line errors, exit codes)
    without paying a new interpreter's imports. typer's ``CliRunner`` captures the streams;
    ``cwd`` and ``env`` (a whole environment, as ``cli_env`` returns) are set for the run and
    put back after it, and so are the CLI's global options and the root logger's handlers.
    Like the subprocess (``PYTHONWARNINGS=ignore``), warnings are not errors inside the run.
    """
    from typer.testing import CliRunner

    from llmhub.cli._output import STATE
    from llmhub.cli.main import run

    runner = CliRunner()
    code = 0
    with (
        _environment(env if env is not None else cli_env()),
        _working_dir(cwd),
        _kept_logging(),
        warnings.catch_warnings(),
        runner.isolation(input=input) as (out, err, _),
    ):
        warnings.simplefilter("ignore")
        STATE.update(debug=False, quiet=False)
        try:
            run(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except Exception:  # a bug: the traceback the real process would print, exit 1
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            STATE.update(debug=False, quiet=False)
        stdout, stderr = out.getvalue().decode(), err.getvalue().decode("utf-8", "replace")
    return Ran(args, code, stdout.replace("\r\n", "\n"), stderr.replace("\r\n", "\n"))


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _working_dir(cwd: Path | str | None) -> Iterator[None]:
    saved = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved)


@contextlib.contextmanager
def _kept_logging() -> Iterator[None]:
    """``llmhub -v`` calls ``logging.basicConfig``; its handler must not outlive the run."""
    root, llmhub_log = logging.getLogger(), logging.getLogger("llmhub")
    handlers, levels = list(root.handlers), (root.level, llmhub_log.level)
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(levels[0])
        llmhub_log.setLevel(levels[1])


def one_error_line(proc: subprocess.CompletedProcess[str] | Ran) -> str:
    """The one ``error: ...`` line a failed command printed, with no traceback."""
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: "), proc.stderr
    return lines[0]


def build_snapshot_catalog(path: Path) -> Path:
    """Build a real catalog at ``path`` from the bundled snapshots (no network), the way
    ``llmhub catalog refresh --source snapshot`` does: tested, with history, published atomically."""
    from llmhub.catalog import refresh_catalog

    refresh_catalog(path, source="snapshot", force=True)
    return path


def file_sha256(path: Path) -> str:
    """Hash of a file's bytes, to prove a file was left untouched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def at_call(
    row: Mapping[str, object], figure: float | None, *, writes_effort: bool
) -> float | None:
    """A `models` row's quality ``figure`` at the effort its call runs at (docs/picking.md).

    The call sets the effort the figure was measured at only for a role that writes efforts, a
    reasoning model with a writable measured effort, on a provider whose litellm route takes
    it; any other call runs at the lab's default, ``quality_default_offset`` points away.
    """
    from llmhub.generator.query import EFFORT_PROVIDERS

    if figure is None:
        return None
    at_effort = (
        writes_effort
        and bool(row["supports_reasoning"])
        and row["quality_effort"] is not None
        and row["litellm_provider"] in EFFORT_PROVIDERS
    )
    offset = row["quality_default_offset"]
    return figure if at_effort or offset is None else figure + float(offset)  # type: ignore[arg-type]


def reachable_leaks(root: Any, needle: str, depth: int = 6) -> list[str]:
    """Paths from ``root`` to a string holding ``needle``, walking ``__cause__``,
    ``__context__``, args, attributes (``vars()`` and slots), mappings and sequences."""
    found: list[str] = []
    seen: set[int] = set()

    def walk(obj: Any, path: str, left: int) -> None:
        if isinstance(obj, (bytes, bytearray)):
            obj = bytes(obj).decode("utf-8", "replace")
        if isinstance(obj, str):
            if needle in obj:
                found.append(path)
            return
        if left < 0 or obj is None or isinstance(obj, (int, float, bool)) or id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, dict):
            for k, v in list(obj.items()):
                walk(k, f"{path}.key", left - 1)
                walk(v, f"{path}[{k!r}]", left - 1)
            return
        if isinstance(obj, (list, tuple, set, frozenset)):
            for i, v in enumerate(list(obj)[:50]):
                walk(v, f"{path}[{i}]", left - 1)
            return
        if isinstance(obj, BaseException):
            walk(obj.__cause__, f"{path}.__cause__", left - 1)
            walk(obj.__context__, f"{path}.__context__", left - 1)
            walk(obj.args, f"{path}.args", left - 1)
            walk(str(obj), f"str({path})", left - 1)
        try:
            attrs = dict(vars(obj))
        except TypeError:
            attrs = {}
        for cls in type(obj).__mro__:
            for slot in getattr(cls, "__slots__", ()) or ():
                if isinstance(slot, str) and hasattr(obj, slot):
                    attrs.setdefault(slot, getattr(obj, slot, None))
        for name, value in attrs.items():
            walk(value, f"{path}.{name}", left - 1)
        if not isinstance(obj, type):
            with contextlib.suppress(Exception):
                walk(repr(obj), f"repr({path})", left - 1)

    walk(root, "root", depth)
    return found
