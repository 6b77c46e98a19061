"""``catalog history --prune``: keep the newest builds of a catalog's history, drop the rest.

The catalog is copied next to itself, pruned, checked and published by one rename under the
refresh lock, so readers see the old file or the new one and a failure changes nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from llmhub.catalog.history import history_keep
from llmhub.catalog.integrity import corrupt_error
from llmhub.catalog.locking import catalog_lock
from llmhub.catalog.reader import open_catalog, resolve_catalog_path
from llmhub.errors import InputError
from llmhub.fsutil import replace_atomically
from llmhub.sqlquote import quote_identifier

__all__ = ["list_builds", "prune_history"]


def list_builds(db_path: str | Path | None = None) -> list[tuple[str, object, int | None]]:
    """``(build_id, built_at, model_count)`` for every build in the history, oldest first."""
    con = open_catalog(db_path)
    try:
        return [
            (str(b), t, n)
            for b, t, n in con.execute(
                "select build_id, built_at, model_count from builds order by built_at, build_id"
            ).fetchall()
        ]
    finally:
        con.close()


def prune_history(db_path: str | Path | None = None, *, keep: int | None = None) -> int:
    """Drop all but the newest ``keep`` builds (default: the history setting, 90); returns how
    many builds were removed.

    Raises:
        InputError: ``keep`` is below 1.
        CatalogError: the catalog is missing, not llmhub's, or cannot be read.
    """
    import duckdb

    keep = history_keep() if keep is None else keep
    if keep < 1:
        raise InputError("--keep must be at least 1", field="keep", fix="e.g. --keep 90")
    path = resolve_catalog_path(db_path)
    open_catalog(path).close()  # exists, is llmhub's, of a known version
    with catalog_lock(path):
        tmp = path.with_name(f"{path.name}.{os.getpid()}.prune.tmp")
        try:
            shutil.copyfile(path, tmp)
            con = duckdb.connect(str(tmp))
            try:
                before = con.execute("select count(*) from history.builds").fetchone()[0]  # type: ignore[index]  # count(*) always returns one row
                con.execute(
                    "create temp table kept as select build_id from history.builds "
                    "order by built_at desc, build_id desc limit ?",
                    [keep],
                )
                for table in ("model_snapshots", "builds"):
                    con.execute(
                        f"delete from {quote_identifier('history', table)} "
                        "where build_id not in (select build_id from kept)"
                    )
                con.execute("checkpoint")
            finally:
                con.close()
            removed = int(before) - min(int(before), keep)
            if removed:
                replace_atomically(tmp, path)
            return removed
        except duckdb.Error as exc:
            raise corrupt_error(path, exc) from None
        finally:
            tmp.unlink(missing_ok=True)
            tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
