"""Is this file an llmhub catalog, of a schema version this llmhub reads, and is it intact?

Every catalog llmhub builds carries a mark: a ``llmhub_meta`` table with ``kind =
llmhub-catalog`` and ``schema_version``. Commands that read a catalog check the mark
(``check_open``); commands that replace one check it first (``ownership``), so a user's own
DuckDB file is never replaced by a refresh. ``doctor`` and ``refresh`` also read every table
(``verify``), which finds the blocks whose checksums fail.

Catalogs from before the mark count as llmhub's, schema 0, only when they look like one
throughout: ``history.builds`` and ``history.model_snapshots`` with llmhub's columns, and a
``models`` table or view. A ``history.builds`` table alone is not llmhub's (``_is_premark_catalog``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from llmhub.catalog_mark import CATALOG_KIND, SCHEMA_VERSION
from llmhub.errors import CatalogError
from llmhub.sqlquote import quote_identifier

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "CATALOG_KIND",
    "SCHEMA_VERSION",
    "CatalogCheck",
    "catalog_fix",
    "check_open",
    "corrupt_error",
    "inspect_catalog",
    "is_duckdb_file",
    "ownership",
    "truncation",
    "verify",
]

# Schema versions this llmhub reads: 0 is a catalog built before the mark existed.
_READABLE = frozenset({0, 1})
_FIX = "rebuild it with `llmhub catalog refresh --force`"


def catalog_fix() -> str:
    return _FIX


@dataclass(frozen=True)
class CatalogCheck:
    """What ``inspect_catalog`` found. ``state`` is one of: missing, not-duckdb, unreadable,
    foreign, unknown-version, corrupt, ok."""

    path: Path
    state: str
    detail: str = ""
    schema_version: int | None = None

    @property
    def ok(self) -> bool:
        return self.state == "ok"

    @property
    def ours(self) -> bool:
        """Whether the file carries llmhub's mark (or is a pre-mark catalog), readable or not."""
        return self.state in ("ok", "unknown-version", "corrupt", "unreadable")


def is_duckdb_file(path: Path) -> bool:
    """DuckDB database files carry the magic bytes ``DUCK`` at offset 8."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
    except OSError:
        return False
    return len(head) == 12 and head[8:12] == b"DUCK"


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    return text[:200]


def _read_mark(con: duckdb.DuckDBPyConnection) -> tuple[str, int | None]:
    """``(state, schema_version)`` from the mark: ok, foreign or unknown-version."""
    names = {
        (s, n)
        for s, n in con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = "
            "current_database()"
        ).fetchall()
    }
    if ("main", "llmhub_meta") in names:
        meta = dict(con.execute("select key, value from llmhub_meta").fetchall())
        if meta.get("kind") != CATALOG_KIND:
            return "foreign", None
        try:
            # A NULL value (None) is as unreadable as a missing row or a word.
            version = int(str(meta.get("schema_version", "")))
        except ValueError:
            return "unknown-version", None
        return ("ok" if version in _READABLE else "unknown-version"), version
    if _is_premark_catalog(con, names):
        return "ok", 0
    return "foreign", None


# What every catalog llmhub built before the mark existed has: the history tables with their
# own columns, and the ``models`` mart. One table name
# is not enough: a user's database may well have a ``history.builds`` of its own.
_PREMARK_TABLES = frozenset({("history", "builds"), ("history", "model_snapshots")})
_PREMARK_COLUMNS = {
    ("history", "builds"): {"build_id", "built_at", "llmhub_version", "source_hashes"},
    ("history", "model_snapshots"): {"build_id", "canonical_id", "price_input_per_million"},
}


def _is_premark_catalog(con: duckdb.DuckDBPyConnection, tables: set[tuple[str, str]]) -> bool:
    """Whether a file without the mark is an llmhub catalog built before the mark existed."""
    if not _PREMARK_TABLES.issubset(tables):
        return False
    has_models = ("main", "models") in tables or bool(
        con.execute(
            "select 1 from duckdb_views() where database_name = current_database() "
            "and schema_name = 'main' and view_name = 'models'"
        ).fetchall()
    )
    if not has_models:
        return False
    for (schema, table), wanted in _PREMARK_COLUMNS.items():
        columns = {
            name
            for (name,) in con.execute(
                "select column_name from duckdb_columns() where database_name = "
                "current_database() and schema_name = ? and table_name = ?",
                [schema, table],
            ).fetchall()
        }
        if not wanted <= columns:
            return False
    return True


# A DuckDB file is three 4 KiB headers, then its blocks.
_HEADER_BYTES = 3 * 4096


def truncation(con: duckdb.DuckDBPyConnection, path: Path) -> str | None:
    """Why the file at ``path`` is shorter than its own block count says (None when it is not).

    DuckDB reads blocks lazily, so a cut file opens and may even answer some queries.
    """
    try:
        row = con.execute(
            "select block_size, total_blocks, free_blocks from pragma_database_size()"
        ).fetchone()
        size = path.stat().st_size
    except Exception:  # an unusual build of DuckDB: the deep check still reads every block
        return None
    if not row:
        return None
    # Free blocks at the end of the file may be truncated away when DuckDB checkpoints (after a
    # table is dropped, say), so only the blocks in use must be there; a cut that takes less than
    # the free blocks is left to the deep check, which reads every block.
    expected = _HEADER_BYTES + int(row[0]) * (int(row[1]) - int(row[2]))
    if size < expected:
        return f"the file is cut short ({size:,} of {expected:,} bytes)"
    return None


def verify(con: duckdb.DuckDBPyConnection) -> None:
    """Read every row of every table (DuckDB checks each block's checksum as it reads)."""
    tables = con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = "
        "current_database()"
    ).fetchall()
    for schema, name in tables:
        table = quote_identifier(schema, name)
        con.execute(f"select count(*), max(hash(t)) from {table} as t").fetchall()
    con.execute("select count(*) from models").fetchall()


