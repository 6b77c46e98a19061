"""``llmhub test``: one real call through the runtime for a role."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from llmhub.cli._output import print_json, print_table


def register(app: typer.Typer) -> None:
    app.command("test")(run_test)


def run_test(
    role: Annotated[str, typer.Option("--role", help="The role to call, as named in llmhub.yaml.")],
    prompt: Annotated[
        str | None, typer.Option("--prompt", help="What to send (default: a one-line question).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="Runtime file (default: $LLMHUB_CONFIG, else ./llmhub.yaml)."
        ),
    ] = None,
    env_file: Annotated[
        Path | None,
        typer.Option(
            "--env-file",
            help="API keys to use where the environment has none "
            "(default: $LLMHUB_ENV_FILE, else .env beside the runtime file).",
        ),
    ] = None,
) -> None:
    """Call a role once for real: which model answered, tokens, cost and latency.

    Embedding roles get an embedding call. Exit 1 when every model of the role fails.

    Example: llmhub test --role llm.inference --prompt "Say hi"
    """
    from llmhub.runtime.probe import probe_role

    report = probe_role(role, prompt, config, env_file)
    if as_json:
        print_json(asdict(report))
        return
    cost = "unknown" if report.cost_usd is None else f"${report.cost_usd:.8f}"
    tokens = f"{_n(report.prompt_tokens)} in / {_n(report.completion_tokens)} out"
    rows = [
        ("role", f"{report.role} ({report.mode})"),
        ("answered by", f"{report.provider}/{report.model} (attempt {report.attempt})"),
        ("answer", report.answer if len(report.answer) <= 300 else report.answer[:297] + "..."),
        ("tokens", tokens),
        ("cost", cost),
        ("latency", f"{report.latency_ms:.0f} ms"),
    ]
    if report.fallback_reason:
        rows.insert(2, ("fallback because", report.fallback_reason))
    print_table(None, ["field", "value"], rows)
    if len(report.attempts) > 1:
        print_table(
            "attempts",
            ["#", "model", "status", "ms", "error"],
            [
                (
                    a.attempt,
                    f"{a.provider}/{a.model}",
                    "pass" if a.success else "fail",
                    f"{a.duration_ms:.0f}",
                    a.error or "",
                )
                for a in report.attempts
            ],
        )


def _n(value: int | None) -> str:
    return "?" if value is None else str(value)
