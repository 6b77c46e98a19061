"""Timing helpers shared by the benchmark scripts: medians, and ratios measured side by side."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Median and spread of repeated runs, in seconds."""

    label: str
    runs: int
    median: float
    minimum: float
    maximum: float

    def __str__(self) -> str:
        return (
            f"{self.label}: median {self.median * 1000:.1f} ms over {self.runs} runs "
            f"(min {self.minimum * 1000:.1f}, max {self.maximum * 1000:.1f})"
        )


def summarize(label: str, samples: Sequence[float]) -> Timing:
    return Timing(label, len(samples), statistics.median(samples), min(samples), max(samples))


def time_call(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def time_command(argv: Sequence[str], runs: int, **kw) -> Timing:
    """Median wall time of a whole process (``argv``) over ``runs`` runs."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(list(argv), check=True, capture_output=True, **kw)
        samples.append(time.perf_counter() - start)
    return summarize(" ".join(argv[-3:]), samples)


def side_by_side(
    label_a: str, a: Callable[[], object], label_b: str, b: Callable[[], object], rounds: int
):
    """Run ``a`` and ``b`` interleaved (a, b, b, a, ...) and return both timings and median(a)/median(b)."""
    sa, sb = [], []
    for i in range(rounds):
        if i % 2 == 0:
            sa.append(time_call(a))
            sb.append(time_call(b))
        else:
            sb.append(time_call(b))
            sa.append(time_call(a))
    ta, tb = summarize(label_a, sa), summarize(label_b, sb)
    return ta, tb, ta.median / tb.median


PY = sys.executable
