"""Checks every source parser shares."""

from __future__ import annotations

from llmhub.errors import DataQualityError, SourceFetchError

__all__ = ["MAX_QUARANTINED_SHARE", "check_usable", "unknown_origin"]

# Above this share of quarantined rows the payload is not a slightly dirty copy of the source
# but something else (a schema change upstream, a wrong file): refuse it as a whole.
MAX_QUARANTINED_SHARE = 0.5


def check_usable(source: str, entity: str, kept: int, quarantined: int) -> None:
    """Raise DataQualityError when too few rows survived to trust the payload at all."""
    total = kept + quarantined
    if kept == 0:
        raise DataQualityError(
            f"{source}: {entity}: 0 usable rows ({quarantined} quarantined of {total})",
            source=source,
            field=entity,
            fix="the payload holds no usable data; fetch it again or check the URL override",
        )
    if quarantined / total > MAX_QUARANTINED_SHARE:
        raise DataQualityError(
            f"{source}: {entity}: {quarantined} of {total} rows quarantined"
            f" ({quarantined / total:.0%}, limit {MAX_QUARANTINED_SHARE:.0%})",
            source=source,
            field=entity,
            fix="the upstream format may have changed; keep the previous catalog and investigate",
        )


def unknown_origin(source: str, origin: str) -> SourceFetchError:
    """The error for an origin a source cannot fetch from."""
    return SourceFetchError(
        f"{source}: unknown origin {origin!r}",
        source=source,
        fix="use 'live' or 'snapshot' (the cache is handled by the catalog refresh)",
    )
