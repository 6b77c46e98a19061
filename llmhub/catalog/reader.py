"""The one catalog reader: open the file read-only, and the facts every command reads first.

    resolve_catalog_path   --db / $LLMHUB_CATALOG / the default location, ``~`` expanded
    open_catalog           a read-only connection to a checked llmhub catalog; one error per
                           failure (missing: ``CatalogNotFoundError``, exit 2; not llmhub's,
                           unknown schema, cut short, unreadable: ``CatalogError``, exit 1)
    catalog_version        the newest build id and time
    read_catalog_info      build id and time, providers, source ages (``CatalogInfo``)

The generator, ``doctor``, ``status``, ``plot`` and the CLI all read through here. Opening is on
``generate``'s hot path: it costs one metadata query, and ``read_catalog_info`` three small ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmhub.catalog.integrity import check_open, is_duckdb_file
from llmhub.errors import CatalogError, CatalogNotFoundError
from llmhub.paths import default_catalog_path

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "CatalogInfo",
    "ProviderRow",
    "SourceAge",
    "catalog_version",
    "last_opened_catalog",
    "open_catalog",
    "read_catalog_info",
    "resolve_catalog_path",
]


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
    built_at: datetime | None = None

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


def resolve_catalog_path(db_path: str | Path | None = None) -> Path:
    """``db_path`` if given, else ``$LLMHUB_CATALOG``, else the default location."""
    return Path(db_path).expanduser() if db_path is not None else default_catalog_path()


def open_catalog(
    db_path: str | Path | None = None, *, sandboxed: bool = False
) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to the catalog.

    Args:
        db_path: the catalog file; default ``$LLMHUB_CATALOG`` or ``data/catalog.duckdb``.
        sandboxed: also forbid every file-system access (COPY, ATTACH, read_csv) and lock the
            settings, for running SQL that a user typed.

    Raises:
        CatalogNotFoundError: no file there (exit 2).
        CatalogError: the file is not a readable llmhub catalog of a known schema version.
    """
    import duckdb

    path = resolve_catalog_path(db_path)
    if not path.is_file():
        raise CatalogNotFoundError(path)
    if not is_duckdb_file(path):
        # DuckDB would read a SQLite file by downloading its sqlite_scanner extension
        raise CatalogError(
            f"{path}: not a DuckDB file, so not an llmhub catalog",
            fix="point --db / LLMHUB_CATALOG at an llmhub catalog; if llmhub wrote this file, "
            "rebuild it with `llmhub catalog refresh --force`",
        )
    config: dict[str, Any] = {}
    if sandboxed:
        config = {"enable_external_access": False, "lock_configuration": True}
    try:
        con = duckdb.connect(str(path), read_only=True, config=config)
    except duckdb.Error as exc:
        raise CatalogError(
            f"{path}: cannot open the catalog: {str(exc).splitlines()[0]}",
            fix="rebuild it with `llmhub catalog refresh --force`",
        ) from None
    try:
        check_open(con, path)
    except BaseException:
        con.close()
        raise
    _opened.append(path)
    return con


# The catalogs this process opened, newest last: a DuckDB error that escapes a command (a
# checksum failure deep in a query) is reported against the file it most likely came from.
_opened: list[Path] = []


def last_opened_catalog() -> Path | None:
    """The catalog file this process opened most recently, if any."""
    return _opened[-1] if _opened else None


def catalog_version(con: duckdb.DuckDBPyConnection) -> tuple[str, datetime | None]:
    """The newest build id and time in ``con``, or ``("unversioned", None)``."""
    import duckdb

    try:
        row = con.execute(
            "select build_id, built_at from builds order by built_at desc, build_id desc limit 1"
        ).fetchone()
    except duckdb.CatalogException:
        return "unversioned", None
    return (row[0], row[1]) if row else ("unversioned", None)


def read_catalog_info(con: duckdb.DuckDBPyConnection, path: str | Path) -> CatalogInfo:
    """Build id and time, providers and source ages of the catalog open on ``con``.

    Tolerant of catalogs built before `builds` or `sources` existed.

    Raises:
        CatalogError: the catalog has no `providers` view, so it is not an llmhub catalog.
    """
    import duckdb

    def rows(sql: str) -> list[tuple[Any, ...]]:
        try:
            return con.execute(sql).fetchall()
        except duckdb.CatalogException:
            return []

    build_id, built_at = catalog_version(con)
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
    return CatalogInfo(Path(path), str(build_id), providers, sources, built_at)
