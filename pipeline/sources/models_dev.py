"""models.dev: providers (env vars, docs) and, per provider x model, capabilities and prices."""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from ..columns import Field, Tally, keep_records, records_frame, table_schema
from ..core import Parsed, Payload, Source, register
from ..jsonio import JsonCursor, decode_json, reading, wrong_shape
from ._common import check_usable, fetch_parts

NAME = "models_dev"
LIVE_URL = "https://models.dev/api.json"
URL_ENV = "LLMHUB_MODELS_DEV_URL"
SNAPSHOT_FILE = "modelsdev-api.json"
# The upstream commit the bundled snapshot was built from (data/snapshots/README.md).
SNAPSHOT_AS_OF = datetime.fromisoformat("2026-07-02T00:40:28+08:00")
PART = "api"

PROVIDER_FIELDS = [
    Field("name", ("name",), "str"),
    Field("env", ("env",), "strlist"),
    Field("npm", ("npm",), "str"),
    Field("api", ("api",), "str"),
    Field("doc", ("doc",), "str"),
]
TEXT_FIELDS = ("name", "family", "knowledge", "release_date", "last_updated", "status")
FLAG_FIELDS = (
    "attachment",
    "reasoning",
    "tool_call",
    "structured_output",
    "temperature",
    "open_weights",
)
LIMIT_FIELDS = ("context", "input", "output")
COST_FIELDS = (
    "input",
    "output",
    "reasoning",
    "cache_read",
    "cache_write",
    "input_audio",
    "output_audio",
)
MODEL_FIELDS = [
    *(Field(name, (name,), "str") for name in TEXT_FIELDS),
    *(Field(name, (name,), "bool") for name in FLAG_FIELDS),
    Field("input_modalities", ("modalities", "input"), "strlist"),
    Field("output_modalities", ("modalities", "output"), "strlist"),
    *(Field(f"limit_{name}", ("limit", name), "int") for name in LIMIT_FIELDS),
    *(Field(f"cost_{name}", ("cost", name), "num") for name in COST_FIELDS),
    Field("experimental", ("experimental",), "json"),
]
SCHEMAS = {
    "models_dev_providers": table_schema(["provider_id"], PROVIDER_FIELDS),
    "models_dev_models": table_schema(["provider_id", "model_id"], MODEL_FIELDS),
}


class _Rows:
    """Column lists gathered while walking the document."""

    def __init__(self) -> None:
        self.provider_ids: list[str] = []
        self.providers: list[dict[str, Any]] = []
        self.model_provider_ids: list[str] = []
        self.model_ids: list[str] = []
        self.models: list[dict[str, Any]] = []
        self.model_texts: list[str] = []


@register
class ModelsDev(Source):
    """models.dev ``api.json``: ``{provider_id: {..., models: {model_id: {...}}}}``."""

    name = NAME

    def fetch(
        self, origin: str = "snapshot", *, timeout: float = 20.0, retries: int = 3
    ) -> Payload:
        """Download ``api.json`` (``origin="live"``) or read the bundled snapshot."""
        return fetch_parts(
            NAME,
            origin,
            {PART: SNAPSHOT_FILE},
            lambda: {PART: os.environ.get(URL_ENV) or LIVE_URL},
            SNAPSHOT_AS_OF,
            timeout=timeout,
            retries=retries,
        )

    def parse(self, payload: Payload) -> Parsed:
        """Providers and provider x model rows; bad rows are quarantined and counted."""
        if PART not in payload.parts:
            raise wrong_shape(NAME, PART, "a part named 'api'", sorted(payload.parts))
        cursor = JsonCursor(NAME, PART, payload.parts[PART])
        providers_bad = Tally(NAME, "providers")
        models_bad = Tally(NAME, "models")
        rows = _Rows()
        seen: dict[str, int] = {}
        with reading(NAME, PART, cursor.text):
            if cursor.peek() != "{":
                data = decode_json(NAME, PART, payload.parts[PART])
                raise wrong_shape(NAME, "top level", "an object of providers", data)
            for provider_id in cursor.members():
                seen[provider_id] = seen.get(provider_id, 0) + 1
                if cursor.peek() != "{":
                    cursor.skip()
                    providers_bad.add("provider entry is not an object")
                    continue
                header: dict[str, Any] = {}
                keys: list[str] = []
                found: tuple[list[str], list[dict[str, Any]], list[str]] | None = None
                for key in cursor.members():
                    keys.append(key)
                    if key == "models" and cursor.peek() == "{" and found is None:
                        found = keep_records(*cursor.records(), models_bad, key_name="model id")
                    else:
                        header[key] = cursor.value()[0]
                if found is None or len(keys) != len(set(keys)):
                    providers_bad.add("provider entry is not an object with one 'models' object")
                    continue
                rows.provider_ids.append(provider_id)
                rows.providers.append(header)
                ids, records, texts = found
                rows.model_provider_ids.extend([provider_id] * len(ids))
                rows.model_ids.extend(ids)
                rows.models.extend(records)
                rows.model_texts.extend(texts)
            cursor.finish()
        repeated = {provider_id for provider_id, n in seen.items() if n > 1}
        if repeated:
            _drop_repeated_providers(rows, repeated, providers_bad, models_bad)
        provider_frame = records_frame(
            rows.providers, PROVIDER_FIELDS, providers_bad, keys={"provider_id": rows.provider_ids}
        )
        model_frame = records_frame(
            rows.models,
            MODEL_FIELDS,
            models_bad,
            keys={"provider_id": rows.model_provider_ids, "model_id": rows.model_ids},
            texts=rows.model_texts,
        )
        check_usable(NAME, "providers", provider_frame.height, providers_bad.total)
        check_usable(NAME, "models", model_frame.height, models_bad.total)
        return Parsed(
            source=NAME,
            tables={"models_dev_providers": provider_frame, "models_dev_models": model_frame},
            quarantined=providers_bad.total + models_bad.total,
            problems=providers_bad.problems(provider_frame.height)
            + models_bad.problems(model_frame.height),
        )


def _drop_repeated_providers(
    rows: _Rows, repeated: set[str], providers_bad: Tally, models_bad: Tally
) -> None:
    """A provider id that appears twice cannot be trusted: drop every copy and its models."""
    providers_bad.add("provider id appears more than once", len(repeated))
    keep = [i for i, p in enumerate(rows.provider_ids) if p not in repeated]
    rows.provider_ids = [rows.provider_ids[i] for i in keep]
    rows.providers = [rows.providers[i] for i in keep]
    keep = [i for i, p in enumerate(rows.model_provider_ids) if p not in repeated]
    models_bad.add("model of a repeated provider id", len(rows.model_ids) - len(keep))
    rows.model_provider_ids = [rows.model_provider_ids[i] for i in keep]
    rows.model_ids = [rows.model_ids[i] for i in keep]
    rows.models = [rows.models[i] for i in keep]
    rows.model_texts = [rows.model_texts[i] for i in keep]
