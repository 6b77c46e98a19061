"""``llmhub doctor``: versions, resolved paths, and a pass/warn/fail list of checks."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from llmhub import __version__
from llmhub.paths import default_catalog_path, default_runtime_path, default_spec_path, resource

__all__ = [
    "COMPROMISED_LITELLM",
    "Check",
    "DoctorReport",
    "check_generated",
    "check_keys",
    "resolved_paths",
    "run_doctor",
]

# Releases of litellm that shipped a credential-stealing payload.
COMPROMISED_LITELLM = frozenset({"1.82.7", "1.82.8"})
_PACKAGES = (
    "duckdb",
    "polars",
    "pyarrow",
    "pydantic",
    "jinja2",
    "typer",
    "rich",
    "pyyaml",
    "litellm",
)
_SNAPSHOTS = (
    "modelsdev-api.json",
    "arena-leaderboard-text.json",
    "arena-leaderboard-vision.json",
    "artificialanalysis-llms.json",
    "livebench-table.csv",
    "livebench-categories.json",
)


@dataclass(frozen=True)
class Check:
    """One doctor check: ``status`` is pass, warn or fail."""

    name: str
    status: str
    detail: str


@dataclass(frozen=True)
class DoctorReport:
    """Everything ``llmhub doctor`` shows."""

    version: str
    python: str
    packages: dict[str, str | None]
    paths: dict[str, str]
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.status != "fail" for c in self.checks)


def resolved_paths() -> dict[str, str]:
    """The spec, runtime and catalog paths llmhub would use from the current folder."""
    return {
        "spec": str(default_spec_path().absolute()),
        "runtime": str(default_runtime_path().absolute()),
        "catalog": str(default_catalog_path().absolute()),
        "bundled_data": str(resource("data")),
    }


def run_doctor(*, network: bool = True, env_file: str | Path | None = None) -> DoctorReport:
    """Run every check; a check that raises is reported as failed rather than crashing.

    Args:
        network: also check that the live sources can be reached.
        env_file: the ``.env`` holding API keys (default: ``$LLMHUB_ENV_FILE``, else a ``.env``
            beside the runtime file). Keys are checked for presence only, before litellm loads.
    """
    packages = {name: _version(name) for name in _PACKAGES}
    checks: list[Check] = []
    for fn in _checks(network, env_file):
        try:
            result = fn()
        except Exception as exc:  # a broken check must not hide the others
            name = getattr(fn, "__name__", "check").removeprefix("_check_")
            result = Check(name, "fail", f"{type(exc).__name__}: {exc}")
        checks.extend(result if isinstance(result, list) else [result])
    return DoctorReport(__version__, sys.version.split()[0], packages, resolved_paths(), checks)


def _checks(network: bool, env_file: str | Path | None) -> list[Callable[[], Check | list[Check]]]:
    def _check_keys() -> Check:
        return check_keys(env_file)

    def _check_generated() -> Check:
        return check_generated(offline=not network)

    found: list[Callable[[], Check | list[Check]]] = [
        _check_python,
        _check_packages,
        _check_litellm,
        _check_snapshots,
        _check_spec,
        _check_runtime,
        _check_keys,
        _check_catalog,
        _check_sources,
        _check_generated,
    ]
    found.append(_check_attribution)
    if network:
        found.append(_check_network)
    return found


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _check_python() -> Check:
    ok = sys.version_info >= (3, 10)
    return Check(
        "python",
        "pass" if ok else "fail",
        sys.version.split()[0] + ("" if ok else " (need >= 3.10)"),
    )


def _check_packages() -> Check:
    missing = [name for name in _PACKAGES if _version(name) is None]
    if missing:
        return Check("packages", "fail", "missing: " + ", ".join(missing) + " — reinstall llmhub")
    return Check("packages", "pass", f"{len(_PACKAGES)} dependencies installed")


def _check_litellm() -> Check:
    version = _version("litellm")
    if version is None:
        return Check("litellm", "fail", "not installed — pip install llmhub")
    if version in COMPROMISED_LITELLM:
        return Check(
            "litellm", "fail", f"{version} is a compromised release — upgrade now and rotate keys"
        )
    return Check("litellm", "pass", version)


def _check_snapshots() -> Check:
    folder = resource("data", "snapshots")
    missing = [name for name in _SNAPSHOTS if not (folder / name).is_file()]
    if missing:
        return Check("snapshots", "fail", "bundled snapshots missing: " + ", ".join(missing))
    return Check("snapshots", "pass", f"{len(_SNAPSHOTS)} bundled source snapshots")


def _check_spec() -> Check:
    path = default_spec_path()
    if not path.exists():
        return Check("spec", "warn", f"{path} not found — run `llmhub init`")
    from llmhub.yamlio import read_yaml

    read_yaml(path)
    return Check("spec", "pass", f"{path} parses")


def _check_runtime() -> Check:
    path = default_runtime_path()
    if not path.exists():
        return Check("runtime", "warn", f"{path} not found — run `llmhub generate`")
    from llmhub.runtime.config import header_mismatch, load_runtime

    config = load_runtime(path)
    mismatch = header_mismatch(path)
    if mismatch is not None:
        return Check("runtime", "warn", mismatch)
    return Check("runtime", "pass", f"{path}: {len(config.roles)} roles")


def _check_catalog() -> Check:
    from llmhub.catalog.integrity import inspect_catalog
    from llmhub.catalog.status import STALE_AFTER_DAYS, catalog_status, describe_age

    status = catalog_status()
    where = f"{status.path} (from {status.rule})"
    if not status.exists:
        return Check("catalog", "warn", f"{where} not built — run `llmhub catalog refresh`")
    if status.error:
        # the error names the file and, for llmhub's own errors, the fix: neither twice
        error = status.error.removeprefix(f"{status.path}: ")
        if "llmhub catalog refresh" not in error:
            error += " — rebuild: llmhub catalog refresh --force"
        return Check("catalog", "fail", f"{where}: {error}")
    # Every table read once (checksums), and the data tests on the models view.
    integrity = inspect_catalog(status.path, deep=True)
    if not integrity.ok:
        return Check(
            "catalog",
            "fail",
            f"{where}: {integrity.state}: {integrity.detail} — rebuild: "
            "llmhub catalog refresh --force",
        )
    failed = _data_test_failures(status.path)
    if failed:
        return Check(
            "catalog",
            "fail",
            f"{where}: data tests failed: {failed} — rebuild: llmhub catalog refresh --force",
        )
    # Each source's data age has its own check below.
    detail = (
        f"{where}: build {status.build_id or 'unversioned'}, {describe_age(status.built_at)} old"
    )
    age = status.age_days()
    if age is not None and age > STALE_AFTER_DAYS:
        return Check("catalog", "warn", f"{detail} — refresh it: just refresh-catalog")
    return Check("catalog", "pass", detail)


def _check_attribution() -> Check:
    """The attribution lines the catalog's data must carry (the sources table's own)."""
    from llmhub.catalog.status import catalog_status

    status = catalog_status()
    lines = status.attributions or _BUNDLED_ATTRIBUTIONS
    return Check("attribution", "pass", "; ".join(lines))


# What the bundled snapshots require when no catalog is built yet (data/seeds/source_info.csv).
_BUNDLED_ATTRIBUTIONS = ("Data: Artificial Analysis, https://artificialanalysis.ai",)


def _data_test_failures(path: Path) -> str:
    """The data tests that return rows on the catalog at ``path`` ('' when all pass)."""
    from llmhub.catalog.reader import open_catalog
    from llmhub.pipeline import run_data_tests

    con = open_catalog(path)
    try:
        failures = run_data_tests(con)
    finally:
        con.close()
    return ", ".join(f"{f.name} ({f.row_count} rows)" for f in failures[:5])


def _check_network() -> Check:
    import urllib.request

    url = "https://models.dev/api.json"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=5):
            return Check("network", "pass", f"reached {url}")
    except OSError as exc:
        return Check("network", "warn", f"cannot reach {url} ({exc}); refreshes will use snapshots")


def check_keys(env_file: str | Path | None = None) -> Check:
    """Whether every provider the runtime file uses has its key, in the environment or ``.env``.

    Only names are reported; values are checked for presence and dropped.
    """
    from llmhub.envcheck import EnvRequirement, check_env
    from llmhub.envfile import find_env_file, read_env_values

    path = default_runtime_path()
    if not path.exists():
        return Check("keys", "warn", f"{path} not found — nothing to check keys for yet")
    dotenv = find_env_file(path, env_file)
    values = read_env_values(dotenv) if dotenv else {}
    from llmhub.runtime.config import load_runtime
    from llmhub.runtime.plan import env_keys_in_use

    used = env_keys_in_use(load_runtime(path))
    needed = [EnvRequirement(", ".join(sorted(p)), key) for key, p in sorted(used.items())]
    statuses = check_env(needed, values)
    where = f" (.env: {dotenv})" if dotenv else " (no .env file)"
    missing = [s for s in statuses if not s.is_set]
    if missing:
        names = ", ".join(f"{s.env_key} ({s.provider})" for s in missing)
        return Check(
            "keys",
            "fail",
            f"not set: {names}{where} — export them or add them to .env",
        )
    if not statuses:
        return Check("keys", "pass", "the runtime file's providers need no key variables")
    return Check("keys", "pass", f"{len(statuses)} key variable(s) set{where}")


def _check_sources() -> list[Check]:
    """Each source's data age against ``SOURCE_AGE_LIMITS``: warn, then fail.

    The age is the data's, not the copy's: a bundled snapshot is as old as its upstream commit.
    """
    from datetime import datetime, timezone

    from llmhub.catalog.status import SOURCE_AGE_LIMITS, catalog_status

    status = catalog_status()
    if not status.exists or status.error:
        return []  # the catalog check already says so
    now = datetime.now(timezone.utc)
    out = []
    for name, (origin, as_of) in sorted(status.sources.items()):
        warn_days, fail_days = SOURCE_AGE_LIMITS.get(name, (30.0, 90.0))
        if as_of is None:
            out.append(Check(f"source {name}", "pass", f"{origin}; data date unknown"))
            continue
        when = as_of if as_of.tzinfo else as_of.replace(tzinfo=timezone.utc)
        age = (now - when).total_seconds() / 86400
        detail = (
            f"{origin} data from {when:%Y-%m-%d}, {age:.0f} days old "
            f"(warn after {warn_days:.0f}, fail after {fail_days:.0f})"
        )
        fix = " — refresh: llmhub catalog refresh --force"
        if origin == "snapshot" and age > warn_days:
            # Bundled data is old by design (the demo runs on it offline): warn, never fail.
            fix = " — bundled snapshot; for current data: llmhub catalog refresh --source live"
            out.append(Check(f"source {name}", "warn", detail + fix))
        elif age > fail_days:
            out.append(Check(f"source {name}", "fail", detail + fix))
        elif age > warn_days:
            out.append(Check(f"source {name}", "warn", detail + fix))
        else:
            out.append(Check(f"source {name}", "pass", detail))
    return out


def check_generated(*, offline: bool = True) -> Check:
    """Whether llmhub.yaml is what `generate` would write now (the same test as --check).

    ``offline`` reads descriptions with the keyword heuristic instead of the interpreter model.
    """
    spec, runtime = default_spec_path(), default_runtime_path()
    if not (spec.exists() and runtime.exists()):
        return Check("llmhub.yaml", "pass", "nothing to compare (needs a spec and llmhub.yaml)")
    from llmhub.catalog.status import catalog_status

    if not catalog_status().exists:
        return Check("llmhub.yaml", "warn", "no catalog to compare against")
    from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
    from llmhub.generator.drift import check_drift

    result = generate_runtime_from_spec(spec, GeneratorOptions(no_llm=offline))
    drift = check_drift(result, runtime, None)
    if drift.up_to_date:
        return Check("llmhub.yaml", "pass", f"{runtime} is up to date with {spec} and the catalog")
    causes = "; ".join(f"{r.role}: {r.cause}" for r in drift.roles) or "; ".join(drift.other)
    return Check(
        "llmhub.yaml",
        "warn",
        f"{runtime} is stale ({causes}) — run `llmhub generate`",
    )
