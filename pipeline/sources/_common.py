"""Checks every source parser shares."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import datetime

from llmhub.errors import DataQualityError, SourceFetchError

from ..core import Payload
from ..fetching import http_get, make_payload, read_snapshot
from ..jsonio import wrong_shape

__all__ = ["check_usable", "fetch_parts", "live_base_url", "require_parts", "unknown_origin"]


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


def live_base_url(url_env: str, default: str) -> str:
    """The folder a source's live files are under: ``$<url_env>`` if set, else ``default``."""
    return (os.environ.get(url_env) or default).rstrip("/")


def fetch_parts(
    source: str,
    origin: str,
    snapshots: Mapping[str, str],
    live_urls: Callable[[], Mapping[str, str]],
    snapshot_as_of: datetime,
    *,
    timeout: float,
    retries: int,
) -> Payload:
    """A payload of several files: each downloaded (``live``) or read from its snapshot.

    Args:
        source: the source's name.
        origin: ``live`` or ``snapshot``.
        snapshots: part name -> its bundled file under ``data/snapshots/``.
        live_urls: part name -> URL; called only for ``live``, so that a setting the URLs need
            is checked only then.
        snapshot_as_of: when the bundled files last changed upstream.
        timeout: seconds per request.
        retries: retries per file after the first attempt.
    """
    if origin == "live":
        urls = live_urls()
        files = {
            part: http_get(source, url, timeout=timeout, retries=retries)
            for part, url in urls.items()
        }
        return make_payload(source, "live", " ".join(urls.values()), files)
    if origin == "snapshot":
        files = {part: read_snapshot(snapshot) for part, snapshot in snapshots.items()}
        location = " ".join(f"data/snapshots/{snapshot}" for snapshot in snapshots.values())
        return make_payload(source, "snapshot", location, files, snapshot_as_of)
    raise unknown_origin(source, origin)


def require_parts(source: str, parts: Mapping[str, object], payload: Payload) -> None:
    """Raise DataQualityError (wrong shape) when ``payload`` lacks one of ``parts``."""
    missing = sorted(set(parts) - set(payload.parts))
    if missing:
        raise wrong_shape(source, "parts", f"parts {sorted(parts)}", missing)
