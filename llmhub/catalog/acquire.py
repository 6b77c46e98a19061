"""Get one payload per source for a refresh, falling back live -> cache -> snapshot in auto mode.

``live`` never falls back: a refresh that asked for live data and cannot have it fails. ``auto``
says, in a note, every time it uses older data than asked for, and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from llmhub.catalog.cache import read_cached
from llmhub.catalog.progress import ProgressCallback, emit
from llmhub.errors import CatalogError, SourceFetchError

if TYPE_CHECKING:
    from llmhub.pipeline import Payload, Source

__all__ = ["LADDERS", "Acquirer", "FetchOptions"]

LADDERS: dict[str, tuple[str, ...]] = {
    "auto": ("live", "cache", "snapshot"),
    "live": ("live",),
    "snapshot": ("snapshot",),
}
_FALLBACK_WORDS = {"cache": "the last good data", "snapshot": "the bundled snapshot"}


@dataclass(frozen=True)
class FetchOptions:
    """How hard to try a live source before giving up on it."""

    timeout: float = 20.0
    retries: int = 3


class Acquirer:
    """Hands out each source's payload at its current rung of the ladder; remembers fetches."""

    def __init__(
        self,
        catalog: Path,
        mode: str,
        options: FetchOptions,
        progress: ProgressCallback | None,
        sources: Mapping[str, Source] | None = None,
    ) -> None:
        from llmhub.pipeline import SOURCES

        self.catalog = catalog
        self.mode = mode
        self.options = options
        self.progress = progress
        self.sources = dict(sources or SOURCES)
        self.rung = dict.fromkeys(self.sources, 0)
        self.notes: list[str] = []
        self._fetched: dict[tuple[str, str], Payload | None] = {}
        self._why: dict[tuple[str, str], str] = {}

    def payloads(self) -> dict[str, Payload]:
        """One payload per source, at the lowest rung that has data (live fetches in parallel)."""
        ladder = LADDERS[self.mode]
        live = [s for s in self.sources if ladder[self.rung[s]] == "live"]
        live = [s for s in live if (s, "live") not in self._fetched]
        if live:
            with ThreadPoolExecutor(max_workers=len(live)) as pool:
                for name, payload in zip(live, pool.map(self._fetch_live, live), strict=True):
                    self._fetched[(name, "live")] = payload
        found, failed = {}, []
        for name in self.sources:
            try:
                found[name] = self._settle(name)
            except SourceFetchError as exc:
                failed.append(exc)
        if len(failed) == 1:
            raise failed[0]
        if failed:
            # Every failing source on its own line, so one run shows the whole picture.
            raise SourceFetchError(
                "\n".join(exc.message for exc in failed),
                source=failed[0].source or "",
                fix="check the network, or use --source auto",
            )
        return found

    def fall_back(self, source: str, reason: str) -> bool:
        """Move ``source`` one rung down because its data was rejected; False at the bottom."""
        ladder = LADDERS[self.mode]
        origin = ladder[self.rung[source]]
        if self.rung[source] + 1 >= len(ladder):
            return False
        self._fetched[(source, origin)] = None
        self._why[(source, origin)] = reason
        self.rung[source] += 1
        return True

    def origin(self, source: str) -> str:
        return LADDERS[self.mode][self.rung[source]]

    def _settle(self, name: str) -> Payload:
        ladder = LADDERS[self.mode]
        skipped: list[str] = []
        while True:
            origin = ladder[self.rung[name]]
            payload = self._get(name, origin)
            if payload is not None:
                if skipped:
                    # One note per source: what it fell back to, and why each step failed.
                    note = f"{name}: using {_FALLBACK_WORDS[origin]} ({'; '.join(skipped)})"
                    self.notes.append(note)
                    emit(self.progress, f"fetch {name}", "warn", note)
                return payload
            why = self._why.get((name, origin), "no data")
            if self.rung[name] + 1 >= len(ladder):
                if origin == "live":
                    raise SourceFetchError(
                        why, source=name, fix="check the network, or use --source auto"
                    )
                raise CatalogError(f"{name}: no {origin} data: {why}", source=name)
            skipped.append(f"{origin}: {why.removeprefix(name + ': ')}")
            self.rung[name] += 1

    def _get(self, name: str, origin: str) -> Payload | None:
        key = (name, origin)
        if key in self._fetched:
            return self._fetched[key]
        payload: Payload | None
        if origin == "cache":
            payload = read_cached(self.catalog, name)
            if payload is None:
                self._why[key] = (
                    f"no usable cached copy under {self.catalog.parent / 'cache' / name}"
                )
            else:
                emit(
                    self.progress,
                    f"fetch {name}",
                    "done",
                    f"cache from {payload.fetched_at:%Y-%m-%d %H:%M} UTC",
                )
        else:
            emit(self.progress, f"fetch {name}", "start", origin)
            payload = self.sources[name].fetch("snapshot")
            emit(self.progress, f"fetch {name}", "done", "bundled snapshot")
        self._fetched[key] = payload
        return payload

    def _fetch_live(self, name: str) -> Payload | None:
        emit(self.progress, f"fetch {name}", "start", "live")
        try:
            payload = self.sources[name].fetch(
                "live", timeout=self.options.timeout, retries=self.options.retries
            )
        except SourceFetchError as exc:
            self._why[(name, "live")] = str(exc.message)
            emit(self.progress, f"fetch {name}", "fail", exc.message)
            return None
        emit(
            self.progress,
            f"fetch {name}",
            "done",
            f"live, {sum(map(len, payload.parts.values())):,} bytes",
        )
        return payload
