"""``llmhub status``: the project at a glance, the original design's summary command.

It reads the spec, the runtime file and the catalog where llmhub looks for them from the current
folder, counts what each holds, and lists what is wrong, without failing on any of it: a summary
is most useful when something is missing.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from llmhub.errors import LLMHubError

__all__ = ["FileSummary", "ProjectStatus", "project_status"]


@dataclass(frozen=True)
class FileSummary:
    """One of the project's files: where it is, whether it is there, and what it holds."""

    path: Path
    exists: bool
    counts: dict[str, int] = field(default_factory=dict)
    detail: str = ""


@dataclass(frozen=True)
class ProjectStatus:
    """The project's name and files, and every problem found reading them."""

    project: str | None
    env: str | None
    spec: FileSummary
    runtime: FileSummary
    catalog: FileSummary
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def project_status(
    spec_path: str | Path | None = None,
    runtime_path: str | Path | None = None,
    db_path: str | Path | None = None,
) -> ProjectStatus:
    """Summarise the project; never raises for a missing or broken file (it is a problem)."""
    from llmhub.paths import default_catalog_path, default_runtime_path, default_spec_path

    spec_file = Path(spec_path) if spec_path is not None else default_spec_path()
    runtime_file = Path(runtime_path) if runtime_path is not None else default_runtime_path()
    catalog_file = Path(db_path) if db_path is not None else default_catalog_path()
    problems: list[str] = []
    warnings: list[str] = []
    project = env = None

    spec_summary = FileSummary(spec_file, spec_file.is_file())
    if spec_summary.exists:
        from llmhub.spec.loader import validate_spec

        checked = validate_spec(spec_file, catalog_file if catalog_file.is_file() else None)
        problems += [str(p) for p in checked.errors]
        warnings += [str(p) for p in checked.warnings]
        if checked.spec is not None:
            spec = checked.spec
            project, env = spec.project, spec.env
            enabled = sum(1 for p in spec.providers.values() if p.enabled)
            spec_summary = FileSummary(
                spec_file,
                True,
                {"roles": len(spec.roles), "providers": len(spec.providers), "enabled": enabled},
            )
    else:
        problems.append(f"{spec_file}: no spec — run `llmhub init` to write a starter")

    runtime_summary = FileSummary(runtime_file, runtime_file.is_file())
    if runtime_summary.exists:
        from llmhub.runtime.config import load_runtime

        try:
            runtime = load_runtime(runtime_file)
        except LLMHubError as exc:
            problems += str(exc).splitlines()
        else:
            project = project or runtime.project
            env = env or runtime.env
            fallbacks = sum(len(r.fallbacks) for r in runtime.roles.values())
            runtime_summary = FileSummary(
                runtime_file,
                True,
                {"roles": len(runtime.roles), "fallbacks": fallbacks},
                _staleness(runtime_file, spec_file, warnings),
            )
    elif spec_summary.exists:
        problems.append(f"{runtime_file}: no runtime file — run `llmhub generate`")

    catalog_summary = _catalog(catalog_file, problems)
    return ProjectStatus(
        project, env, spec_summary, runtime_summary, catalog_summary, problems, warnings
    )


def _staleness(runtime_file: Path, spec_file: Path, warnings: list[str]) -> str:
    """``generated`` / ``up to date`` / ``hand-written``, warning when the spec moved on."""
    from llmhub.generator.header import split_header
    from llmhub.spec.loader import load_spec, spec_hash

    header, _ = split_header(runtime_file.read_text(encoding="utf-8", errors="replace"))
    if header is None or header.spec_sha256 is None:
        return "not written by llmhub generate"
    if not spec_file.is_file():
        return "generated"
    with contextlib.suppress(LLMHubError):
        if spec_hash(load_spec(spec_file)) == header.spec_sha256:
            return "up to date with the spec"
        warnings.append(
            f"{runtime_file}: generated from an older spec — run `llmhub generate` to update it"
        )
        return "older than the spec"
    return "generated"


def _catalog(path: Path, problems: list[str]) -> FileSummary:
    if not path.is_file():
        problems.append(
            f"{path}: no catalog — run `llmhub catalog refresh` (or --source snapshot offline)"
        )
        return FileSummary(path, False)
    from llmhub.catalog.status import catalog_status, describe_age

    status = catalog_status(path)
    if status.error:
        # a catalog error names its file already
        named = status.error.startswith(str(path))
        problems.append(status.error if named else f"{path}: {status.error}")
        return FileSummary(path, True)
    import duckdb

    from llmhub.catalog.reader import open_catalog

    counts: dict[str, int] = {}
    con = open_catalog(path)
    try:
        models, providers = con.execute(  # type: ignore[misc]  # count(*) always returns one row
            "select count(*), count(distinct provider) from models"
        ).fetchone()
        counts = {"models": int(models), "providers": int(providers)}
    except duckdb.Error as exc:
        problems.append(f"{path}: cannot count models: {str(exc).splitlines()[0]}")
    finally:
        con.close()
    detail = f"build {status.build_id or 'unversioned'}, {describe_age(status.built_at)} old"
    return FileSummary(path, True, counts, detail)
