"""Generate to a file: refuse to lose hand edits, ``--check`` for CI, and the runtime diff."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from llmhub.errors import InputError
from llmhub.fsutil import atomic_write_text, guard_target, read_current_text
from llmhub.generator.core import GenerationResult
from llmhub.generator.header import check_overwrite, split_header
from llmhub.runtime.config import RoleConfig, RuntimeConfig, parse_runtime

__all__ = ["RoleChange", "check_file", "runtime_changes", "write_generated"]


def write_generated(result: GenerationResult, out: str | Path, *, force: bool = False) -> bool:
    """Write ``result`` to ``out`` atomically; returns False when the file was already current.

    Raises:
        InputError: ``out`` was edited by hand (or has no llmhub header) and ``force`` is false.
    """
    path = Path(out)
    if path.is_dir():
        raise InputError(
            "is a directory, not a file", path=path, fix="pass the runtime file's path to --out"
        )
    # Devices, FIFOs and sockets are refused before they are read (a FIFO would block);
    # a symlink is written through to its target.
    path = guard_target(path, force=True)
    try:
        current = path.read_text("utf-8")
    except (UnicodeDecodeError, OSError):
        current = None
    if current == result.text:
        return False
    if not force:
        reason = check_overwrite(path)
        if reason is not None:
            raise InputError(
                f"not overwriting: {reason}",
                path=path,
                fix="move your edits into the spec, or pass --force to overwrite",
            )
    atomic_write_text(path, result.text)
    return True


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
            if why is not None and why.score.get("total") is not None:
                reasons.append(f"score {why.score['total']:.3f}")
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
