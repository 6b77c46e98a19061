"""Reading the catalog from Python: ``open_catalog``, ``get_catalog``, ``build_catalog``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmhub.catalog.integrity import check_open
from llmhub.catalog.models import CanonicalModel, Catalog
from llmhub.errors import CatalogError, CatalogNotFoundError
from llmhub.paths import default_catalog_path

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "build_catalog",
    "catalog_version",
    "get_catalog",
    "last_opened_catalog",
    "open_catalog",
    "resolve_catalog_path",
]


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


def catalog_version(con: duckdb.DuckDBPyConnection) -> tuple[str, Any]:
    """The newest build id and time in ``con``, or ``("unversioned", None)``."""
    import duckdb

    try:
        row = con.execute(
            "select build_id, built_at from builds order by built_at desc, build_id desc limit 1"
        ).fetchone()
    except duckdb.CatalogException:
        return "unversioned", None
    return (row[0], row[1]) if row else ("unversioned", None)


def get_catalog(
    provider: str | None = None,
    tags: Iterable[str] | None = None,
    mode: str | None = None,
    db_path: str | Path | None = None,
    *,
    include_deprecated: bool = True,
) -> Catalog:
    """The catalog's models, optionally filtered.

    Args:
        provider: keep one models.dev provider id (e.g. ``"openai"``).
        tags: keep models that carry every one of these tags (e.g. ``["reasoning", "tools"]``).
        mode: keep one mode (``chat``, ``embedding``, ...).
        db_path: the catalog file; default as in ``open_catalog``.
        include_deprecated: False drops models marked deprecated.

    Returns:
        A ``Catalog`` whose ``catalog_version`` is the newest build id.

    Example:
        >>> cheap = [m for m in get_catalog(mode="chat") if m.cost_tier == 1]  # doctest: +SKIP
    """
    where: list[str] = []
    params: list[object] = []
    if provider:
        where.append("provider = ?")
        params.append(provider)
    if mode:
        where.append("mode = ?")
        params.append(mode)
    wanted = sorted(set(tags or ()))
    if wanted:
        where.append("list_has_all(tags, ?::varchar[])")
        params.append(wanted)
    if not include_deprecated:
        where.append("not coalesce(is_deprecated, false)")
    sql = "select * from models"
    if where:
        sql += " where " + " and ".join(where)
    sql += " order by canonical_id"
    con = open_catalog(db_path)
    try:
        version, built_at = catalog_version(con)
        cursor = con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        models = [CanonicalModel(**dict(zip(names, row, strict=True))) for row in cursor.fetchall()]
    finally:
        con.close()
    return Catalog(catalog_version=version, built_at=built_at, models=models)


def build_catalog(
    force_refresh: bool = False,
    ttl_hours: float = 24,
    *,
    db_path: str | Path | None = None,
    source: str = "auto",
) -> Catalog:
    """Refresh the catalog if it is older than ``ttl_hours`` (or ``force_refresh``), then read it.

    Example:
        >>> catalog = build_catalog(ttl_hours=24)  # doctest: +SKIP
        >>> catalog.catalog_version  # doctest: +SKIP
        '20261128T153802Z-1a2b3c4d'
    """
    from llmhub.catalog.refresh import refresh_catalog

    result = refresh_catalog(db_path, source=source, force=force_refresh, ttl_hours=ttl_hours)
    return get_catalog(db_path=result.path)
