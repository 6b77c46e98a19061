"""Benchmark: `llmhub generate` wall time, whole process, on the bundled-snapshot catalog.

Targets: a 10-role spec, median <= 0.8 s; a 1,000-role spec (every role with different
parameters, so nothing is shared between roles), median <= 3 s.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _timing import PY, time_command

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

TARGETS = {10: 0.8, 1000: 3.0}
RUNS = {10: 7, 1000: 3}
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


def main() -> int:
    from tests.conftest import build_snapshot_catalog

    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        catalog = build_snapshot_catalog(folder / "catalog.duckdb")
        for roles, target in TARGETS.items():
            spec = folder / f"spec-{roles}.yaml"
            spec.write_text(spec_text(roles))
            out = folder / f"llmhub-{roles}.yaml"
            argv = [PY, "-m", "llmhub", "generate", "--spec", str(spec), "--db", str(catalog)]
            argv += ["--out", str(out), "--no-llm", "--force"]
            timing = time_command(argv, runs=RUNS[roles], cwd=REPO)
            ok = timing.median <= target
            failed |= not ok
            print(timing)
            print(
                f"llmhub generate, {roles} roles: median {timing.median:.3f} s "
                f"(target <= {target} s): {'ok' if ok else 'MISSED'}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
