"""``llmhub doctor``: versions, resolved paths, and a pass/warn/fail list of checks."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from llmhub import __version__
from llmhub.paths import default_catalog_path, default_runtime_path, default_spec_path, resource

__all__ = ["COMPROMISED_LITELLM", "Check", "DoctorReport", "resolved_paths", "run_doctor"]

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


def run_doctor(*, network: bool = True) -> DoctorReport:
    """Run every check; a check that raises is reported as failed rather than crashing."""
    packages = {name: _version(name) for name in _PACKAGES}
    checks: list[Check] = []
    for fn in _checks(network):
        try:
            checks.append(fn())
        except Exception as exc:  # a broken check must not hide the others
            checks.append(
                Check(fn.__name__.removeprefix("_check_"), "fail", f"{type(exc).__name__}: {exc}")
            )
    return DoctorReport(__version__, sys.version.split()[0], packages, resolved_paths(), checks)


def _checks(network: bool) -> list[Callable[[], Check]]:
    found = [
        _check_python,
        _check_packages,
        _check_litellm,
        _check_snapshots,
        _check_spec,
        _check_runtime,
    ]
    found.append(_check_catalog)
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
        return Check(
            "catalog", "fail", f"{where}: {status.error} — rebuild: llmhub catalog refresh --force"
        )
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
    # The age of the data, not of the copy: a bundled snapshot is as old as its upstream commit.
    ages = "; ".join(
        f"{name} ({origin}) data {describe_age(as_of)} old"
        if as_of
        else f"{name} ({origin}) data date unknown"
        for name, (origin, as_of) in status.sources.items()
    )
    detail = f"{where}: build {status.build_id or 'unversioned'}, {describe_age(status.built_at)} old; {ages}"
    age = status.age_days()
    if age is not None and age > STALE_AFTER_DAYS:
        return Check("catalog", "warn", f"{detail} — refresh it: just refresh-catalog")
    return Check("catalog", "pass", detail)


def _data_test_failures(path) -> str:
    """The data tests that return rows on the catalog at ``path`` ('' when all pass)."""
    from llmhub.catalog.api import open_catalog
    from llmhub.pipeline import run_data_tests

    con = open_catalog(path)
    try:
        failures = run_data_tests(con)
    finally:
        con.close()
    return ", ".join(f"{f.name} ({f.count} rows)" for f in failures[:5])


def _check_network() -> Check:
    import urllib.request

    url = "https://models.dev/api.json"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=5):
            return Check("network", "pass", f"reached {url}")
    except OSError as exc:
        return Check("network", "warn", f"cannot reach {url} ({exc}); refreshes will use snapshots")
