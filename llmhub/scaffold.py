"""``llmhub init``: write a starter spec, a ``.env.example`` and the spec's JSON Schema."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from llmhub.envcheck import env_example_text, requirements_from_file
from llmhub.errors import InputError
from llmhub.fsutil import atomic_write_text, guard_target
from llmhub.paths import resource
from llmhub.spec.schema import SCHEMA_FILE, spec_json_schema_text

__all__ = ["InitResult", "init_project"]


@dataclass(frozen=True)
class InitResult:
    """The files ``init_project`` wrote."""

    written: tuple[Path, ...]


def init_project(directory: str | Path = ".", *, force: bool = False) -> InitResult:
    """Write ``llmhub.spec.yaml``, ``.env.example`` and the spec's JSON Schema into ``directory``.

    Every target is checked before any is written, so a refusal writes nothing.

    Raises:
        InputError: one of the files exists already (a symlink counts, even a dangling one) and
            ``force`` is false; one is a folder, a device or a FIFO; or the folder is missing.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError("folder does not exist", path=folder, fix="create it first")
    spec_path = folder / "llmhub.spec.yaml"
    env_path = folder / ".env.example"
    # The schema too: editors validate the spec against it through the starter's
    # `# yaml-language-server: $schema=` comment, but a file of that name may be the user's.
    schema_path = folder / SCHEMA_FILE
    targets = (spec_path, env_path, schema_path)
    for target in targets:
        if not force and os.path.lexists(target):
            raise InputError(
                "file exists already; not overwriting it",
                path=target,
                fix="pass --force to replace it",
            )
        guard_target(target, force=True, field=None)  # a device or FIFO: never, even with force
    starter = resource("templates", "starter.spec.yaml").read_text("utf-8")
    atomic_write_text(spec_path, _named(starter, folder))
    requirements = requirements_from_file(spec_path)
    atomic_write_text(env_path, env_example_text(requirements))
    atomic_write_text(schema_path, spec_json_schema_text())
    return InitResult(targets)


def _named(starter: str, folder: Path) -> str:
    """The starter spec with ``project:`` set to the folder's name, as the original did."""
    import yaml

    name = folder.resolve().name.strip()
    if not name:  # the file-system root has no name
        return starter
    line = yaml.safe_dump({"project": name}, allow_unicode=True, width=1000)
    return starter.replace("project: my-app\n", line, 1)
