"""Benchmark: catalog refresh from the bundled snapshots, and how it scales with source size.

1. ``refresh_catalog(source="snapshot", force=True)``: median wall time of 5 runs, target <= 2.0 s.
2. The same build from every source enlarged 10x (``synthetic_sources.enlarge``) against the
   1x build, interleaved side by side: the ratio of medians must stay <= 4.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _timing import side_by_side, summarize
from synthetic_sources import enlarge

from llmhub.catalog import refresh_catalog
from llmhub.catalog.build import build_candidate
from llmhub.fsutil import replace_atomically
from llmhub.pipeline import fetch_all

REFRESH_TARGET_S = 2.0
RATIO_TARGET = 4.0
FACTOR = 10
RUNS = 5


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="llmhub-bench-") as tmp:
        folder = Path(tmp)
        target = folder / "catalog.duckdb"
        refresh_catalog(target, source="snapshot", force=True)  # warm caches and imports
        samples = []
        for _ in range(RUNS):
            start = time.perf_counter()
            refresh_catalog(target, source="snapshot", force=True)
            samples.append(time.perf_counter() - start)
        refresh = summarize("refresh --source snapshot", samples)

        base = enlarge(fetch_all("snapshot"), 1)
        big = enlarge(base, FACTOR)

        def build(payloads, path: Path):
            def run() -> None:
                built = build_candidate(path, payloads, None, started=time.perf_counter())
                replace_atomically(built.path, path)

            return run

        # side_by_side returns median(first) / median(second): 10x over 1x.
        ten, one, ratio = side_by_side(
            f"build {FACTOR}x sources",
            build(big, folder / "ten.duckdb"),
            "build 1x sources",
            build(base, folder / "one.duckdb"),
            rounds=RUNS,
        )
    print(refresh)
    print(one)
    print(ten)
    ok_refresh = refresh.median <= REFRESH_TARGET_S
    ok_ratio = ratio <= RATIO_TARGET
    print(
        f"refresh from snapshots: median {refresh.median:.3f} s "
        f"(target <= {REFRESH_TARGET_S} s): {'ok' if ok_refresh else 'MISSED'}"
    )
    print(
        f"{FACTOR}x sources: {ten.median:.3f} s vs {one.median:.3f} s, ratio {ratio:.2f} "
        f"(target <= {RATIO_TARGET}): {'ok' if ok_ratio else 'MISSED'}"
    )
    return 0 if ok_refresh and ok_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
