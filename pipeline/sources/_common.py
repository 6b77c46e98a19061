"""Checks every source parser shares."""

from __future__ import annotations

from llmhub.errors import DataQualityError, SourceFetchError

__all__ = ["check_usable", "unknown_origin"]


def check_usable(source: str, entity: str, kept: int, quarantined: int) -> None:
    """Raise DataQualityError when no row of ``entity`` survived the parse.

    How many quarantined rows a source may have is the publish gate's question
    (``llmhub.catalog.validate.MAX_QUARANTINED_FRACTION``), not the parser's.
    """
    total = kept + quarantined
    if kept == 0:
        raise DataQualityError(
            f"{source}: {entity}: 0 usable rows ({quarantined} quarantined of {total})",
            source=source,
            field=entity,
            fix="the payload holds no usable data; fetch it again or check the URL override",
        )


def unknown_origin(source: str, origin: str) -> SourceFetchError:
    """The error for an origin a source cannot fetch from."""
    return SourceFetchError(
        f"{source}: unknown origin {origin!r}",
        source=source,
        fix="use 'live' or 'snapshot' (the cache is handled by the catalog refresh)",
    )
