"""Generate the parts of docs/ that come from the code: the CLI reference and sample outputs.

    python scripts/gen_docs.py           # rewrite docs/cli.md and docs/generated/*
    python scripts/gen_docs.py --check   # exit 1 and name each file that is out of date (CI)

The CLI reference is every command's --help text, read from the typer app in-process. The
samples are real command output on the bundled snapshots (no network), with what changes from
run to run (build ids, dates, temporary paths) replaced by fixed placeholders.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
WIDTH = 100

CLI_INTRO = """\
# CLI reference

Generated from the code by `python scripts/gen_docs.py`; CI fails when it drifts.

Every command has `-h`/`--help` with an example. Bad input exits with code 2 and one line per
problem, `file:line:col: field: what is wrong — how to fix`, and no traceback (`llmhub --debug …`
shows it). An operation that fails for another reason exits with code 1. A bad choice reads
``--format` must be one of: csv, json, parquet (got 'xml')`.

Global options go before the command: `llmhub -q generate` (or after it, for `-q` on `generate`
and `catalog refresh`). Shell completion: `llmhub --install-completion`.
"""


def _commands() -> list[tuple[str, str]]:
    """(path, help text) for the root and every command, depth first, in the app's order."""
    import typer.main

    from llmhub.cli.main import app

    root = typer.main.get_command(app)
    out: list[tuple[str, str]] = []

    # Duck-typed: typer vendors its own copy of click, whose classes click's stubs do not name.
    def walk(command: Any, path: list[str], parent: Any) -> None:
        settings = {**command.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
        ctx = command.context_class(command, info_name=path[-1], parent=parent, **settings)
        out.append((" ".join(path), command.get_help(ctx)))
        for name in getattr(command, "list_commands", lambda _ctx: [])(ctx):
            walk(command.get_command(ctx, name), [*path, name], ctx)

    walk(root, ["llmhub"], None)
    return out


def cli_reference() -> str:
    parts = [CLI_INTRO]
    for path, text in _commands():
        level = "##" if path.count(" ") <= 1 else "###"
        parts.append(f"{level} `{path}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(parts)


def weights_table() -> str:
    """The level -> weight table per aspect, from llmhub/generator/weights.py."""
    from llmhub.generator.weights import LEVEL_WEIGHTS
    from llmhub.spec.models import Level

    levels = [Level.low, Level.medium, Level.high, None]
    rows = [
        "| aspect | `low` | `medium` | `high` | unset |",
        "| --- | --- | --- | --- | --- |",
    ]
    for aspect, weights in LEVEL_WEIGHTS.items():
        rows.append(f"| `{aspect}` | " + " | ".join(f"{weights[lv]:g}" for lv in levels) + " |")
    return "\n".join(rows) + "\n"


# (file, command arguments, what the page says it shows)
SAMPLES = [
    (
        "generate-explain.txt",
        ["generate", "--spec", "examples/llmhub.spec.yaml", "--explain", "-o", "{tmp}/llmhub.yaml"],
    ),
    (
        "generate-check.txt",
        ["generate", "--spec", "examples/llmhub.spec.yaml", "--check", "-o", "{tmp}/llmhub.yaml"],
    ),
    (
        "generate-check-changed.txt",
        ["generate", "--spec", "{tmp}/changed.spec.yaml", "--check", "-o", "{tmp}/llmhub.yaml"],
    ),
    (
        "test-missing-key.txt",
        [
            "test",
            "--role",
            "llm.inference",
            "--config",
            "{tmp}/llmhub.yaml",
            "--env-file",
            "{tmp}/empty.env",
        ],
    ),
    ("catalog-show.txt", ["catalog", "show", "--tag", "reasoning", "-n", "5"]),
    (
        "env-check.txt",
        ["env", "check", "--spec", "examples/llmhub.spec.yaml", "--env-file", "{tmp}/.env"],
    ),
]

_VOLATILE = [
    (re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{8}"), "<build-id>"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?\b"), "<date>"),
    (re.compile(r"\(\d+ days? ago\)"), "(<n> days ago)"),
    (re.compile(r"\b\d+(\.\d+)? (min|h|days) old\b"), "<age> old"),
]


def _normalise(text: str, tmp: str) -> str:
    text = text.replace(tmp, "/tmp/demo").replace(str(ROOT), ".")
    for pattern, placeholder in _VOLATILE:
        text = pattern.sub(placeholder, text)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def samples() -> dict[str, str]:
    """Run each sample command for real on a catalog built from the bundled snapshots."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("LLMHUB_", "OPENAI", "GEMINI", "ANTHROPIC", "MISTRAL", "GROQ"))
        }
        env.update(
            {
                "LLMHUB_CATALOG": f"{tmp}/catalog.duckdb",
                "NO_COLOR": "1",
                "COLUMNS": str(WIDTH),
                "TERM": "dumb",
                "PYTHONPATH": str(ROOT),
                "PYTHONWARNINGS": "ignore",
            }
        )
        (Path(tmp) / "empty.env").write_text("# no keys yet\n")
        spec = (ROOT / "examples" / "llmhub.spec.yaml").read_text()
        changed = spec.replace(
            "preferences: {quality: low, cost: low, latency: low}",
            "preferences: {quality: high, cost: high, latency: high}",
        )
        assert changed != spec, "the demo spec changed: update the changed-spec sample"
        (Path(tmp) / "changed.spec.yaml").write_text(changed)
        (Path(tmp) / ".env").write_text(
            "OPENAI_API_KEY=sk-demo-not-a-real-key\nGEMINI_API_KEY=demo-key-1234\n"
        )

        def run(args: list[str]) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "llmhub", *(a.format(tmp=tmp) for a in args)],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
            )  # fmt: skip

        built = run(["catalog", "refresh", "--source", "snapshot", "-q"])
        if built.returncode != 0:
            raise SystemExit(f"catalog refresh failed:\n{built.stderr}")
        run(["generate", "--spec", "examples/llmhub.spec.yaml", "-q", "-o", "{tmp}/llmhub.yaml"])
        out = {}
        for name, args in SAMPLES:
            result = run(args)
            shown = " ".join(a.replace("{tmp}/", "") for a in args)
            text = f"$ llmhub {shown}\n" + result.stdout + result.stderr
            out[name] = _normalise(text, tmp)
        return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args()
    wanted = {DOCS / "cli.md": cli_reference(), DOCS / "generated" / "weights.md": weights_table()}
    wanted.update({DOCS / "generated" / name: text for name, text in samples().items()})
    stale = []
    for path, text in wanted.items():
        current = path.read_text("utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    if args.check and stale:
        for path in stale:
            print(
                f"{path.relative_to(ROOT)}: out of date — run `python scripts/gen_docs.py`",
                file=sys.stderr,
            )
        return 1
    for path in stale:
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
