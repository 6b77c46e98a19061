"""What generation returns, and writing it without losing hand edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from llmhub.errors import InputError
from llmhub.fsutil import atomic_write_text, guard_target
from llmhub.generator.header import check_overwrite

if TYPE_CHECKING:
    from llmhub.generator.explain import RoleExplanation
    from llmhub.runtime.config import RuntimeConfig

__all__ = ["GenerationResult", "write_generated"]


@dataclass
class GenerationResult:
    """The runtime config, why each role got its model, and the file text to write."""

    runtime: RuntimeConfig
    explanations: dict[str, RoleExplanation]
    warnings: list[str] = field(default_factory=list)
    spec_sha256: str = ""
    catalog_build: str = "unversioned"
    text: str = ""
    caveats: list[str] = field(default_factory=list)

    def write(self, path: str | Path, *, force: bool = False) -> bool:
        """Write ``text`` (header included) to ``path`` atomically, as ``llmhub generate`` does.

        Returns False when the file already held exactly this text.

        Raises:
            InputError: the file was edited by hand (or has no llmhub header) and ``force``
                is false; it is left untouched.
        """
        return write_generated(self, path, force=force)


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
