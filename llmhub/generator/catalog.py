"""What the generator reads from the catalog besides the selection query itself.

The catalog is opened read-only: generation never changes it (the interpreter's cache lives in
its own file, see ``llmhub.generator.interpreter``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmhub.errors import CatalogError

if TYPE_CHECKING:
    import duckdb

__all__ = ["CatalogInfo", "ProviderRow", "SourceAge", "open_catalog_readonly", "read_catalog_info"]

# Names that mean the same provider although models.dev and litellm spell them differently,
# for catalogs whose `providers` view lacks the litellm prefix.
PROVIDER_ALIASES: dict[str, str] = {"gemini": "google", "google": "gemini"}


@dataclass(frozen=True)
class ProviderRow:
    """One models.dev provider and how litellm names it."""

    provider: str
    litellm_provider: str | None
    env_key: str | None


@dataclass(frozen=True)
class SourceAge:
    """When a source of this catalog build was fetched."""

    source: str
    origin: str
    fetched_at: datetime | None
    data_as_of: datetime | None = None


@dataclass(frozen=True)
class CatalogInfo:
    """Facts about the catalog build: its id, its providers and the age of its sources."""

    path: Path
    build_id: str
    providers: tuple[ProviderRow, ...]
    sources: tuple[SourceAge, ...]

    def resolve(self, name: str) -> set[str]:
        """Every spelling (models.dev id or litellm prefix, lower case) that ``name`` stands for.

        Empty when the catalog knows no provider of that name.
        """
        key = name.lower()
        found = set(self._index().get(key, ()))
        alias = PROVIDER_ALIASES.get(key)
        if alias is not None:
            found |= self._index().get(alias, set())
        return found

    def _index(self) -> dict[str, set[str]]:
        # spelling -> every spelling of the providers that use it; built once per catalog.
        cached = self.__dict__.get("_spellings")
        if cached is None:
            cached = {}
            for row in self.providers:
                spellings = {row.provider.lower()}
                if row.litellm_provider:
                    spellings.add(row.litellm_provider.lower())
                for spelling in spellings:
                    cached.setdefault(spelling, set()).update(spellings)
            object.__setattr__(self, "_spellings", cached)
        return cached


def open_catalog_readonly(db_path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to the catalog.

    Raises:
        CatalogNotFoundError: no file there (exit 2).
        CatalogError: the file is not an llmhub catalog, or cannot be read.
    """
    from llmhub.catalog.api import open_catalog

    return open_catalog(db_path)


def read_catalog_info(con: duckdb.DuckDBPyConnection, path: Path) -> CatalogInfo:
    """Build id, providers and source ages; tolerant of catalogs built before `builds` existed."""
    import duckdb

    def rows(sql: str) -> list[tuple[Any, ...]]:
        try:
            return con.execute(sql).fetchall()
        except duckdb.CatalogException:
            return []

    builds = rows("select build_id from builds order by built_at desc, build_id desc limit 1")
    build_id = str(builds[0][0]) if builds else "unversioned"
    providers = tuple(
        ProviderRow(str(p), lp, ek)
        for p, lp, ek in rows(
            "select provider, litellm_provider, env_key from providers order by provider"
        )
    )
    if not providers:
        raise CatalogError(
            f"{path} has no `providers` view: it is not an llmhub catalog",
            fix="rebuild it with `llmhub catalog refresh --force`",
        )
    sources = tuple(
        SourceAge(str(s), str(o), f, a)
        for s, o, f, a in rows(
            "select source, origin, fetched_at, data_as_of from sources order by source"
        )
    )
    return CatalogInfo(path, build_id, providers, sources)