def inspect_catalog(path: str | Path, *, deep: bool = False) -> CatalogCheck:
    """Classify the file at ``path``; ``deep`` also reads every table (see ``verify``)."""
    import duckdb

    target = Path(path)
    if not target.exists():
        return CatalogCheck(target, "missing")
    if not target.is_file():
        return CatalogCheck(target, "not-duckdb", "not a regular file")
    if not is_duckdb_file(target):
        return CatalogCheck(target, "not-duckdb", "not a DuckDB file")
    try:
        con = duckdb.connect(str(target), read_only=True)
    except duckdb.Error as exc:
        return CatalogCheck(target, "unreadable", _first_line(exc))
    try:
        try:
            state, version = _read_mark(con)
        except duckdb.Error as exc:
            return CatalogCheck(target, "unreadable", _first_line(exc))
        if state == "foreign":
            return CatalogCheck(target, state, "a DuckDB file without llmhub's mark")
        if state == "unknown-version":
            return CatalogCheck(target, state, _version_problem(version), version)
        cut = truncation(con, target)
        if cut is not None:
            return CatalogCheck(target, "corrupt", cut, version)
        if deep:
            try:
                verify(con)
            except duckdb.Error as exc:
                return CatalogCheck(target, "corrupt", _first_line(exc), version)
        return CatalogCheck(target, "ok", "", version)
    finally:
        con.close()


def _version_problem(version: int | None) -> str:
    """Why the mark's schema version is not one this llmhub reads (None: not a whole number)."""
    if version is None:
        # It said "version None": the mark has no schema_version row, or its value is empty,
        # NULL or not a number (edited by hand, or written by another tool).
        return (
            "the llmhub_meta mark has no readable schema_version (missing, empty or not a "
            "whole number)"
        )
    readable = ", ".join(str(v) for v in sorted(_READABLE))
    return (
        f"catalog schema version {version} is not one this llmhub reads ({readable}); a "
        "newer llmhub built it?"
    )


def ownership(path: Path) -> str | None:
    """For ``guard_target``: why replacing ``path`` would destroy something not llmhub's."""
    check = inspect_catalog(path)
    if check.ours:
        return None
    if check.state == "not-duckdb":
        return "not a DuckDB file, so not an llmhub catalog"
    if check.state == "unreadable":
        # A DuckDB file that cannot even be opened is treated as a damaged catalog: refresh
        # replaces it (with a note), which is the fix every read command suggests.
        return None
    return "a DuckDB file that is not an llmhub catalog (it has no llmhub_meta mark)"


def check_open(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Raise a one-line ``CatalogError`` unless ``con`` is an llmhub catalog this llmhub reads."""
    import duckdb

    try:
        state, version = _read_mark(con)
    except duckdb.Error as exc:
        raise corrupt_error(path, exc) from None
    if state == "foreign":
        raise CatalogError(
            f"{path}: not an llmhub catalog (a DuckDB file without llmhub's mark)",
            fix="point --db / LLMHUB_CATALOG at an llmhub catalog, or build one with "
            "`llmhub catalog refresh --db NEW_PATH`",
        )
    if state == "unknown-version":
        raise CatalogError(f"{path}: {_version_problem(version)}", fix=_FIX)
    cut = truncation(con, Path(path))
    if cut is not None:
        raise CatalogError(f"{path}: the catalog cannot be read: {cut}", fix=_FIX)


def missing_part(path: Path | str) -> str | None:
    """The first mart or mart column the catalog at ``path`` lacks (sql/marts/_contracts.yml),
    or None when it has every one: what a catalog with llmhub's mark but tables dropped or
    altered by hand is missing, where a read command's query failed to bind."""
    import duckdb

    from llmhub.pipeline.contracts import contracts

    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        found: dict[str, set[str]] = {}
        for table, column in con.execute(
            "select table_name, column_name from duckdb_columns() where schema_name = 'main'"
        ).fetchall():
            found.setdefault(table, set()).add(column)
    finally:
        con.close()
    for contract in contracts():
        if contract.layer != "marts":
            continue
        if contract.relation not in found:
            return f"table {contract.relation}"
        lacking = [c for c in contract.columns if c not in found[contract.relation]]
        if lacking:
            return f"column {contract.relation}.{lacking[0]}"
    return None


def read_failure(exc: Exception, path: Path | str | None) -> CatalogError | None:
    """The one-line error for a DuckDB error raised while reading the catalog at ``path``: a
    damaged file, or a catalog with llmhub's mark that lacks a mart or a mart column (see
    ``missing_part``); None for what is no fault of the file, a query bug, which keeps its
    traceback."""
    import duckdb

    if isinstance(exc, duckdb.CatalogException | duckdb.BinderException) and path is not None:
        lacking = missing_part(path)
        if lacking is not None:
            return damaged_error(path, lacking)
    damage = (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException)
    text = str(exc).lower()
    if not isinstance(exc, damage) and "checksum" not in text and "corrupt" not in text:
        return None
    return corrupt_error(path or "the catalog", exc)


def damaged_error(path: Path | str, lacking: str) -> CatalogError:
    """The one-line error for a catalog that lacks ``lacking`` (see ``missing_part``)."""
    return CatalogError(
        f"{path}: the catalog has no {lacking}: it was altered or is damaged", fix=_FIX
    )


def corrupt_error(path: Path | str, exc: BaseException) -> CatalogError:
    """The one-line error for a DuckDB failure while reading the catalog at ``path``."""
    return CatalogError(f"{path}: the catalog cannot be read: {_first_line(exc)}", fix=_FIX)
