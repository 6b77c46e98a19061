"""``generate_runtime_from_spec``: a spec and the catalog in, a runtime file and reasons out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmhub.catalog.reader import (
    CatalogInfo,
    open_catalog,
    read_catalog_info,
    resolve_catalog_path,
)
from llmhub.errors import SelectionError, SpecError
from llmhub.generator.caveats import run_caveats
from llmhub.generator.explain import RoleExplanation, explain_role
from llmhub.generator.header import render_with_header
from llmhub.generator.interpreter import default_cache_path, interpreter_from, read_needs
from llmhub.generator.params import check_params, with_effort
from llmhub.generator.plan import RolePlan, plan_role
from llmhub.generator.query import CandidateRow, RoleQuery, RoleRows, run_selection
from llmhub.generator.result import GenerationResult
from llmhub.generator.select import RoleSelection, decide_role, find_forced_model
from llmhub.generator.weights import REASONING_ROOM_TOKENS
from llmhub.runtime.config import (
    DEFAULT_TIMEOUTS,
    FallbackConfig,
    ProviderConfig,
    RoleConfig,
    RuntimeConfig,
    dump_runtime_body,
    runtime_body,
)
from llmhub.spec.catalog_checks import forced_model_problems, provider_problems
from llmhub.spec.loader import generation_problems, load_spec_document, spec_hash
from llmhub.spec.models import RoleSpec, SpecConfig
from llmhub.yamlio import YamlDocument

if TYPE_CHECKING:
    import duckdb

__all__ = ["GenerationResult", "GeneratorOptions", "generate_runtime_from_spec"]


@dataclass(frozen=True)
class GeneratorOptions:
    """How to generate.

    Attributes:
        explain: build the per-role explanations (always cheap; kept for the original API).
        no_llm: read descriptions with the keyword heuristic even if an interpreter is set.
        db_path: the catalog (default: ``llmhub.paths.default_catalog_path()``).
        env: write this ``env`` instead of the spec's.
        interpreter_cache: where interpreter answers are cached (default: beside the catalog).
        interpreter_timeout: seconds to wait for the interpreter model.
    """

    explain: bool = False
    no_llm: bool = False
    db_path: str | Path | None = None
    env: str | None = None
    interpreter_cache: str | Path | None = None
    interpreter_timeout: float = 20.0


def generate_runtime_from_spec(
    spec: SpecConfig | str | Path, options: GeneratorOptions | None = None
) -> GenerationResult:
    """Pick a model, fallbacks and parameters for every role of ``spec``.

    Args:
        spec: a loaded ``SpecConfig``, or the path of a spec file (errors then carry lines).
        options: see ``GeneratorOptions``.

    Raises:
        SpecError: the spec is invalid or names providers the catalog does not know.
        CatalogError: the catalog is missing or unreadable.
        SelectionError: a role has no candidate even after the documented relaxations.
    """
    options = options or GeneratorOptions()
    doc: YamlDocument | None = None
    if not isinstance(spec, SpecConfig):
        loaded = load_spec_document(spec)
        spec, doc = loaded.spec, loaded.doc
    where = doc.path if doc else None
    # The spec's own errors come first: a missing catalog must not hide them.
    problems = generation_problems(spec, doc)
    if problems:
        raise SpecError(problems[0].message, path=where, problems=problems)
    db_path = resolve_catalog_path(options.db_path)
    con = open_catalog(db_path)
    try:
        info = read_catalog_info(con, db_path)
        forced, unknown = forced_model_problems(spec, doc, info, con)
        problems = provider_problems(spec, doc, info) + forced
        if problems:
            raise SpecError(problems[0].message, path=where, problems=problems)
        warnings = [str(w) for w in unknown]
        return _generate(con, info, spec, options, warnings)
    finally:
        con.close()


def _generate(
    con: duckdb.DuckDBPyConnection,
    info: CatalogInfo,
    spec: SpecConfig,
    options: GeneratorOptions,
    warnings: list[str],
) -> GenerationResult:
    names = sorted(spec.roles)  # output order never depends on the spec's order
    cache = (
        Path(options.interpreter_cache)
        if options.interpreter_cache is not None
        else default_cache_path(info.path)
    )
    readings = read_needs(
        (spec.roles[n].description for n in names),
        interpreter_from(spec.interpreter),
        cache,
        no_llm=options.no_llm,
        timeout=options.interpreter_timeout,
    )
    # each warning once, in the order first raised; a set beside the list, since a big spec
    # can raise thousands (one per role) and a scan of the list for each was quadratic
    warned = set(warnings)
    for reading in readings.values():
        if reading.warning and reading.warning not in warned:
            warned.add(reading.warning)
            warnings.append(reading.warning)
    plans = {
        n: plan_role(spec, n, spec.roles[n], readings[spec.roles[n].description].needs, info)
        for n in names
    }
    # The ranked rows each role's runners-up and fallbacks are chosen from; the query adds each
    # provider's best row within the fallback quality distance and the best-scored rows
    # whatever the Pareto guard says (sql/selection/select_models.sql.j2), where a cheap or
    # fast role's fallbacks are found.
    top_k = max([spec.roles[n].fallbacks for n in names] + [2]) + 6
    ranked = _run_deduplicated(con, [plans[n].query for n in names], top_k)
    roles: dict[str, RoleConfig] = {}
    explanations: dict[str, RoleExplanation] = {}
    used: dict[str, str | None] = {}
    for name in names:
        role = spec.roles[name]
        plan = plans[name]
        selection = _select(con, info, name, role, plan, ranked[name])
        mode = role.kind  # the spec's kind is the runtime file's mode: one enum
        params, param_notes = check_params(role.mode_params, selection.pick, mode.value)
        selection.warnings.extend(param_notes)
        writes, written = plan.query.writes_effort, plan.written_effort
        params = with_effort(
            params, role.mode_params, selection.pick, writes_effort=writes, written=written
        )
        selection.warnings.extend(_room_to_think(params, role.mode_params, selection.pick))
        if written and "reasoning_effort" in params and plan.query.max_latency_seconds is not None:
            selection.warnings.append(
                f"reasoning_effort {written!r} is written (the role requires reasoning and wants "
                "speed), but max_latency_seconds was checked against the figures of the lab's "
                "default effort: the call thinks, and can take longer"
            )
        provider, model = _target(selection, role, info)
        fallbacks = []
        fallback_notes: list[str] = []
        for fb in selection.fallbacks:
            # A parameter a fallback cannot take is dropped for that fallback only; the user
            # cannot act on it, so it is not a warning, but the role's reason says so.
            fb_params, fb_notes = check_params(role.mode_params, fb, mode.value)
            fallback_notes.extend(f"{note} (a fallback)" for note in fb_notes)
            # ranked, as the pick was, on the figure of the effort its call runs at
            fb_params = with_effort(
                fb_params, role.mode_params, fb, writes_effort=writes, written=written
            )
            fallbacks.append(
                FallbackConfig(
                    provider=fb.litellm_provider,
                    model=fb.model,
                    params=fb_params,
                    price_input_per_million=fb.price_input_per_million,
                    price_output_per_million=fb.price_output_per_million,
                )
            )
            used.setdefault(fb.litellm_provider, fb.env_key)
        pick = selection.pick
        reading = readings[role.description]
        explanations[name] = explain_role(
            selection, plan, reading, info, fallback_notes=fallback_notes
        )
        roles[name] = RoleConfig(
            provider=provider,
            model=model,
            mode=mode,
            params=params,
            price_input_per_million=pick.price_input_per_million if pick else None,
            price_output_per_million=pick.price_output_per_million if pick else None,
            fallbacks=fallbacks,
            reason=explanations[name].summary(),
            timeout=role.timeout or DEFAULT_TIMEOUTS.get(mode.value, DEFAULT_TIMEOUTS["chat"]),
            total_timeout=role.total_timeout,
        )
        used.setdefault(provider, pick.env_key if pick else None)
        for note in [f"relaxed {r}" for r in selection.relaxations] + selection.warnings:
            line = f"role {name!r}: {note}"
            if line not in warned:
                warned.add(line)
                warnings.append(line)
    runtime = RuntimeConfig(
        project=spec.project,
        env=options.env or spec.env,
        providers=_providers(spec, info, used),
        roles=roles,
        defaults=None,
    )
    digest = spec_hash(spec)
    body = runtime_body(runtime)  # one dump serves the credential check and the file
    _refuse_credentials(body)
    text = render_with_header(dump_runtime_body(body), digest, info.build_id)
    caveats = run_caveats(info, list(explanations.values()))
    return GenerationResult(
        runtime, explanations, warnings, digest, info.build_id, text, caveats=caveats
    )


# a default configuration that does not think (models.speed_variant, data/seeds/default_efforts)
_PLAIN_DEFAULTS = ("non-reasoning", "none", "minimal")


def _thinking_default(pick: CandidateRow) -> str | None:
    """How a reasoning model that thinks when the call names no effort does so, where that is
    known: its lab's default, where its speed was measured there ("its lab's default, 'high'"),
    else where no effort scores better than its default (Gemini 3.8 Flash, which copies Gemini
    3.5 Flash's figures: the default's figure is the measured effort's)."""
    if not pick.supports_reasoning:
        return None
    if pick.latency_basis == "default" and pick.latency_variant not in (None, *_PLAIN_DEFAULTS):
        return f"its lab's default, {pick.latency_variant!r}"
    if pick.quality_effort_basis == "effort" and pick.quality_default_offset == 0:
        return f"its default scores as it does at {pick.quality_effort!r}"
    return None


def _room_to_think(
    params: dict[str, Any], mode_params: dict[str, Any], pick: CandidateRow | None = None
) -> list[str]:
    """A warning when a call whose token cap leaves little room to think will think: generate
    wrote a reasoning effort into it, or the pick thinks by default (Gemini 3.5 Flash, at
    'high'). The thinking counts against the cap, and the answer can come back cut."""
    if "reasoning_effort" in mode_params:
        return []  # the role's own settings stand
    if "reasoning_effort" in params:
        thinking = f"reasoning_effort {params['reasoning_effort']!r}, which generate writes"
    elif pick is not None and (default := _thinking_default(pick)):
        thinking = f"{pick.model}'s default thinking ({default})"
    else:
        return []
    for key in ("max_tokens", "max_completion_tokens"):
        cap = params.get(key)
        if not isinstance(cap, int) or cap >= REASONING_ROOM_TOKENS:
            continue
        asked = mode_params.get(key)
        what = (
            f"the model's output cap of {cap:,} tokens (the role asks for {asked:,})"
            if isinstance(asked, int) and cap < asked
            else f"{key} {cap:,}"
        )
        return [
            f"{what} leaves little room for {thinking} for this role: thinking tokens count "
            f"against it (OpenAI's reasoning guide reserves {REASONING_ROOM_TOKENS:,}); raise {key}, or set "
            "reasoning_effort yourself"
        ]
    return []


def _refuse_credentials(body: dict[str, Any]) -> None:
    """llmhub.yaml is meant to be committed: never write a credential into it (exit 2).

    ``body`` is what the file will hold (``runtime_body``).
    """
    from llmhub.errors import InputError
    from llmhub.redact import find_credentials

    found = [".".join(str(p) for p in loc) for loc in find_credentials(body)]
    if found:
        raise InputError(
            f"refusing to write a credential into llmhub.yaml (at {', '.join(found[:3])})",
            field=found[0],
            fix="remove it from the spec; name the variable that holds it with the provider's "
            "`env_key` instead",
        )


# What a role's query asks, without its name: equal for two queries exactly when the queries
# are equal once renamed alike (``replace(q, role="")``), for a fifteenth of that copy's cost.
_need = attrgetter(*(f.name for f in fields(RoleQuery) if f.name != "role"))


def _run_deduplicated(
    con: duckdb.DuckDBPyConnection, queries: Sequence[RoleQuery], top_k: int
) -> dict[str, RoleRows]:
    # Roles with the same parameters share one ranking: the query runs once per distinct need.
    from dataclasses import replace

    groups: dict[tuple[Any, ...], list[RoleQuery]] = {}
    for q in queries:
        groups.setdefault(_need(q), []).append(q)
    # Each group runs as its first member's own query.
    rows = run_selection(con, [members[0] for members in groups.values()], top_k)
    out = {}
    for members in groups.values():
        first = rows[members[0].role]
        out[first.role] = first
        for member in members[1:]:
            out[member.role] = replace(first, role=member.role)
    return out


def _select(
    con: duckdb.DuckDBPyConnection,
    info: CatalogInfo,
    name: str,
    role: RoleSpec,
    plan: RolePlan,
    rows: RoleRows,
) -> RoleSelection:
    forced: CandidateRow | None = None
    if role.force_model:
        providers = info.resolve(role.force_provider) if role.force_provider else None
        forced = find_forced_model(
            con, role.force_model, providers, plan.query.modes, plan.query.providers
        )
    if role.force_model and forced is None:
        selection = RoleSelection(name, None, role.force_provider, role.force_model, rows=rows)
        try:
            others = decide_role(con, plan, rows, role.fallbacks, None)
            selection.fallbacks = (
                [others.pick, *others.fallbacks][: role.fallbacks] if others.pick else []
            )
        except SelectionError:
            selection.fallbacks = []
        return selection
    selection = decide_role(con, plan, rows, role.fallbacks, forced)
    selection.forced_provider = role.force_provider
    selection.forced_model = role.force_model if forced else None
    return selection


def _target(selection: RoleSelection, role: RoleSpec, info: CatalogInfo) -> tuple[str, str]:
    if selection.pick is not None:
        return selection.pick.litellm_provider, selection.pick.model
    model = selection.forced_model or ""
    if role.force_provider:
        prefix = next(
            (
                r.litellm_provider
                for r in info.providers
                if r.provider.lower() == role.force_provider.lower() and r.litellm_provider
            ),
            role.force_provider,
        )
        return prefix, model
    if "/" in model:
        prefix, _, rest = model.partition("/")
        return prefix, rest
    raise SelectionError(
        f"role {selection.role!r}: force_model {model!r} is not in the catalog and names no provider",
        role=selection.role,
        constraint="force_model",
        fix="add force_provider, or write force_model as provider/model",
    )


def _providers(
    spec: SpecConfig, info: CatalogInfo, used: dict[str, str | None]
) -> dict[str, ProviderConfig]:
    out = {}
    for prefix in sorted(used):
        env_key, api_base = used[prefix], None
        for name, settings in sorted(spec.providers.items()):
            if prefix.lower() in (info.resolve(name) or {name.lower()}):
                env_key = settings.env_key or env_key
                api_base = settings.api_base or api_base
                break
        out[prefix] = ProviderConfig(env_key=env_key, api_base=api_base)
    return out
