"""``llmhub init``: write a starter spec, a ``.env.example`` and the spec's JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from llmhub.envcheck import env_example_text, requirements_from_file
from llmhub.errors import InputError
from llmhub.fsutil import atomic_write_text
from llmhub.paths import resource
from llmhub.spec.schema import SCHEMA_FILE, spec_json_schema_text

__all__ = ["InitResult", "init_project"]


@dataclass(frozen=True)
class InitResult:
    """The files ``init_project`` wrote."""

    written: tuple[Path, ...]


def init_project(directory: str | Path = ".", *, force: bool = False) -> InitResult:
    """Write ``llmhub.spec.yaml`` and ``.env.example`` into ``directory``.

    Raises:
        InputError: a file exists already and ``force`` is false, or the folder is missing.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError("folder does not exist", path=folder, fix="create it first")
    spec_path = folder / "llmhub.spec.yaml"
    env_path = folder / ".env.example"
    if not force:
        for existing in (spec_path, env_path):
            if existing.exists():
                raise InputError(
                    "file exists already; not overwriting it",
                    path=existing,
                    fix="pass --force to replace it",
                )
    starter = resource("templates", "starter.spec.yaml").read_text("utf-8")
    atomic_write_text(spec_path, _named(starter, folder))
    requirements = requirements_from_file(spec_path)
    atomic_write_text(env_path, env_example_text(requirements))
    # Derived from the code, so always refreshed: editors validate the spec against it through
    # the starter's `# yaml-language-server: $schema=` comment.
    schema_path = folder / SCHEMA_FILE
    atomic_write_text(schema_path, spec_json_schema_text())
    return InitResult((spec_path, env_path, schema_path))


def _named(starter: str, folder: Path) -> str:
    """The starter spec with ``project:`` set to the folder's name, as the original did."""
    import yaml

    name = folder.resolve().name.strip()
    if not name:  # the file-system root has no name
        return starter
    line = yaml.safe_dump({"project": name}, allow_unicode=True, width=1000)
    return starter.replace("project: my-app\n", line, 1)
