"""Which environment variables a spec or runtime file needs, and which are set.

Only variable *names* ever leave this module: values are checked for presence and dropped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from llmhub.errors import InputError, SpecError
from llmhub.fsutil import atomic_write_text, guard_target, read_previous_bytes

if TYPE_CHECKING:
    from llmhub.yamlio import YamlDocument

__all__ = [
    "EnvRequirement",
    "EnvStatus",
    "check_env",
    "env_example_text",
    "read_env_file",
    "requirements_from_file",
    "sync_env_example",
]


@dataclass(frozen=True)
class EnvRequirement:
    """A provider and the variable that must hold its API key."""

    provider: str
    env_key: str


@dataclass(frozen=True)
class EnvStatus:
    """Whether one required variable is set, and where it was found."""

    provider: str
    env_key: str
    is_set: bool
    found_in: str | None


def requirements_from_file(path: str | Path) -> list[EnvRequirement]:
    """The variables named by a spec (enabled providers) or a runtime file (used providers).

    A spec is read with ``llmhub.spec.load_spec``, so a broken spec fails here exactly as it
    does in ``llmhub generate`` (``file:line:col``, did-you-mean). A file whose roles name a
    ``provider`` is a runtime file and only its ``providers`` block is read.
    """
    from llmhub.yamlio import read_yaml

    doc = read_yaml(path, SpecError)
    data = doc.data
    if not isinstance(data, dict):
        raise SpecError("the top level must be a mapping", path=doc.path, line=1, column=1)
    if not _is_runtime_file(data):
        from llmhub.spec.loader import load_spec

        spec = load_spec(path)
        found = {
            settings.env_key: EnvRequirement(str(name), settings.env_key)
            for name, settings in spec.providers.items()
            if settings.enabled and settings.env_key
        }
        return sorted(found.values(), key=lambda r: (r.env_key, r.provider))
    return _runtime_requirements(doc)


def _is_runtime_file(data: dict) -> bool:
    roles = data.get("roles")
    return isinstance(roles, dict) and any(
        isinstance(r, dict) and "provider" in r for r in roles.values()
    )


def _runtime_requirements(doc: YamlDocument) -> list[EnvRequirement]:
    data = doc.data
    providers = data.get("providers") or {}
    if not isinstance(providers, dict):
        line, column = doc.where(("providers",))
        raise SpecError(
            "`providers` must be a mapping of provider name to settings",
            path=doc.path,
            line=line,
            column=column,
            field="providers",
        )
    found: dict[str, EnvRequirement] = {}
    for name, settings in providers.items():
        settings = settings or {}
        if not isinstance(settings, dict):
            line, column = doc.where(("providers", name))
            raise SpecError(
                "provider settings must be a mapping",
                path=doc.path,
                line=line,
                column=column,
                field=f"providers.{name}",
                fix="write `env_key: NAME_OF_VARIABLE` under it",
            )
        if settings.get("enabled", True) is False:
            continue
        key = settings.get("env_key")
        if key is None:
            continue
        from llmhub.strict import env_name_problem  # pydantic: only for a runtime file

        problem = env_name_problem(key)
        if problem is not None:
            # The value is never shown: a key pasted where its variable's name belongs.
            message, _, fix = problem.partition(": ")
            line, column = doc.where(("providers", name, "env_key"))
            raise SpecError(
                message,
                path=doc.path,
                line=line,
                column=column,
                field=f"providers.{name}.env_key",
                fix=fix,
            )
        found[key] = EnvRequirement(str(name), key)
    return sorted(found.values(), key=lambda r: (r.env_key, r.provider))


def read_env_file(path: str | Path) -> dict[str, str]:
    """Parse a ``.env`` file with python-dotenv; a line it cannot parse is an ``InputError``."""
    from llmhub.envfile import read_env_values

    return read_env_values(path)


def check_env(
    requirements: Iterable[EnvRequirement],
    env_file: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[EnvStatus]:
    """Whether each required variable is set in the environment or in the ``.env`` values."""
    environ = os.environ if environ is None else environ
    env_file = env_file or {}
    out = []
    for req in requirements:
        if environ.get(req.env_key):
            out.append(EnvStatus(req.provider, req.env_key, True, "environment"))
        elif env_file.get(req.env_key):
            out.append(EnvStatus(req.provider, req.env_key, True, ".env file"))
        else:
            out.append(EnvStatus(req.provider, req.env_key, False, None))
    return out


def env_example_text(requirements: Iterable[EnvRequirement], existing: str = "") -> str:
    """``.env.example`` content: ``existing`` kept as it is, plus a ``NAME=`` line per new name."""
    present = _names_in(existing)
    lines = [] if not existing else [existing.rstrip("\n")]
    if not existing:
        lines.append(
            "# API keys llmhub's providers need. Copy to .env and fill in; never commit .env."
        )
    for req in requirements:
        if req.env_key not in present:
            lines.append(f"{req.env_key}=")
            present.add(req.env_key)
    return "\n".join(lines) + "\n"


def sync_env_example(requirements: Iterable[EnvRequirement], out: str | Path) -> list[str]:
    """Add missing names to ``out`` (created if absent); returns the names added. Never values."""
    # A device or FIFO is refused before it is read (/dev/zero would fill memory, a FIFO block).
    path = guard_target(out, force=True)
    data = read_previous_bytes(path, field="out", fix="pass a .env.example text file")
    try:
        existing = data.decode("utf-8") if data is not None else ""
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=path, fix="pass a .env.example text file") from None
    requirements = list(requirements)
    text = env_example_text(requirements, existing)
    if text != existing:
        atomic_write_text(path, text)
    present = _names_in(existing)
    return sorted({r.env_key for r in requirements} - present)


def _names_in(text: str) -> set[str]:
    from llmhub.strict import env_name_problem

    names = set()
    for raw in text.splitlines():
        name = raw.strip().removeprefix("export ").partition("=")[0].strip()
        if env_name_problem(name) is None:
            names.add(name)
    return names
