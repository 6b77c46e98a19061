"""The shapes every source shares: a fetched ``Payload``, a ``Parsed`` result, and the registry.

A source is one module under ``pipeline/sources/`` holding one class decorated with
``@register``; ``SOURCES`` maps its name to an instance. No plugin framework: the three
sources are imported by ``pipeline/sources/__init__.py``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, TypeVar

if TYPE_CHECKING:
    import polars as pl

__all__ = ["ORIGINS", "SOURCES", "Parsed", "Payload", "Source", "payload_sha256", "register"]

ORIGINS = ("live", "cache", "snapshot")


@dataclass(frozen=True)
class Payload:
    """Raw bytes of one fetch of one source, with where and when they came from."""

    source: str
    origin: str
    location: str
    fetched_at: datetime
    parts: dict[str, bytes]
    sha256: str


@dataclass
class Parsed:
    """The typed frames parsed from one payload, and what had to be dropped on the way."""

    source: str
    tables: dict[str, pl.DataFrame]
    quarantined: int = 0
    problems: list[str] = field(default_factory=list)


def payload_sha256(parts: dict[str, bytes]) -> str:
    """The sha256 over every part's bytes, in sorted part-name order."""
    digest = hashlib.sha256()
    for name in sorted(parts):
        digest.update(parts[name])
    return digest.hexdigest()


class Source:
    """One upstream data source: ``fetch`` is its only I/O, ``parse`` is pure."""

    name: ClassVar[str]

    def fetch(
        self, origin: str = "snapshot", *, timeout: float = 20.0, retries: int = 3
    ) -> Payload:
        """Fetch the source live, or read its bundled snapshot."""
        raise NotImplementedError

    def parse(self, payload: Payload) -> Parsed:
        """Turn a payload into typed frames; raise DataQualityError if it is unusable."""
        raise NotImplementedError


SOURCES: dict[str, Source] = {}

_S = TypeVar("_S", bound=type[Source])


def register(cls: _S) -> _S:
    """Class decorator: add one instance of the source to ``SOURCES`` under its ``name``."""
    if cls.name in SOURCES:
        raise ValueError(f"source {cls.name!r} registered twice")
    SOURCES[cls.name] = cls()
    return cls
