"""The only network and file I/O of the sources: HTTP GET with retries, and snapshot reads.

Live fetches retry on every failure a later attempt might not see again (timeout, connection
refused or reset, a 4xx/5xx status, a body cut off before its Content-Length) with exponential
backoff, then raise ``SourceFetchError`` naming the source, the URL and the last failure.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone

from llmhub.errors import SourceFetchError
from llmhub.paths import resource

from .core import Payload, payload_sha256

__all__ = ["BACKOFF_ENV", "http_get", "make_payload", "read_snapshot"]

BACKOFF_ENV = "LLMHUB_FETCH_BACKOFF"
DEFAULT_BACKOFF_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 8.0
CHUNK_BYTES = 1 << 16
USER_AGENT = "llmhub-catalog (+https://github.com/llmhub)"


def _backoff_base() -> float:
    try:
        return max(0.0, float(os.environ.get(BACKOFF_ENV, DEFAULT_BACKOFF_SECONDS)))
    except ValueError:
        return DEFAULT_BACKOFF_SECONDS


def _get_once(url: str, timeout: float) -> bytes:
    """One GET; ``timeout`` bounds the whole transfer, not only each socket read."""
    import http.client
    import urllib.request

    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        expected = response.headers.get("Content-Length")
        chunks: list[bytes] = []
        received = 0
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError(f"transfer took longer than {timeout:g} s")
            chunk = response.read(CHUNK_BYTES)
            if not chunk:
                break
            chunks.append(chunk)
            received += len(chunk)
    if expected is not None and expected.isdigit() and received != int(expected):
        raise http.client.IncompleteRead(b"", int(expected) - received)
    return b"".join(chunks)


def _describe(error: BaseException) -> str:
    import http.client
    import socket
    import urllib.error

    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, http.client.IncompleteRead):
        return f"connection cut off ({error.expected} bytes missing)"
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return "timed out"
        return f"cannot connect ({reason})"
    if isinstance(error, (socket.timeout, TimeoutError)):
        return f"timed out ({error})" if str(error) else "timed out"
    return f"{type(error).__name__}: {error}"


def http_get(source: str, url: str, *, timeout: float, retries: int) -> bytes:
    """GET ``url`` with up to ``retries`` retries after the first try; raise SourceFetchError."""
    # Imported here: only a live fetch needs the HTTP stack, not a snapshot refresh.
    import http.client

    backoff = _backoff_base()
    attempts = max(0, retries) + 1
    last = ""
    for attempt in range(attempts):
        try:
            return _get_once(url, timeout)
        except (OSError, http.client.HTTPException, ValueError) as error:
            # HTTPError and URLError are OSErrors; ValueError covers a malformed URL.
            last = _describe(error)
            if isinstance(error, ValueError) and not isinstance(error, OSError):
                break
        if attempt + 1 < attempts:
            time.sleep(min(MAX_BACKOFF_SECONDS, backoff * 2**attempt))
    raise SourceFetchError(
        f"{source}: GET {url} failed after {attempts} attempt(s): {last}",
        source=source,
        url=url,
        fix="check the network or the URL override, or use --source snapshot",
    )


def read_snapshot(*parts: str) -> bytes:
    """The bytes of a file bundled under ``data/snapshots/``."""
    return resource("data", "snapshots", *parts).read_bytes()


def make_payload(
    source: str,
    origin: str,
    location: str,
    parts: dict[str, bytes],
    data_as_of: datetime | None = None,
) -> Payload:
    """A Payload stamped now (UTC) with the sha256 of its parts.

    Live data is as of its fetch; a snapshot passes the upstream date of its data.
    """
    now = datetime.now(timezone.utc)
    return Payload(
        source=source,
        origin=origin,
        location=location,
        fetched_at=now,
        parts=parts,
        sha256=payload_sha256(parts),
        data_as_of=now if origin == "live" else data_as_of,
    )
