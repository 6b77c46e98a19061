"""The generated file against the one on disk: ``--check`` for CI, and the per-role diff."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from llmhub.fsutil import guard_target, read_current_text
from llmhub.generator.figures import fmt_score
from llmhub.generator.header import split_header
from llmhub.generator.result import GenerationResult
from llmhub.runtime.config import RoleConfig, RuntimeConfig, parse_runtime

__all__ = ["RoleChange", "check_file", "runtime_changes"]


def check_file(result: GenerationResult, out: str | Path) -> str:
    """A unified diff between ``out`` and what would be generated ('' when they match)."""
    path = guard_target(out, force=True)
    current = read_current_text(path, "point --out at the llmhub.yaml to check")
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            result.text.splitlines(keepends=True),
            fromfile=f"{path} (on disk)",
            tofile=f"{path} (generated)",
        )
    )


@dataclass(frozen=True)
class RoleChange:
    """What a regeneration would change for one role, and why."""

    role: str
    change: str  # added | removed | model | price | params | fallbacks
    before: str | None
    after: str | None
    reasons: list[str] = field(default_factory=list)


def _describe(role: RoleConfig) -> str:
    return f"{role.provider}/{role.model}"


def runtime_changes(current_text: str, result: GenerationResult, path: str) -> list[RoleChange]:
    """Per role, how the file on disk differs from a regeneration, with the reason."""
    _, body = split_header(current_text)
    current: RuntimeConfig = parse_runtime(body or "{}\n", path)
    new = result.runtime
    changes: list[RoleChange] = []
    for name in sorted(set(current.roles) | set(new.roles)):
        old_role, new_role = current.roles.get(name), new.roles.get(name)
        if old_role is None:
            changes.append(
                RoleChange(
                    name, "added", None, _describe(new.roles[name]), ["new role in the spec"]
                )
            )
            continue
        if new_role is None:
            changes.append(
                RoleChange(name, "removed", _describe(old_role), None, ["role left the spec"])
            )
            continue
        why = result.explanations.get(name)
        if (old_role.provider, old_role.model) != (new_role.provider, new_role.model):
            reasons = ["new pick"]
            total = why.score.get("total") if why is not None else None
            if why is not None and total is not None:
                reasons.append(f"score {fmt_score(total)}")
                reasons += [
                    f"{r['model']}: {r['reason']}"
                    for r in why.runners_up
                    if r["model"] == _describe(old_role)
                ]
            if why is not None:
                reasons += why.relaxations
            changes.append(
                RoleChange(name, "model", _describe(old_role), _describe(new_role), reasons)
            )
            continue
        old_price = (old_role.price_input_per_million, old_role.price_output_per_million)
        new_price = (new_role.price_input_per_million, new_role.price_output_per_million)
        if old_price != new_price:
            changes.append(
                RoleChange(
                    name,
                    "price",
                    f"in {old_price[0]} out {old_price[1]}",
                    f"in {new_price[0]} out {new_price[1]}",
                    ["catalog price change"],
                )
            )
        if old_role.params != new_role.params:
            changes.append(
                RoleChange(
                    name,
                    "params",
                    str(old_role.params),
                    str(new_role.params),
                    ["mode_params or model limits changed"],
                )
            )
        old_fb = [f"{f.provider}/{f.model}" for f in old_role.fallbacks]
        new_fb = [f"{f.provider}/{f.model}" for f in new_role.fallbacks]
        if old_fb != new_fb:
            changes.append(
                RoleChange(
                    name,
                    "fallbacks",
                    ", ".join(old_fb) or "none",
                    ", ".join(new_fb) or "none",
                    ["ranking below the pick changed"],
                )
            )
    return changes
