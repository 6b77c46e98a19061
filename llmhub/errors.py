"""Every error llmhub raises on purpose.

    LLMHubError                      root; ``exit_code`` 1 unless a branch says otherwise
    ├── InputError                   bad input a user can fix (exit 2): path, line, column, field, fix
    │   ├── SpecError                llmhub.spec.yaml is unreadable or invalid
    │   ├── ConfigError              llmhub.yaml (runtime file) is unreadable or invalid
    │   │   └── UnknownProviderError a role names a provider the runtime file does not declare
    │   ├── UnknownRoleError         no role of that name (lists the roles, suggests the closest)
    │   ├── RoleModeError            a call that does not fit the role's mode (embedding on chat)
    │   └── EnvVarMissingError       a provider's ``env_key`` is not set
    ├── CatalogError                 the catalog cannot be built, read or found: source
    │   ├── CatalogNotFoundError     no catalog file where llmhub looks (exit 2): path
    │   ├── SourceFetchError         a live fetch failed after its retries
    │   └── DataQualityError         a source payload or a built catalog failed validation
    ├── SelectionError               no model satisfies a role, even after relaxing: role
    └── ProviderCallError            a model call failed
        └── AllAttemptsFailedError   the primary and every fallback failed: attempts

The CLI catches ``LLMHubError`` only, prints ``str(error)`` (one line per problem, in the form
``path:line:col: field: what is wrong — how to fix``) and exits with ``error.exit_code``.
Anything else keeps its traceback: a bug should look like a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llmhub.text import printable, shorten, shorten_path

__all__ = [
    "AllAttemptsFailedError",
    "Attempt",
    "CatalogError",
    "CatalogNotFoundError",
    "ConfigError",
    "DataQualityError",
    "EnvVarMissingError",
    "InputError",
    "LLMHubError",
    "Problem",
    "ProviderCallError",
    "RoleModeError",
    "SelectionError",
    "SourceFetchError",
    "SpecError",
    "UnknownProviderError",
    "UnknownRoleError",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we know."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    fix: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path:
            # A path no system can open (over PATH_MAX) is still echoed; its ends say which.
            where = shorten_path(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        fix = f" — {self.fix}" if self.fix else ""
        return printable(f"{where}{field}{self.message}{fix}", keep_newlines=False)


class LLMHubError(Exception):
    """Root of every error llmhub raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return printable(f"{self.message} — {self.fix}" if self.fix else self.message)


class InputError(LLMHubError):
    """Bad input the user can fix: a file, a flag or a name. Carries every problem found."""

    exit_code = 2
    # What to suggest when the file does not exist at all.
    missing_fix = "check the path"

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        fix: str | None = None,
        problems: Sequence[Problem] | None = None,
    ) -> None:
        super().__init__(message, fix=fix)
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.field = field
        if problems:
            self.problems = list(problems)
        else:
            self.problems = [Problem(message, self.path, line, column, field, fix)]

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class SpecError(InputError):
    """``llmhub.spec.yaml`` cannot be read or does not validate."""

    missing_fix = "check the path, or run `llmhub init` to write a starter spec"


class ConfigError(InputError):
    """The runtime file (``llmhub.yaml``) cannot be read or does not validate."""

    missing_fix = "check the path, or run `llmhub generate` to write it from the spec"


class UnknownProviderError(ConfigError):
    """A role names a provider that the runtime file does not declare."""

    def __init__(self, message: str, *, provider: str, role: str | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.provider = provider
        self.role = role


class UnknownRoleError(InputError):
    """No role of that name; ``known`` lists the roles and ``suggestion`` the closest one."""

    def __init__(self, role: str, known: Sequence[str], *, path: str | None = None) -> None:
        import difflib

        self.role = role
        self.known = sorted(known)
        close = difflib.get_close_matches(role, self.known, n=1)
        self.suggestion = close[0] if close else None
        hint = f"did you mean {self.suggestion!r}? " if self.suggestion else ""
        listing = ", ".join(self.known) if self.known else "none"
        super().__init__(
            f"unknown role {shorten(role)!r}",
            path=path,
            field="role",
            fix=f"{hint}known roles: {listing}",
        )


class RoleModeError(InputError):
    """A call that does not fit the role's mode, such as ``embedding`` on a chat role."""

    def __init__(self, role: str, mode: str, call: str, *, path: str | None = None) -> None:
        self.role = role
        self.mode = mode
        self.call = call
        right = "embedding()/aembedding()" if mode == "embedding" else "completion()/acompletion()"
        super().__init__(
            f"role {role!r} has mode {mode!r}; {call}() does not fit it",
            path=path,
            field="mode",
            fix=f"call {right} for this role, or pick a role whose mode fits {call}()",
        )


class EnvVarMissingError(InputError):
    """A provider's API-key variable is not set in the environment."""

    def __init__(self, env_keys: Sequence[str], *, providers: Sequence[str] = ()) -> None:
        self.env_keys = list(env_keys)
        self.providers = list(providers)
        names = ", ".join(self.env_keys)
        super().__init__(
            f"environment variable(s) not set: {names}",
            field="env_key",
            fix="export them, or put them in a .env file (see `llmhub env check`)",
        )


class CatalogError(LLMHubError):
    """The catalog cannot be built, read or found."""

    def __init__(self, message: str, *, source: str | None = None, fix: str | None = None) -> None:
        super().__init__(message, fix=fix)
        self.source = source


class CatalogNotFoundError(CatalogError):
    """There is no catalog file where llmhub looks: a fixable input problem (exit 2)."""

    exit_code = 2

    def __init__(self, path: str | Path) -> None:
        super().__init__(
            f"no catalog at {path}",
            fix="build it with `llmhub catalog refresh` (or point --db / LLMHUB_CATALOG at one)",
        )
        self.path = str(path)


class SourceFetchError(CatalogError):
    """A live fetch failed after its retries."""

    def __init__(
        self, message: str, *, source: str, url: str | None = None, fix: str | None = None
    ) -> None:
        super().__init__(message, source=source, fix=fix)
        self.url = url


class DataQualityError(CatalogError):
    """A source payload or a freshly built catalog failed validation (numbers in the message)."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        field: str | None = None,
        failures: Sequence[str] = (),
        fix: str | None = None,
    ) -> None:
        super().__init__(message, source=source, fix=fix)
        self.field = field
        self.failures = list(failures)


class SelectionError(LLMHubError):
    """No model satisfies a role, even after the documented relaxations."""

    def __init__(
        self, message: str, *, role: str, constraint: str | None = None, fix: str | None = None
    ) -> None:
        super().__init__(message, fix=fix)
        self.role = role
        self.constraint = constraint


class ProviderCallError(LLMHubError):
    """A model call failed."""


@dataclass(frozen=True)
class Attempt:
    """One try at a call: which model, and how it failed."""

    provider: str
    model: str
    error_class: str
    message: str

    def __str__(self) -> str:
        return f"{self.provider}/{self.model}: {self.error_class}: {self.message}"


class AllAttemptsFailedError(ProviderCallError):
    """The primary model and every fallback failed; ``attempts`` lists each try in order."""

    def __init__(self, role: str, attempts: Sequence[Attempt]) -> None:
        self.role = role
        self.attempts = list(attempts)
        detail = "; ".join(str(a) for a in self.attempts)
        super().__init__(
            f"role {role!r}: all {len(self.attempts)} attempt(s) failed: {detail}",
            fix="check the provider status and keys, or add fallbacks to the role",
        )
