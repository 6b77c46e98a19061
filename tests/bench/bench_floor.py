"""Benchmark: the snapshot refresh of all five sources against a floor, side by side.

The floor is the least any refresh must do: a process that imports duckdb and ``json.load``s
(the CSV: reads) every bundled source file. Both run as whole processes, interleaved, so machine
load hits both alike. Target (issue 13): median(refresh) / median(floor) <= 3. With every
source 10x larger, the refresh may grow at most 4x (bench_catalog.py measures that ratio).

The CPU time (user + sys) of both processes is reported as well: on a shared machine the wall
times stretch with the load (a process gets a fraction of a core), while the CPU ratio says
how much work the refresh does beyond the floor, whatever the load.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench._timing import side_by_side  # noqa: E402
from tests.source_server import litellm_cost_map  # noqa: E402

RUNS = int(os.environ.get("LLMHUB_BENCH_RUNS", "5"))
RATIO_TARGET = 3.0
SNAPSHOTS = ROOT / "data" / "snapshots"
FILES = [
    *(SNAPSHOTS / name for name in (
        "modelsdev-api.json",
        "arena-leaderboard-text.json",
        "arena-leaderboard-vision.json",
        "arena-scatterplot-data.json",
        "artificialanalysis-llms.json",
        "livebench-categories.json",
    )),
]  # fmt: skip
FLOOR = (
    "import duckdb, json, sys\n"
    "for path in sys.argv[1:]:\n"
    "    with open(path, 'rb') as f:\n"
    "        data = f.read()\n"
    "    json.loads(data) if path.endswith('.json') else data.decode('utf-8')\n"
)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMHUB_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    files = [str(p) for p in [*FILES, SNAPSHOTS / "livebench-table.csv", litellm_cost_map()]]
    with tempfile.TemporaryDirectory(prefix="llmhub-bench-") as tmp:
        db = Path(tmp) / "catalog.duckdb"
        refresh_argv = [
            sys.executable, "-m", "llmhub", "catalog", "refresh", "--source", "snapshot",
            "--force", "--db", str(db),
        ]  # fmt: skip
        floor_argv = [sys.executable, "-c", FLOOR, *files]

        cpu: dict[str, list[float]] = {"refresh": [], "floor": []}

        def measured(name: str, argv: list[str]) -> None:
            before = _children_cpu()
            subprocess.run(argv, env=_env(), check=True, capture_output=True)
            cpu[name].append(_children_cpu() - before)

        def refresh() -> None:
            measured("refresh", refresh_argv)

        def floor() -> None:
            measured("floor", floor_argv)

        refresh()  # the first build has no history to carry; measure the steady state
        cpu["refresh"].clear()
        ran, floored, ratio = side_by_side(
            "refresh --source snapshot (5 sources)", refresh, "floor (import duckdb, load JSON)",
            floor, rounds=RUNS,
        )  # fmt: skip
    print(ran)
    print(floored)
    cpu_refresh, cpu_floor = statistics.median(cpu["refresh"]), statistics.median(cpu["floor"])
    print(
        f"CPU (user+sys) medians: refresh {cpu_refresh * 1000:.0f} ms, floor"
        f" {cpu_floor * 1000:.0f} ms, ratio {cpu_refresh / cpu_floor:.2f}"
    )
    ok = ratio <= RATIO_TARGET
    print(f"refresh / floor: {ratio:.2f} (target <= {RATIO_TARGET}): {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
