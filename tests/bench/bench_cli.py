"""Benchmark: `llmhub --help` wall time (target: median <= 0.3 s over 10 runs)."""

from __future__ import annotations

import sys

from _timing import PY, time_command

TARGET_S = 0.3


def main() -> int:
    timing = time_command([PY, "-m", "llmhub", "--help"], runs=10)
    print(timing)
    ok = timing.median <= TARGET_S
    print(
        f"llmhub --help median {timing.median:.3f} s (target <= {TARGET_S} s): {'ok' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
