"""``llmhub explain ROLE --vs PROVIDER/MODEL``: why this role did not get that model.

The answer is the filter that removed it, the host order that preferred another listing of the
same model, or its score parts against the pick's, in dollars, seconds and points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmhub.errors import InputError
from llmhub.generator.core import GeneratorOptions, generate_runtime_from_spec
from llmhub.generator.facts import (
    failed_said,
    fmt_latency,
    latency_how,
    latency_unit,
    price_phrase,
    quality_phrase,
    speed_said,
)
from llmhub.generator.figures import SCORE_DIGITS, fmt_pair, fmt_score
from llmhub.generator.query import CandidateRow, RoleQuery, run_selection
from llmhub.generator.reasons import deciding_factor
from llmhub.text import shorten

if TYPE_CHECKING:
    import duckdb

__all__ = ["explain_versus"]


def _describe(row: CandidateRow, unit: str | None, score: str, query: RoleQuery) -> str:
    """A candidate's figures, with its ``score`` as printed; ``unit`` None for a kind no source
    times (speed unknown)."""
    how = latency_how(row, query)
    if unit is None:
        speed = "speed unknown (no measurement for this kind)"  # as --explain says it
    else:
        speed = f"{fmt_latency(row)} {unit} ({how})"
    return (
        f"{row.litellm_provider}/{row.model}: {price_phrase(row)}, {speed}, "
        f"quality {quality_phrase(row.task_quality)}, score {score}"
    )


def _matches(row: CandidateRow, target: str) -> bool:
    t = target.lower()
    return t in (
        f"{row.litellm_provider}/{row.model}".lower(),
        row.canonical_id.lower(),
        row.litellm_model.lower(),
    )


def explain_versus(
    spec: str | Path, role: str, target: str, options: GeneratorOptions | None = None
) -> list[str]:
    """Lines answering "why not ``target``?" for ``role`` of ``spec``.

    Raises:
        InputError: the role is not in the spec, or the catalog has no such model.
    """
    from llmhub.catalog.reader import open_catalog, read_catalog_info, resolve_catalog_path
    from llmhub.generator.interpreter import default_cache_path, interpreter_from, read_needs
    from llmhub.generator.plan import plan_role
    from llmhub.generator.select import relaxed_query
    from llmhub.spec.loader import load_spec_document

    options = options or GeneratorOptions()
    loaded = load_spec_document(spec)
    if role not in loaded.spec.roles:
        raise InputError(
            f"{spec}: no role {shorten(role)!r}",
            fix="name one of: " + ", ".join(sorted(loaded.spec.roles)),
        )
    result = generate_runtime_from_spec(spec, options)
    picked = result.runtime.roles[role]
    pick_name = f"{picked.provider}/{picked.model}"
    db = resolve_catalog_path(options.db_path)
    con = open_catalog(db)
    try:
        info = read_catalog_info(con, db)
        spec_role = loaded.spec.roles[role]
        readings = read_needs(
            [spec_role.description],
            interpreter_from(loaded.spec.interpreter),
            Path(options.interpreter_cache)
            if options.interpreter_cache
            else default_cache_path(db),
            no_llm=options.no_llm,
            timeout=options.interpreter_timeout,
        )
        plan = plan_role(loaded.spec, role, spec_role, readings[spec_role.description].needs, info)
        # ranked as generate ranked them: after the relaxation the role needed, if any
        query, relaxed = relaxed_query(plan, run_selection(con, [plan.query])[role])
        rows = run_selection(con, [query], top_k=8000, prefilter=False)[role].rows
        group = con.execute(
            "select model_group, canonical_id from models where lower(canonical_id) = $t"
            " or lower(litellm_model) = $t",
            {"t": target.lower()},
        ).fetchone()
        listing = (
            con.execute(
                "select lower(provider), lower(litellm_provider), litellm_model is null,"
                " litellm_model_reason from models where canonical_id = $c",
                {"c": group[1]},
            ).fetchone()
            if group is not None
            else None
        )
        carried = any(_matches(r, target) for r in rows)
        alone = None if carried else _on_its_own_provider(con, query, target, listing)
    finally:
        con.close()
    if group is None:
        raise InputError(
            f"{shorten(target)}: not in the catalog",
            fix="name it as provider/model, e.g. openai/gpt-5-mini (see `llmhub catalog search`)",
        )
    # an image, audio or embedding model: no source times it
    unit = None if plan.task == "none" else latency_unit(plan.query)
    lines = [f"{role}: picked {pick_name}; why not {target}?"]
    if relaxed:
        lines.append(
            f"  (ranked as generate ranked them: with {', '.join(relaxed)} relaxed, as no "
            "candidate met every requirement)"
        )
    if _matches_name(pick_name, target):
        return [*lines, f"  {target} is the pick"]
    pick = next((r for r in rows if f"{r.litellm_provider}/{r.model}" == pick_name), None)
    return lines + [
        "  " + line for line in _verdict(target, pick, rows, query, listing, alone, group[0], unit)
    ]


_HOST_ORDER = "(lab API, then major cloud, then other hosts, then the cheapest)"


def _verdict(
    target: str,
    pick: CandidateRow | None,
    rows: Sequence[CandidateRow],
    query: RoleQuery,
    listing: tuple[Any, ...] | None,
    alone: CandidateRow | None,
    model_group: str,
    unit: str | None,
) -> list[str]:
    """Why ``target`` is not the pick: the filter, the host order, or the score parts."""
    mine = next((r for r in rows if _matches(r, target)), None)
    allowed = query.providers
    if mine is None and listing and listing[2]:
        # litellm cannot call this listing (no provider prefix, or a model it knows only in a
        # lab's subscription plan): never a candidate, whatever the role wants
        return [f"not callable through litellm: {listing[3]}"]
    if mine is None and allowed is not None and listing and not set(listing[:2]) & set(allowed):
        return [f"removed by providers (the role allows {', '.join(allowed)})"]
    if mine is None and alone is not None and alone.failed_filters:
        mine = alone  # removed by its own filters (reported below), whatever the host order
    if mine is None:
        # Not the listing its model competes with: host order preferred another one.
        other = next((r for r in rows if r.model_group == model_group), None)
        where = f"{other.litellm_provider}/{other.model}" if other else "another listing"
        return [f"host order: the same model competes as {where} {_HOST_ORDER}"]
    if mine.failed_filters:
        # its figures too, as a candidate's are: a removed listing is not one of unknown speed
        figures = f"{mine.litellm_provider}/{mine.model}: {price_phrase(mine)}, "
        figures += f"{speed_said(mine, query)}, quality {quality_phrase(mine.task_quality)}"
        return ["removed by " + ", ".join(failed_said(mine, query)), figures]
    if pick is not None and mine.model_group == pick.model_group:
        # another host of the pick's own model: no tie-break of scores, the host order decided
        return [
            f"host order: the same model as the pick, whose listing on {pick.litellm_provider}"
            f" comes first {_HOST_ORDER}"
        ]
    if pick is None:
        return [_describe(mine, unit, fmt_score(mine.score), query)]
    # the scores as every output prints them, with more digits only where two would read alike
    mine_score, pick_score = fmt_pair(fmt_score, mine.score, pick.score, SCORE_DIGITS)
    return [
        _describe(mine, unit, mine_score, query),
        _describe(pick, unit, pick_score, query),
        "why the pick wins: " + deciding_factor(pick, mine, query, rows),
    ]


def _on_its_own_provider(
    con: duckdb.DuckDBPyConnection,
    query: RoleQuery,
    target: str,
    listing: tuple[Any, ...] | None,
) -> CandidateRow | None:
    """The target listing ranked on its own provider (for a listing the role's ranked rows do
    not carry: another host of its model competes, and its own filters may be what removed it)."""
    if listing is None or listing[2]:
        return None
    only = replace(query, providers=tuple(sorted(set(listing[:2]))))
    rows = run_selection(con, [only], top_k=8000, prefilter=False)[query.role].rows
    return next((r for r in rows if _matches(r, target)), None)


def _matches_name(pick_name: str, target: str) -> bool:
    return pick_name.lower() == target.lower()
