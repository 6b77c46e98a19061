"""The spec's JSON Schema, for editors (yaml-language-server) and ``llmhub spec schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from llmhub.spec.models import SpecConfig

__all__ = ["SCHEMA_FILE", "schema_owner", "spec_json_schema", "spec_json_schema_text"]

SCHEMA_FILE = "llmhub.spec.schema.json"


def spec_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``llmhub.spec.yaml``."""
    schema = SpecConfig.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "llmhub.spec.yaml"
    return schema


def spec_json_schema_text() -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(spec_json_schema(), indent=2, sort_keys=True) + "\n"


def schema_owner(path: Path) -> str | None:
    """Why ``path`` is not a spec schema llmhub wrote (None when it is one), for ``--out``."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return "the existing file is not a JSON Schema llmhub wrote"
    if isinstance(data, dict) and data.get("title") == "llmhub.spec.yaml":
        return None
    return "the existing file is not llmhub's spec schema"
