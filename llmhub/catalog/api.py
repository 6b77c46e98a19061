"""Reading the catalog from Python: ``open_catalog``, ``get_catalog``, ``build_catalog``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from llmhub.catalog.models import CanonicalModel, Catalog
from llmhub.catalog.reader import (
    catalog_version,
    last_opened_catalog,
    open_catalog,
    resolve_catalog_path,
)

__all__ = [
    "build_catalog",
    "catalog_version",
    "get_catalog",
    "last_opened_catalog",
    "open_catalog",
    "resolve_catalog_path",
]


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
    import duckdb
    import pydantic

    from llmhub.catalog.integrity import damaged_error, missing_part, read_failure

    path = resolve_catalog_path(db_path)
    con = open_catalog(path)
    try:
        version, built_at = catalog_version(con)
        cursor = con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        models = [CanonicalModel(**dict(zip(names, row, strict=True))) for row in cursor.fetchall()]
    except (duckdb.Error, pydantic.ValidationError) as exc:
        con.close()  # the checks below open the file themselves
        if isinstance(exc, duckdb.Error):
            error = read_failure(exc, path)  # checks the marts where the query cannot bind
        else:  # rows that are not models: a catalog whose `models` was altered by hand
            lacking = missing_part(path)
            error = damaged_error(path, lacking) if lacking is not None else None
        if error is None:
            raise
        raise error from None
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
