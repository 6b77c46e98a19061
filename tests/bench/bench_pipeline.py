"""Benchmark the data half of a refresh: ``load_payloads`` (parse, raw load, seeds, views) plus
``run_data_tests``, on the bundled snapshots and on every source enlarged 10x.

Targets: the snapshot build stays inside the 2.0 s refresh budget with room for the refresh's
own work (<= 1.5 s median here), and the data half scales linearly at worst: 10x more data
costs at most 8x the time (measured side by side, so machine load affects both alike). The
refresh as a whole, with its fixed costs (start-up, imports, history, publish), is held to
<= 4x by the catalog benchmark; this script shows how much of that the data half uses.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from llmhub.pipeline import Payload, fetch_all, load_payloads, run_data_tests
from tests.bench._timing import side_by_side
from tests.bench.synthetic_sources import enlarge

ROUNDS = 5
TARGET_SECONDS = 1.5
TARGET_RATIO = 8.0


def build(payloads: dict[str, Payload], folder: Path) -> None:
    import duckdb

    path = folder / "bench.duckdb"
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        load_payloads(con, payloads)
        failures = run_data_tests(con)
        assert not [f for f in failures if f.name != "coverage_floors"], failures


def main() -> int:
    snapshot = fetch_all("snapshot")
    large = enlarge(snapshot, 10)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build(snapshot, folder)  # warm imports and caches
        small, big, ratio = side_by_side(
            "load_payloads + data tests, snapshots",
            lambda: build(snapshot, folder),
            "load_payloads + data tests, sources x10",
            lambda: build(large, folder),
            ROUNDS,
        )
    print(small)
    print(big)
    print(f"x10 / x1 ratio: {1 / ratio:.2f} (target <= {TARGET_RATIO})")
    ok = small.median <= TARGET_SECONDS and 1 / ratio <= TARGET_RATIO
    print("PASS" if ok else f"MISS (target median <= {TARGET_SECONDS} s, ratio <= {TARGET_RATIO})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
