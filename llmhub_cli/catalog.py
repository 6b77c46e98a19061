"""Compatibility module ``llmhub_cli.catalog``: the catalog as the original design served it.

Differences from ``llmhub.catalog`` (see docs/seed-api.md):

* ``build_catalog(ttl_hours=24, force_refresh=False)`` and ``get_catalog(ttl_hours=24,
  force_refresh=False, provider=None, tags=None, ...)`` take the original's parameter order, and
  both build the catalog from the bundled data when there is none (saying so on stderr). A
  catalog older than ``ttl_hours`` is refreshed first, as the original's cache did.
* Tiers are integers 1-5 as in the original: an unknown tier reads as the middle tier 3, and
  ``<tier>_known`` says whether it was measured. ``llmhub.catalog`` keeps ``None``.
* ``Catalog(models=[...], built_at="2024-12-02T00:00:00")`` works: ``catalog_version`` is
  optional and ``built_at`` is a string (a datetime is accepted and written as ISO 8601).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from llmhub.catalog import CanonicalModel as _LLMHubModel
from llmhub.catalog import open_catalog, refresh_catalog
from llmhub.errors import CatalogError

__all__ = [
    "TIERS",
    "UNKNOWN_TIER",
    "CanonicalModel",
    "Catalog",
    "CatalogError",
    "build_catalog",
    "get_catalog",
    "open_catalog",
    "refresh_catalog",
]

TIERS = ("cost_tier", "quality_tier", "reasoning_tier", "creative_tier", "coding_tier")
# The original's tiers were always integers; an unmeasured one sits in the middle of 1-5.
UNKNOWN_TIER = 3


class CanonicalModel(_LLMHubModel):
    """One catalog model with the original's tiers: 1 (best or cheapest) to 5, never None.

    A tier the catalog does not know reads as ``UNKNOWN_TIER`` (3) with ``<tier>_known`` False,
    so ``model.cost_tier <= 2`` works on every model and ``model.quality_tier_known`` tells a
    measured 3 from a default one.
    """

    cost_tier: int = Field(default=UNKNOWN_TIER, ge=1, le=5)
    quality_tier: int = Field(default=UNKNOWN_TIER, ge=1, le=5)
    reasoning_tier: int = Field(default=UNKNOWN_TIER, ge=1, le=5)
    creative_tier: int = Field(default=UNKNOWN_TIER, ge=1, le=5)
    coding_tier: int = Field(default=UNKNOWN_TIER, ge=1, le=5)
    cost_tier_known: bool = False
    quality_tier_known: bool = False
    reasoning_tier_known: bool = False
    creative_tier_known: bool = False
    coding_tier_known: bool = False

    @model_validator(mode="before")
    @classmethod
    def _unknown_is_middle(cls, data: Any) -> Any:
        if isinstance(data, _LLMHubModel):
            data = dict(data.__dict__)
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for tier in TIERS:
            value = data.get(tier)
            data.setdefault(f"{tier}_known", value is not None)
            if value is None:
                data[tier] = UNKNOWN_TIER
        return data


class Catalog(BaseModel):
    """The models of one catalog build, as the original's ``Catalog``."""

    model_config = ConfigDict(frozen=True)

    catalog_version: int | str = 1
    built_at: str | None = None
    models: list[CanonicalModel] = Field(default_factory=list)

    @field_validator("built_at", mode="before")
    @classmethod
    def _iso(cls, value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime) else value

    def __len__(self) -> int:
        return len(self.models)

    # The original Catalog iterates its models; pydantic's BaseModel iterates (field, value).
    def __iter__(self) -> Iterator[CanonicalModel]:  # type: ignore[override]
        return iter(self.models)

    def get(self, canonical_id: str) -> CanonicalModel | None:
        """The model with this ``canonical_id`` (``provider/model_id``), or None."""
        return next((m for m in self.models if m.canonical_id == canonical_id), None)


def build_catalog(
    ttl_hours: float = 24,
    force_refresh: bool = False,
    *,
    db_path: str | Path | None = None,
    source: str = "auto",
) -> Catalog:
    """Make sure a catalog exists and is younger than ``ttl_hours``, then read all of it.

    With no catalog yet, it is built from the bundled data (no network; a note on stderr says
    so). An older one is refreshed from ``source`` (``auto``: live, else the last good data,
    else the bundled snapshot). ``force_refresh`` rebuilds whatever its age.
    """
    return get_catalog(ttl_hours, force_refresh, db_path=db_path, source=source)


def get_catalog(
    ttl_hours: float = 24,
    force_refresh: bool = False,
    provider: str | None = None,
    tags: Iterable[str] | None = None,
    *,
    mode: str | None = None,
    db_path: str | Path | None = None,
    include_deprecated: bool = True,
    source: str = "auto",
) -> Catalog:
    """``build_catalog``, then keep one ``provider`` and models carrying every one of ``tags``."""
    from llmhub.catalog import get_catalog as read_catalog
    from llmhub.catalog.api import resolve_catalog_path

    path = resolve_catalog_path(db_path)
    if not path.is_file() and not force_refresh:
        print(
            f"llmhub: no catalog at {path}; building it from the bundled data "
            "(run `llmhub catalog refresh` for live prices and scores)",
            file=sys.stderr,
        )
        refresh_catalog(path, source="snapshot", force=True)
    else:
        refresh_catalog(path, source=source, force=force_refresh, ttl_hours=ttl_hours)
    found = read_catalog(provider, tags, mode, db_path=path, include_deprecated=include_deprecated)
    return Catalog(
        catalog_version=found.catalog_version,
        built_at=found.built_at.isoformat() if found.built_at else None,
        models=[CanonicalModel.model_validate(m) for m in found.models],
    )
