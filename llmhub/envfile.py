"""Find and read the ``.env`` file that holds the API keys (python-dotenv).

Which file: the one ``--env-file`` names, else ``$LLMHUB_ENV_FILE``, else a ``.env`` beside the
runtime file (or the spec). The process environment always wins over the file: a variable that is
already set is never replaced. Values are handed to ``os.environ`` or compared for presence; they
are never printed, logged or put in an error message.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from llmhub.errors import InputError
from llmhub.fsutil import read_previous_bytes, regular_file

__all__ = ["ENV_FILE_ENV", "LoadedEnv", "find_env_file", "load_env_file", "read_env_values"]

ENV_FILE_ENV = "LLMHUB_ENV_FILE"


@dataclass(frozen=True)
class LoadedEnv:
    """Which ``.env`` was read, and the *names* it set (never the values)."""

    path: Path | None
    names: list[str] = field(default_factory=list)
    shadowed: list[str] = field(default_factory=list)


def find_env_file(
    near: str | Path | None = None, explicit: str | Path | None = None
) -> Path | None:
    """The ``.env`` to read: ``explicit``, else ``$LLMHUB_ENV_FILE``, else ``.env`` beside ``near``.

    ``near`` is the runtime file or spec (a folder is taken as it is); without it, the current
    folder. A file the user named must exist; the default one is optional.

    Raises:
        InputError: ``explicit`` or ``$LLMHUB_ENV_FILE`` names a file that does not exist, or
            something that is not a regular file (a folder, ``/dev/zero``, a FIFO).
    """
    named, how = (explicit, "--env-file") if explicit else (os.environ.get(ENV_FILE_ENV), None)
    if named:
        path = Path(named)
        fix = f"check the {how} path" if how else f"check ${ENV_FILE_ENV}, or unset it"
        if not regular_file(path, field=how.lstrip("-") if how else ENV_FILE_ENV, fix=fix):
            raise InputError("env file not found", path=path, fix=fix)
        return path
    if near is None:
        folder = Path.cwd()
    else:
        near = Path(near)
        folder = near if near.is_dir() else near.parent
    candidate = folder / ".env"
    return candidate if candidate.is_file() else None


def read_env_values(path: str | Path) -> dict[str, str]:
    """The ``KEY=value`` pairs of a ``.env`` file (python-dotenv's syntax).

    Raises:
        InputError: a line python-dotenv cannot parse, or whose name is not a variable name
            (``1BAD=…``; with its line number), or an unreadable file.
    """
    # python-dotenv is small and pure Python, but only commands that need keys should load it.
    from dotenv import dotenv_values
    from dotenv.parser import parse_stream

    p = Path(path)
    try:
        # A device or FIFO is refused before it is opened (a FIFO would block forever).
        data = read_previous_bytes(p, field="env-file", fix="pass the path of a .env file")
    except OSError as exc:
        raise InputError(f"cannot read file: {type(exc).__name__}", path=p) from None
    if data is None:
        raise InputError("env file not found", path=p, fix="check the --env-file path")
    try:
        # utf-8-sig: an editor's byte-order mark would otherwise hide the first key
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            "not UTF-8 text", path=p, line=line, fix="save the file as UTF-8"
        ) from None

    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            raise InputError(
                "expected KEY=value",
                path=p,
                line=binding.original.line,
                fix="write one assignment per line; comments start with #",
            )
        if "\x00" in binding.original.string:
            # the OS refuses it in an environment variable (ValueError: embedded null byte)
            raise InputError(
                "a NUL character cannot be part of an environment variable",
                path=p,
                line=binding.original.line,
                fix="remove it from the line",
            )
        problem = _name_problem(binding.key) if binding.key is not None else None
        if problem is not None:
            # `1BAD=…` was set as a variable no env_key can name, so the key was silently
            # unused. Neither the name nor the value is shown: a pasted key may be either.
            raise InputError(
                problem,
                path=p,
                line=binding.original.line,
                fix="write NAME=value, e.g. OPENAI_API_KEY=…",
            )
    values = dotenv_values(stream=io.StringIO(text), interpolate=False)
    return {k: v for k, v in values.items() if v is not None}


def _name_problem(name: str) -> str | None:
    """What is wrong with the name a ``.env`` line sets (None when an env_key can name it)."""
    # The env_key rule (llmhub.strict), so every name the file sets is one an env_key can name.
    from llmhub.strict import env_name_problem  # pydantic: only once a .env file is read

    problem = env_name_problem(name)
    if problem is None:
        return None
    if problem.startswith("looks like an API key"):
        return "the line starts with what looks like an API key, not a variable name"
    return (
        "the line does not start with an environment variable name (letters, digits and _, "
        "not starting with a digit)"
    )


def load_env_file(near: str | Path | None = None, explicit: str | Path | None = None) -> LoadedEnv:
    """Put the ``.env`` values into ``os.environ`` where the variable is not already set.

    Returns which file was read and the names it set; ``shadowed`` lists the names the file
    also holds but the process environment already had (the environment wins).
    """
    path = find_env_file(near, explicit)
    if path is None:
        return LoadedEnv(None)
    names, shadowed = [], []
    for name, value in read_env_values(path).items():
        if os.environ.get(name):
            shadowed.append(name)
        elif value:
            os.environ[name] = value
            names.append(name)
    return LoadedEnv(path, sorted(names), sorted(shadowed))
