"""Which catalog llmhub uses, why that one, and how old each source in it is (for ``doctor``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from llmhub.errors import CatalogError
from llmhub.paths import CATALOG_ENV, checkout_root, default_catalog_path

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "SOURCE_AGE_LIMITS",
    "STALE_AFTER_DAYS",
    "CatalogStatus",
    "catalog_status",
    "describe_age",
    "location_rule",
]

# A catalog older than this is still usable, but prices and scores move monthly.
STALE_AFTER_DAYS = 7.0
# Days after which a source's *data* (not the copy of it) makes `doctor` warn, then fail.
# Prices and the models litellm can call change weekly; arena ratings drift more slowly.
SOURCE_AGE_LIMITS: dict[str, tuple[float, float]] = {
    "models_dev": (30.0, 90.0),
    "litellm": (30.0, 90.0),
    "lmarena": (60.0, 180.0),
    # A daily mirror: a month without an update means the live path is broken.
    "artificial_analysis": (30.0, 90.0),
    # LiveBench publishes a new release table a few times a year.
    "livebench": (120.0, 365.0),
}


@dataclass(frozen=True)
class CatalogStatus:
    """What ``llmhub doctor`` reports about the catalog."""

    path: Path
    rule: str
    exists: bool
    build_id: str | None = None
    built_at: datetime | None = None
    sources: dict[str, tuple[str, datetime | None]] = field(default_factory=dict)
    error: str | None = None
    # the attribution lines the sources of this build ask for (sources.attribution)
    attributions: tuple[str, ...] = ()

    def age_days(self, now: datetime | None = None) -> float | None:
        if self.built_at is None:
            return None
        built = (
            self.built_at if self.built_at.tzinfo else self.built_at.replace(tzinfo=timezone.utc)
        )
        return ((now or datetime.now(timezone.utc)) - built).total_seconds() / 86400


def location_rule() -> str:
    """Why the default catalog path is what it is."""
    if os.environ.get(CATALOG_ENV):
        return f"${CATALOG_ENV}"
    if checkout_root() is not None:
        return "checkout (data/catalog.duckdb)"
    return "per-user data folder"


def catalog_status(path: Path | None = None) -> CatalogStatus:
    """Read the build and per-source facts of the catalog at ``path`` (default location)."""
    import duckdb

    from llmhub.catalog.reader import open_catalog, read_catalog_info

    target = path or default_catalog_path()
    rule = "--db" if path is not None else location_rule()
    if not target.is_file():
        return CatalogStatus(target, rule, exists=False)
    try:
        con = open_catalog(target)
    except Exception as exc:  # reported as a failed check, never raised from doctor
        return CatalogStatus(target, rule, exists=True, error=str(exc))
    try:
        info = read_catalog_info(con, target)
        attributions = _attributions(con)
    except CatalogError as exc:
        return CatalogStatus(target, rule, exists=True, error=str(exc))
    except duckdb.Error as exc:
        return CatalogStatus(target, rule, exists=True, error=str(exc).splitlines()[0])
    finally:
        con.close()
    return CatalogStatus(
        target,
        rule,
        exists=True,
        build_id=None if info.build_id == "unversioned" else info.build_id,
        built_at=info.built_at,
        sources={s.source: (s.origin, s.data_as_of) for s in info.sources},
        attributions=attributions,
    )


def _attributions(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """Attribution lines of sources that require one; none from a catalog built before them."""
    import duckdb

    try:
        rows = con.execute(
            "select attribution from sources where license like '%attribution%' order by source"
        ).fetchall()
    except duckdb.BinderException:
        return ()
    return tuple(str(r[0]) for r in rows if r[0])


def describe_age(when: datetime | None, now: datetime | None = None) -> str:
    """``3 h``, ``2.5 days``: how long ago ``when`` was."""
    if when is None:
        return "unknown age"
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    hours = ((now or datetime.now(timezone.utc)) - when).total_seconds() / 3600
    if hours < 1:
        return f"{max(hours * 60, 0):.0f} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"
