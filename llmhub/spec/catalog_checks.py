"""Spec checks that need the catalog: unknown providers (errors), unknown forced models (warnings)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING

from llmhub.catalog.reader import CatalogInfo, open_catalog, read_catalog_info
from llmhub.errors import Problem
from llmhub.text import shorten
from llmhub.yamlio import YamlDocument

if TYPE_CHECKING:
    import duckdb

    from llmhub.spec.loader import LoadedSpec
    from llmhub.spec.models import SpecConfig

__all__ = ["catalog_problems", "forced_model_problems", "provider_problems"]

Loc = tuple[str | int, ...]


def _uses(spec: SpecConfig) -> list[tuple[Loc, str]]:
    uses: list[tuple[Loc, str]] = [(("providers", n), n) for n in spec.providers]
    if spec.defaults and spec.defaults.providers:
        uses += [(("defaults", "providers", i), p) for i, p in enumerate(spec.defaults.providers)]
    for role_name, role in spec.roles.items():
        for key in ("providers",):
            for i, p in enumerate(getattr(role.preferences, key) or []):
                uses.append((("roles", role_name, "preferences", key, i), p))
        for i, p in enumerate(role.requires.exclude_providers or []):
            uses.append((("roles", role_name, "requires", "exclude_providers", i), p))
        # Without force_model there is nothing to write as given: the provider must be known.
        # (With one, an unknown provider is written as the litellm prefix: a warning below.)
        if role.force_provider and not role.force_model:
            uses.append((("roles", role_name, "force_provider"), role.force_provider))
    return uses


def _problem(doc: YamlDocument | None, loc: Loc, message: str, fix: str | None) -> Problem:
    if doc is not None:
        return doc.problem(loc, message, fix)
    return Problem(message, field=".".join(str(p) for p in loc), fix=fix)


def provider_problems(
    spec: SpecConfig, doc: YamlDocument | None, info: CatalogInfo
) -> list[Problem]:
    """One error per provider name the catalog does not know, with a did-you-mean."""
    known = sorted(
        {r.provider for r in info.providers}
        | {r.litellm_provider for r in info.providers if r.litellm_provider}
    )
    problems = []
    for loc, name in _uses(spec):
        if info.resolve(name):
            continue
        close = difflib.get_close_matches(name.lower(), known, n=1)
        fix = (
            f"did you mean {close[0]!r}?"
            if close
            else "use a models.dev provider id or a litellm prefix, e.g. openai, anthropic, google"
        )
        problems.append(_problem(doc, loc, f"unknown provider {shorten(name)!r}", fix))
    return problems


def forced_model_problems(
    spec: SpecConfig, doc: YamlDocument | None, info: CatalogInfo, con: duckdb.DuckDBPyConnection
) -> tuple[list[Problem], list[Problem]]:
    """Errors and warnings for each ``force_provider``/``force_model`` the catalog does not
    know: a forced model the catalog lacks that names no provider is an error (generate cannot
    write it: no litellm prefix), any other unknown name a warning (it is written as given)."""
    errors, warnings = [], []
    for role_name, role in spec.roles.items():
        if role.force_provider and role.force_model and not info.resolve(role.force_provider):
            warnings.append(
                _problem(
                    doc,
                    ("roles", role_name, "force_provider"),
                    f"force_provider {shorten(role.force_provider)!r} is not in the catalog",
                    "check the spelling; it is used as the litellm prefix as written",
                )
            )
        if role.force_model:
            found = con.execute(
                "select count(*) from models where lower(model_id) = $m "
                "or lower(canonical_id) = $m or lower(litellm_model) = $m",
                {"m": role.force_model.lower()},
            ).fetchone()[0]  # type: ignore[index]  # count(*) always returns one row
            if found:
                continue
            where = ("roles", role_name, "force_model")
            message = f"force_model {shorten(role.force_model)!r} is not in the catalog"
            if role.force_provider or "/" in role.force_model:
                warnings.append(
                    _problem(
                        doc,
                        where,
                        message,
                        "it is written as given; check the name, or refresh the catalog",
                    )
                )
            else:
                errors.append(
                    _problem(
                        doc,
                        where,
                        f"{message} and names no provider",
                        "add force_provider, or write force_model as provider/model",
                    )
                )
    return errors, warnings


def catalog_problems(loaded: LoadedSpec, db_path: Path) -> tuple[list[Problem], list[Problem]]:
    """Errors and warnings about ``loaded`` that need the catalog at ``db_path``."""
    con = open_catalog(db_path)
    try:
        info = read_catalog_info(con, db_path)
        errors, warnings = forced_model_problems(loaded.spec, loaded.doc, info, con)
        return provider_problems(loaded.spec, loaded.doc, info) + errors, warnings
    finally:
        con.close()
