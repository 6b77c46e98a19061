"""``llmhub catalog export``: one catalog view written to a parquet, csv or json file.

The catalog is opened read-only; the file is written beside its target and renamed into place,
so a failed export leaves the previous file byte-identical.
"""

from __future__ import annotations

import os
from pathlib import Path

from llmhub.catalog.reader import open_catalog
from llmhub.errors import InputError
from llmhub.fsutil import guard_target, replace_atomically
from llmhub.sqlquote import quote_identifier, quote_literal
from llmhub.text import shorten

__all__ = ["EXPORT_FORMATS", "EXPORT_TABLES", "export_format_for", "export_table"]

EXPORT_FORMATS = ("parquet", "csv", "json")
EXPORT_TABLES = ("models", "model_scores", "providers", "sources", "builds")

# File extensions each export format is written under; another format's extension is refused.
_EXTENSIONS = {"parquet": (".parquet", ".pq"), "csv": (".csv",), "json": (".json",)}


def export_format_for(out: str | Path, fmt: str | None) -> str:
    """The format to write ``out`` in: ``fmt`` checked against the extension, else inferred.

    Raises:
        InputError: the format and the extension disagree, or neither names a format.
    """
    suffix = Path(out).suffix.lower()
    by_ext = next((f for f, exts in _EXTENSIONS.items() if suffix in exts), None)
    if fmt is None:
        if by_ext is None:
            raise InputError(
                f"cannot tell the format from {Path(out).name!r}",
                field="format",
                fix="pass --format parquet|csv|json, or end --out with .parquet, .csv or .json",
            )
        return by_ext
    if fmt not in EXPORT_FORMATS:
        raise InputError(
            f"unknown export format {fmt!r}",
            field="format",
            fix="`--format` must be one of: " + ", ".join(EXPORT_FORMATS),
        )
    if by_ext is not None and by_ext != fmt:
        raise InputError(
            f"--format {fmt} does not match the extension of {Path(out).name!r} ({by_ext})",
            field="format",
            fix=f"use --format {by_ext}, or name the file *{_EXTENSIONS[fmt][0]}",
        )
    return fmt


def export_table(
    out: str | Path,
    fmt: str | None,
    db_path: str | Path | None = None,
    *,
    table: str = "models",
    force: bool = False,
    mkdir: bool = False,
) -> tuple[Path, int]:
    """Write one catalog view to ``out`` as parquet, csv or json (a JSON array), atomically.

    Args:
        out: the file to write; a symlink is written through to its target.
        fmt: parquet, csv or json; None infers it from the extension of ``out``.
        db_path: the catalog file.
        table: the view to export.
        force: replace an existing file.
        mkdir: create a missing parent folder.

    Returns:
        The path written and the number of rows.

    Raises:
        InputError: unknown or mismatched format, unknown table, an existing file without
            ``force``, a missing folder without ``mkdir``, or ``out`` cannot be written.
    """
    import duckdb

    fmt = export_format_for(out, fmt)
    if table not in EXPORT_TABLES:
        raise InputError(
            f"unknown table {shorten(table)!r}",
            field="table",
            fix="use one of " + ", ".join(EXPORT_TABLES),
        )
    target = Path(out).expanduser()
    if target.is_dir():
        raise InputError(
            f"{target} is a folder",
            field="out",
            fix=f"give a file name, e.g. {target / f'{table}.{fmt}'}",
        )
    target = guard_target(target, force=force, mkdir=mkdir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unwritable(target, exc) from None
    options = {
        "parquet": "format parquet",
        "csv": "format csv, header true",
        "json": "format json, array true",
    }
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    con = open_catalog(db_path)
    try:
        name = quote_identifier(table)
        rows = con.execute(f"select count(*) from {name}").fetchone()[0]  # type: ignore[index]  # count(*) always returns one row
        # COPY takes no parameter for its path; the folder was checked above.
        con.execute(f"copy (select * from {name}) to {quote_literal(str(tmp))} ({options[fmt]})")
        replace_atomically(tmp, target)
    except (duckdb.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise _unwritable(target, exc) from None
    finally:
        con.close()
    return target, int(rows)


def _unwritable(target: Path, exc: BaseException) -> InputError:
    reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
    return InputError(
        f"cannot write {target}: {reason}",
        path=target,
        field="out",
        fix="choose a writable --out path",
    )
