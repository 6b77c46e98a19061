"""Read and check ``llmhub.spec.yaml``: ``load_spec`` raises, ``validate_spec`` reports.

Checks run in three layers, each pointing at ``file:line:col``:
1. YAML (``llmhub.yamlio.read_yaml``: syntax, tabs, duplicate keys, size, binary, alias bombs);
2. shape (the pydantic models in ``llmhub.spec.models``; unknown keys get a did-you-mean);
3. meaning (requirements no model can meet, e.g. an embedding role that must call tools).
Warnings (``validate_spec`` only) need the environment and, when one is given, the catalog.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from llmhub.errors import Problem, SpecError
from llmhub.spec.models import (
    _PROVIDER_NAME,
    _ROLE_NAME,
    InterpreterSpec,
    PreferencesSpec,
    RequirementsSpec,
    RoleKind,
    RoleSpec,
    SpecConfig,
    SpecDefaults,
    SpecProviderConfig,
)
from llmhub.spec.params import unknown_param
from llmhub.spec.providers import allowed_providers
from llmhub.text import shorten
from llmhub.yamlio import YamlDocument, parse_yaml, problems_from_validation, read_yaml

__all__ = [
    "LoadedSpec",
    "ValidationResult",
    "generation_problems",
    "load_spec",
    "parse_spec",
    "spec_hash",
    "validate_spec",
]

_KNOWN_FIELDS: dict[tuple[str | int, ...], list[str]] = {
    (): list(SpecConfig.model_fields),
    ("providers", "*"): list(SpecProviderConfig.model_fields),
    ("roles", "*"): list(RoleSpec.model_fields),
    ("roles", "*", "preferences"): list(PreferencesSpec.model_fields),
    ("roles", "*", "requires"): list(RequirementsSpec.model_fields),
    ("defaults",): list(SpecDefaults.model_fields),
    ("defaults", "preferences"): list(PreferencesSpec.model_fields),
    ("interpreter",): list(InterpreterSpec.model_fields),
}

# Catalog modes have no tool calls, reasoning or JSON output for these kinds.
_TEXT_ONLY_NEEDS = ("tools", "reasoning", "structured_output")


@dataclass(frozen=True)
class ValidationResult:
    """What ``validate_spec`` found: ``valid`` is False when ``errors`` is not empty."""

    valid: bool
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    spec: SpecConfig | None = None


@dataclass(frozen=True)
class LoadedSpec:
    """A validated spec with the document it came from (for locating later problems)."""

    spec: SpecConfig
    doc: YamlDocument


def load_spec(path: str | Path) -> SpecConfig:
    """Read and validate a spec file.

    Raises:
        SpecError: the file cannot be read, is not valid YAML, or does not validate; every
            problem is listed as ``file:line:col: field: what — fix``.
    """
    return load_spec_document(path).spec


def load_spec_document(path: str | Path) -> LoadedSpec:
    """Like ``load_spec``, keeping the YAML positions for later errors (used by the generator)."""
    try:
        doc = read_yaml(path, SpecError)
    except SpecError as exc:
        raise _at_file_start(exc) from None
    return LoadedSpec(_validate(doc), doc)


def _at_file_start(exc: SpecError) -> SpecError:
    # Whole-file problems (empty, binary, too large) have no line of their own: point at 1:1
    # so every spec error reads `file:line:col`.
    if exc.path is None or all(p.line is not None for p in exc.problems):
        return exc
    problems = [
        p if p.line is not None else Problem(p.message, p.path, 1, 1, p.field, p.fix)
        for p in exc.problems
    ]
    return SpecError(exc.message, path=exc.path, problems=problems)


def parse_spec(text: str, path: str = "<string>") -> SpecConfig:
    """Validate spec YAML given as text (``path`` only names it in errors)."""
    try:
        doc = parse_yaml(text.encode("utf-8"), path, SpecError)
    except SpecError as exc:
        raise _at_file_start(exc) from None
    return _validate(doc)


def spec_hash(spec: SpecConfig) -> str:
    """SHA-256 of the spec's meaning: key order, comments and formatting do not change it."""
    canonical = json.dumps(spec.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _validate(doc: YamlDocument) -> SpecConfig:
    if not isinstance(doc.data, dict):
        raise SpecError(
            f"the top level must be a mapping, not {type(doc.data).__name__}",
            path=doc.path,
            line=1,
            column=1,
            fix="start with `project:`, `providers:` and `roles:` keys (see `llmhub init`)",
        )
    problems = _name_problems(doc)
    if not problems:
        try:
            spec = SpecConfig.model_validate(doc.data)
        except ValidationError as exc:
            problems = problems_from_validation(doc, exc.errors(), _KNOWN_FIELDS)
        else:
            problems = _meaning_problems(spec, doc)
    if problems:
        raise SpecError(problems[0].message, path=doc.path, problems=problems)
    return spec


def _name_problems(doc: YamlDocument) -> list[Problem]:
    # Checked before pydantic so the error points at the offending key, not its parent.
    problems = []
    for section, pattern, what in (
        ("roles", _ROLE_NAME, "letters, digits, '_', '.', ':', '/' and '-'"),
        ("providers", _PROVIDER_NAME, "letters, digits, '_', '.' and '-'"),
    ):
        block = doc.data.get(section)
        if not isinstance(block, dict):
            continue
        for name in block:
            if not isinstance(name, str) or not pattern.fullmatch(name):
                shown = shorten(str(name))
                problems.append(
                    doc.problem(
                        (section, name),
                        f"not a valid {section[:-1]} name: {shown!r}",
                        f"use {what}, e.g. llm.inference" if section == "roles" else f"use {what}",
                    )
                )
    return problems


def _meaning_problems(spec: SpecConfig, doc: YamlDocument) -> list[Problem]:
    problems: list[Problem] = []
    for name, role in spec.roles.items():
        loc = ("roles", name)
        req = role.requires
        if role.kind in (RoleKind.embedding, RoleKind.image, RoleKind.audio):
            problems.extend(
                doc.problem(
                    (*loc, "requires", need),
                    f"impossible requirement: {role.kind.value} models do not offer {need}"
                    if need in _TEXT_ONLY_NEEDS
                    else f"impossible requirement: no source times {role.kind.value} models",
                    f"remove `{need}`, or use kind: chat",
                )
                for need in (*_TEXT_ONLY_NEEDS, "max_latency_seconds")
                if getattr(req, need) not in (None, False)
            )
        if req.context_min and req.output_min and req.output_min > req.context_min:
            problems.append(
                doc.problem(
                    (*loc, "requires", "output_min"),
                    f"impossible requirement: output_min {req.output_min:,} is larger than "
                    f"context_min {req.context_min:,}",
                    "the output is part of the context window; lower output_min",
                )
            )
        if req.context_min and req.context_min > 100_000_000:
            problems.append(
                doc.problem(
                    (*loc, "requires", "context_min"),
                    f"impossible requirement: no model has a {req.context_min:,}-token context",
                    "the largest windows are a few million tokens",
                )
            )
        if role.kind is RoleKind.embedding and req.output_modalities:
            problems.append(
                doc.problem(
                    (*loc, "requires", "output_modalities"),
                    "impossible requirement: embedding models output vectors, not modalities",
                    "remove output_modalities",
                )
            )
        if role.force_model is not None and not role.force_model.strip():
            problems.append(
                doc.problem((*loc, "force_model"), "empty model name", "name a model or remove it")
            )
    return problems


def validate_spec(
    spec: str | Path | SpecConfig | Mapping[str, Any], db_path: str | Path | None = None
) -> ValidationResult:
    """Check a spec without raising: errors, and warnings that do not stop generation.

    Args:
        spec: a spec file's path, a ``SpecConfig``, or a dict shaped like the file (problems
            then name the field, without a line).
        db_path: the catalog for the checks that need one (default: the default catalog, when
            it exists).

    Errors are everything ``generate`` would refuse before picking: invalid fields, no roles,
    a ``mode_params`` name litellm does not know for the role's kind, no enabled provider, and (with a catalog) provider names the catalog does not know.
    Warnings: a provider used but not declared or not enabled, a provider's env var unset,
    ``force_model`` not in the catalog, an empty description.

    Raises:
        TypeError: ``spec`` is none of the above.
    """
    try:
        loaded = _loaded(spec)
    except SpecError as exc:
        return ValidationResult(False, list(exc.problems), [])
    spec, doc = loaded.spec, loaded.doc
    warnings = spec_warnings(spec, doc)
    errors: list[Problem] = generation_problems(spec, doc)
    catalog = _catalog_path(db_path)
    if catalog is not None:
        from llmhub.spec.catalog_checks import catalog_problems

        found_errors, found_warnings = catalog_problems(loaded, catalog)
        errors.extend(found_errors)
        warnings.extend(found_warnings)
    return ValidationResult(not errors, errors, warnings, spec)


def _loaded(spec: str | Path | SpecConfig | Mapping[str, Any]) -> LoadedSpec:
    if isinstance(spec, (str, os.PathLike)):
        return load_spec_document(spec)
    if isinstance(spec, SpecConfig):
        doc = YamlDocument("<SpecConfig>", spec.model_dump(mode="json"))
    elif isinstance(spec, Mapping):
        doc = YamlDocument("<dict>", dict(spec))
    else:
        raise TypeError(
            f"validate_spec takes a path, a SpecConfig or a dict, not {type(spec).__name__}"
        )
    # Checked like a file's contents: a SpecConfig built in code skipped the meaning checks.
    return LoadedSpec(_validate(doc), doc)


def generation_problems(spec: SpecConfig, doc: YamlDocument | None) -> list[Problem]:
    """What ``generate`` refuses in a well-formed spec before it needs the catalog."""
    found: list[tuple[tuple[str, ...], str, str]] = []
    if not spec.roles:
        found.append(
            (
                ("roles",),
                "no roles: there is nothing to pick a model for",
                "add a role under `roles:`, e.g. llm.inference with kind: chat",
            )
        )
    for name, role in spec.roles.items():
        for key in role.mode_params:
            unknown = unknown_param(role.kind, str(key))
            if unknown is not None:
                found.append((("roles", name, "mode_params", str(key)), *unknown))
    if spec.providers and not any(p.enabled for p in spec.providers.values()):
        found.append(
            (
                ("providers",),
                "no enabled provider: every provider has enabled: false",
                "set enabled: true on at least one provider",
            )
        )
    else:
        for name, role in spec.roles.items():
            if allowed_providers(spec, role) == ():
                found.append(
                    (
                        ("roles", name, "preferences", "providers"),
                        f"role {name!r}: every provider it may use is disabled",
                        "enable one of them, or list an enabled provider for this role",
                    )
                )
    if doc is None:
        return [Problem(m, field=".".join(loc), fix=fix) for loc, m, fix in found]
    return [doc.problem(loc, message, fix) for loc, message, fix in found]


def _catalog_path(db_path: str | Path | None) -> Path | None:
    from llmhub.paths import default_catalog_path

    if db_path is None:  # the default catalog is optional: checks run when it exists
        path = default_catalog_path()
        return path if path.is_file() else None
    # A catalog the user named must exist: the catalog reader says so when it does not, with
    # the same error (and `~` expanded) as every other command.
    return Path(db_path)


def spec_warnings(spec: SpecConfig, doc: YamlDocument) -> list[Problem]:
    """Problems that do not stop generation (see ``validate_spec``); no catalog needed."""
    warnings = []
    declared = spec.providers
    for name, settings in sorted(declared.items()):
        if settings.enabled and settings.env_key and not os.environ.get(settings.env_key):
            warnings.append(
                doc.problem(
                    ("providers", name, "env_key"),
                    f"{settings.env_key} is not set",
                    "export it or add it to .env before calling this provider",
                )
            )
    used: list[tuple[tuple[str | int, ...], str]] = []
    if spec.defaults and spec.defaults.providers:
        used += [(("defaults", "providers", i), p) for i, p in enumerate(spec.defaults.providers)]
    for role_name, role in spec.roles.items():
        if role.preferences.providers:
            used += [
                (("roles", role_name, "preferences", "providers", i), p)
                for i, p in enumerate(role.preferences.providers)
            ]
        if role.force_provider:
            used.append((("roles", role_name, "force_provider"), role.force_provider))
        if not role.description.strip():
            warnings.append(
                doc.problem(
                    ("roles", role_name),
                    "empty description",
                    "describe the job in a sentence: it documents the role and guides the pick",
                )
            )
    if declared:
        for loc, provider in used:
            used_settings = declared.get(provider)
            if used_settings is None:
                warnings.append(
                    doc.problem(
                        loc,
                        f"provider {provider!r} is used but not declared under `providers`",
                        "declare it (with its env_key) or remove it",
                    )
                )
            elif not used_settings.enabled:
                warnings.append(
                    doc.problem(
                        loc,
                        f"provider {provider!r} is used but disabled (enabled: false)",
                        "enable it, or it is not a candidate",
                    )
                )
    return warnings
