"""Compatibility module ``llmhub_cli.spec``: loading, saving and validating the spec file.

``validate_spec`` keeps the original's contract: it takes a path, a ``SpecConfig`` or a dict,
never raises for a bad spec, and reports ``errors``/``warnings`` as strings. The structured
``llmhub.errors.Problem`` objects behind them stay available as ``problems`` and
``warning_problems``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llmhub.errors import Problem, SpecError
from llmhub.spec.loader import load_spec
from llmhub.spec.models import SpecConfig
from llmhub.spec.writer import save_spec

__all__ = [
    "SpecConfig",
    "SpecError",
    "ValidationResult",
    "load_spec",
    "save_spec",
    "validate_spec",
]


@dataclass(frozen=True)
class ValidationResult:
    """What ``validate_spec`` found; ``valid`` is False when ``errors`` is not empty.

    Attributes:
        valid: no errors.
        errors: one line per error, ``file:line:col: field: what — fix``.
        warnings: the same for problems that do not stop generation.
        problems: the errors as ``Problem`` objects (path, line, column, field, fix).
        warning_problems: the warnings as ``Problem`` objects.
        spec: the validated spec, when it loaded.
    """

    valid: bool
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warning_problems: list[Problem] = field(default_factory=list)
    spec: SpecConfig | None = None


def validate_spec(
    spec: str | Path | SpecConfig | Mapping[str, Any], db_path: str | Path | None = None
) -> ValidationResult:
    """Check a spec (a path, a ``SpecConfig`` or a dict) without raising.

    Anything else is reported as an ``invalid spec type`` error, as in the original.
    """
    from llmhub.spec.loader import validate_spec as check

    if not isinstance(spec, (str, os.PathLike, SpecConfig, Mapping)):
        message = f"invalid spec type: {type(spec).__name__} (give a path, a SpecConfig or a dict)"
        return ValidationResult(False, [message], [], [Problem(message)], [])
    found = check(spec, db_path)
    return ValidationResult(
        found.valid,
        [str(p) for p in found.errors],
        [str(p) for p in found.warnings],
        list(found.errors),
        list(found.warnings),
        found.spec,
    )
