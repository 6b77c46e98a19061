"""Benchmark: `llmhub generate` wall time, whole process, on the bundled-snapshot catalog.

Targets (issue 12): a 10-role spec, median <= 1.3x the floor measured side by side
(`python -c "import duckdb, pydantic, typer, yaml, jinja2"`, the libraries any run needs);
a 1,000-role spec (every role with different parameters, so nothing is shared between roles),
median <= 2x the 10-role median.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import PY, summarize

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

FLOOR_RATIO = 1.3  # 10 roles against the import floor
SCALE_RATIO = 2.0  # 1,000 roles against 10 roles
RUNS = {10: 7, 1000: 3}
FLOOR = [PY, "-c", "import duckdb, pydantic, typer, yaml, jinja2"]
LEVELS = ("low", "medium", "high")
TASKS = ("", "reasoning: medium, ", "coding: high, ", "creative: medium, ")


def spec_text(roles: int) -> str:
    lines = [
        "project: bench",
        "providers:",
        "  openai: {env_key: OPENAI_API_KEY}",
        "  anthropic: {env_key: ANTHROPIC_API_KEY}",
        "  google: {env_key: GEMINI_API_KEY}",
        "  mistral: {env_key: MISTRAL_API_KEY}",
        "  groq: {env_key: GROQ_API_KEY}",
        "roles:",
    ]
    for i in range(roles):
        q, c, lat = LEVELS[i % 3], LEVELS[(i // 3) % 3], LEVELS[(i // 9) % 3]
        task = TASKS[(i // 27) % 4]
        kind = "embedding" if i % 10 == 9 else "chat"
        lines.append(f"  role.{i:04d}:")
        lines.append(f"    kind: {kind}")
        lines.append(f"    description: Job number {i} of the benchmark.")
        if kind == "chat":
            lines.append(f"    preferences: {{{task}quality: {q}, cost: {c}, latency: {lat}}}")
            # A distinct price cap per role: no two roles share a query.
            lines.append(f"    requires: {{max_price_blended: {5 + i * 0.01:.2f}}}")
        else:
            lines.append(f"    preferences: {{cost: {c}}}")
            lines.append(f"    requires: {{max_price_input: {1 + i * 0.001:.3f}}}")
    return "\n".join(lines) + "\n"


# CPU seconds (user + system) of each run, beside its wall time: on a shared machine the wall
# time of a short process is mostly waiting for a core, while its CPU time is what it costs.
CPU: dict[str, list[float]] = {}


def _run(argv: list[str], label: str = "") -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, cwd=REPO)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    CPU.setdefault(label, []).append(spent)
    return wall


def _compile_llmhub() -> None:
    """Byte-compile llmhub as pip does when it installs the wheel.

    A shell with PYTHONDONTWRITEBYTECODE set (some editors and agents set it) never writes
    the .pyc files of a checkout, so every run would compile from source the 46 llmhub
    modules a run imports (about 0.04 s of a 10-role run), which an installed llmhub never
    does. The floor's libraries are installed, hence compiled, already.
    """
    import compileall

    for package in ("llmhub", "llmhub_cli", "llmhub_runtime", "pipeline"):
        compileall.compile_dir(str(REPO / package), quiet=1)


def main() -> int:
    from tests.helpers import build_snapshot_catalog

    _compile_llmhub()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        catalog = build_snapshot_catalog(folder / "catalog.duckdb")
        argv = {}
        for roles in RUNS:
            spec = folder / f"spec-{roles}.yaml"
            spec.write_text(spec_text(roles))
            out = folder / f"llmhub-{roles}.yaml"
            argv[roles] = [PY, "-m", "llmhub", "generate", "--spec", str(spec), "--db"]
            argv[roles] += [str(catalog), "--out", str(out), "--no-llm", "--force"]
            _run(argv[roles])  # warm the file cache once
        # Side by side, interleaved, so the ratio survives a busy machine.
        CPU.clear()
        ten, floor = [], []
        for i in range(RUNS[10]):
            pair = [(ten, argv[10], "10"), (floor, FLOOR, "floor")]
            for samples, command, label in pair if i % 2 == 0 else reversed(pair):
                samples.append(_run(command, label))
        big = [_run(argv[1000], "1000") for _ in range(RUNS[1000])]
        t10, tf, t1000 = (
            summarize("generate 10 roles", ten),
            summarize("import floor", floor),
            summarize("generate 1000 roles", big),
        )
        for timing in (t10, tf, t1000):
            print(timing)
        cpu = {label: statistics.median(samples) for label, samples in CPU.items()}
        print(
            f"CPU medians: 10 roles {cpu['10']:.3f} s, floor {cpu['floor']:.3f} s "
            f"({cpu['10'] / cpu['floor']:.2f}x), 1,000 roles {cpu['1000']:.3f} s "
            f"({cpu['1000'] / cpu['10']:.2f}x the 10-role CPU); load average "
            + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        )
        floor_ratio = t10.median / tf.median
        scale_ratio = t1000.median / t10.median
        ok_floor, ok_scale = floor_ratio <= FLOOR_RATIO, scale_ratio <= SCALE_RATIO
        print(
            f"10 roles: median {t10.median:.3f} s vs floor {tf.median:.3f} s = "
            f"{floor_ratio:.2f}x (target <= {FLOOR_RATIO}x): {'ok' if ok_floor else 'MISSED'}"
        )
        print(
            f"1,000 roles: median {t1000.median:.3f} s = {scale_ratio:.2f}x the 10-role median "
            f"(target <= {SCALE_RATIO}x): {'ok' if ok_scale else 'MISSED'}"
        )
    return 0 if ok_floor and ok_scale else 1


if __name__ == "__main__":
    sys.exit(main())
