"""Quote names and file paths placed in SQL text; values are always bound parameters instead.

DuckDB follows the SQL standard: an identifier goes in double quotes with each ``"`` doubled, a
string literal in single quotes with each ``'`` doubled. Every name llmhub puts into SQL text
(a schema, a table, a view, a column) goes through ``quote_identifier``, and every path that a
statement takes no parameter for (``COPY ... TO``, ``read_parquet``) through ``quote_literal``,
so that a name with a quote, a dot or a keyword in it stays one name. See sqlite-utils, which
quotes identifiers in one helper too.
"""

from __future__ import annotations

__all__ = ["quote_identifier", "quote_literal"]


def quote_identifier(*parts: str) -> str:
    """``"schema"."table"`` from its parts, each quoted on its own.

    Raises:
        ValueError: no part, or a part that is empty or holds a NUL byte (no quoting makes
            those a name DuckDB accepts).
    """
    if not parts:
        raise ValueError("quote_identifier needs at least one name")
    for part in parts:
        if not part or "\x00" in part:
            raise ValueError(f"not a usable SQL name: {part!r}")
    return ".".join('"' + part.replace('"', '""') + '"' for part in parts)


def quote_literal(text: str) -> str:
    """``'text'`` with each ``'`` doubled, for the statements that take no bound parameter.

    Raises:
        ValueError: ``text`` holds a NUL byte.
    """
    if "\x00" in text:
        raise ValueError(f"a NUL byte cannot go into an SQL string: {text!r}")
    return "'" + text.replace("'", "''") + "'"
