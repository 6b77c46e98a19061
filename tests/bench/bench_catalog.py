"""Benchmark: ``llmhub catalog refresh`` wall time, and how it grows with the size of the sources.

Each figure is the whole command as a user runs it (a process: start-up, imports, fetch, build,
tests, history, publish):

1. ``llmhub catalog refresh --source snapshot --force``: median of 5 runs, target <= 2.0 s.
2. ``--source live --force`` against a loopback server that serves every source enlarged 10x
   (``synthetic_sources.enlarge``: renamed copies of every model, cost-map entry and arena
   name), against the same server serving the 1x payloads, interleaved side by side so machine
   load hits both alike: the ratio of medians must stay <= 4.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from synthetic_sources import enlarge  # noqa: E402

from llmhub.pipeline import fetch_all  # noqa: E402
from tests.bench._timing import side_by_side, summarize, time_call  # noqa: E402
from tests.source_server import Fault, SourceServer  # noqa: E402

REFRESH_TARGET_S = 2.0
RATIO_TARGET = 4.0
FACTOR = 10
RUNS = int(os.environ.get("LLMHUB_BENCH_RUNS", "5"))
ROUTES = {
    ("models_dev", "api"): "/models.dev/api.json",
    ("litellm", "cost_map"): "/litellm/model_prices.json",
    ("lmarena", "text"): "/lmarena/leaderboard-text.json",
    ("lmarena", "vision"): "/lmarena/leaderboard-vision.json",
    ("lmarena", "scatterplot"): "/lmarena/scatterplot-data.json",
    ("artificial_analysis", "llms"): "/aa/data/2026-07-10/llms.json",
    ("livebench", "table"): "/livebench/table_2026_01_08.csv",
    ("livebench", "categories"): "/livebench/categories_2026_01_08.json",
}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMHUB_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**env, **extra}


def _refresh(db: Path, *args: str, env: dict[str, str]):
    argv = [sys.executable, "-m", "llmhub", "catalog", "refresh", "--force", "--db", str(db)]

    def run() -> None:
        subprocess.run([*argv, *args], env=env, check=True, capture_output=True)

    return run


def _serve(server: SourceServer, payloads) -> None:
    for (source, part), route in ROUTES.items():
        server.faults[route] = Fault(body=payloads[source].parts[part])


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="llmhub-bench-") as tmp:
        folder = Path(tmp)
        snapshot = _refresh(folder / "snapshot.duckdb", "--source", "snapshot", env=_env())
        snapshot()  # the first build has no history to carry; measure the steady state
        refresh = summarize(
            "llmhub catalog refresh --source snapshot", [time_call(snapshot) for _ in range(RUNS)]
        )
        base = fetch_all("snapshot")
        big = enlarge(base, FACTOR)
        with SourceServer() as one_server, SourceServer() as ten_server:
            _serve(one_server, base)
            _serve(ten_server, big)
            live = ("--source", "live", "--retries", "0")
            one = _refresh(folder / "one.duckdb", *live, env=_env(**one_server.env()))
            ten = _refresh(folder / "ten.duckdb", *live, env=_env(**ten_server.env()))
            one()
            ten()
            ten_t, one_t, ratio = side_by_side(
                f"refresh, sources x{FACTOR}", ten, "refresh, sources x1", one, rounds=RUNS
            )
    print(refresh)
    print(one_t)
    print(ten_t)
    ok_refresh = refresh.median <= REFRESH_TARGET_S
    ok_ratio = ratio <= RATIO_TARGET
    print(
        f"refresh from snapshots: median {refresh.median:.3f} s "
        f"(target <= {REFRESH_TARGET_S} s): {'ok' if ok_refresh else 'MISSED'}"
    )
    print(
        f"sources x{FACTOR}: {ten_t.median:.3f} s vs x1: {one_t.median:.3f} s, ratio {ratio:.2f} "
        f"(target <= {RATIO_TARGET}): {'ok' if ok_ratio else 'MISSED'}"
    )
    return 0 if ok_refresh and ok_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
