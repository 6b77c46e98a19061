"""models.dev: providers (env vars, docs) and, per provider x model, capabilities and prices."""

from __future__ import annotations

import os
from typing import Any

from ..columns import Field, Tally, records_frame
from ..core import Parsed, Payload, Source, register
from ..fetching import http_get, make_payload, read_snapshot
from ..jsonio import decode_json, duplicates_of, wrong_shape
from ._common import check_usable, unknown_origin

NAME = "models_dev"
LIVE_URL = "https://models.dev/api.json"
URL_ENV = "LLMHUB_MODELS_DEV_URL"
SNAPSHOT_FILE = "modelsdev-api.json"
PART = "api"

PROVIDER_FIELDS = [
    Field("name", ("name",), "str"),
    Field("env", ("env",), "strlist"),
    Field("npm", ("npm",), "str"),
    Field("api", ("api",), "str"),
    Field("doc", ("doc",), "str"),
]
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
    *(
        Field(name, (name,), "str")
        for name in ("name", "family", "knowledge", "release_date", "last_updated", "status")
    ),
    *(
        Field(name, (name,), "bool")
        for name in (
            "attachment",
            "reasoning",
            "tool_call",
            "structured_output",
            "temperature",
            "open_weights",
        )
    ),
    Field("input_modalities", ("modalities", "input"), "strlist"),
    Field("output_modalities", ("modalities", "output"), "strlist"),
    *(Field(f"limit_{name}", ("limit", name), "int") for name in ("context", "input", "output")),
    *(Field(f"cost_{name}", ("cost", name), "num") for name in COST_FIELDS),
    Field("experimental", ("experimental",), "json"),
]


@register
class ModelsDev(Source):
    """models.dev ``api.json``: ``{provider_id: {..., models: {model_id: {...}}}}``."""

    name = NAME

    def fetch(
        self, origin: str = "snapshot", *, timeout: float = 20.0, retries: int = 3
    ) -> Payload:
        """Download ``api.json`` (``origin="live"``) or read the bundled snapshot."""
        if origin == "live":
            url = os.environ.get(URL_ENV) or LIVE_URL
            body = http_get(NAME, url, timeout=timeout, retries=retries)
            return make_payload(NAME, "live", url, {PART: body})
        if origin == "snapshot":
            return make_payload(
                NAME,
                "snapshot",
                f"data/snapshots/{SNAPSHOT_FILE}",
                {PART: read_snapshot(SNAPSHOT_FILE)},
            )
        raise unknown_origin(NAME, origin)

    def parse(self, payload: Payload) -> Parsed:
        """Providers and provider x model rows; bad rows are quarantined and counted."""
        if PART not in payload.parts:
            raise wrong_shape(NAME, PART, "a part named 'api'", sorted(payload.parts))
        data = decode_json(NAME, PART, payload.parts[PART])
        if not isinstance(data, dict):
            raise wrong_shape(NAME, "top level", "an object of providers", data)
        providers_bad = Tally(NAME, "providers")
        models_bad = Tally(NAME, "models")
        duplicate_providers = duplicates_of(data)
        providers_bad.add("provider id appears more than once", len(duplicate_providers))
        provider_ids: list[str] = []
        providers: list[dict[str, Any]] = []
        model_keys: tuple[list[str], list[str]] = ([], [])
        models: list[dict[str, Any]] = []
        for provider_id, provider in data.items():
            entries = provider.get("models") if isinstance(provider, dict) else None
            if provider_id in duplicate_providers:
                continue
            if not isinstance(entries, dict) or duplicates_of(provider):
                providers_bad.add("provider entry is not an object with one 'models' object")
                continue
            provider_ids.append(provider_id)
            providers.append({k: v for k, v in provider.items() if k != "models"})
            repeated = duplicates_of(entries)
            models_bad.add("model id appears more than once in its provider", len(repeated))
            usable = [
                (model_id, model)
                for model_id, model in entries.items()
                if model_id not in repeated and model.__class__ is dict
            ]
            models_bad.add(
                "model entry is not an object", len(entries) - len(repeated) - len(usable)
            )
            model_keys[0].extend([provider_id] * len(usable))
            model_keys[1].extend(model_id for model_id, _ in usable)
            models.extend(model for _, model in usable)
        with_duplicates = [i for i, model in enumerate(models) if duplicates_of(model)]
        if with_duplicates:
            models_bad.add("duplicate keys inside a model entry", len(with_duplicates))
            drop = set(with_duplicates)
            keep = [i for i in range(len(models)) if i not in drop]
            models = [models[i] for i in keep]
            model_keys = ([model_keys[0][i] for i in keep], [model_keys[1][i] for i in keep])
        provider_frame = records_frame(
            providers, PROVIDER_FIELDS, providers_bad, keys={"provider_id": provider_ids}
        )
        model_frame = records_frame(
            models,
            MODEL_FIELDS,
            models_bad,
            keys={"provider_id": model_keys[0], "model_id": model_keys[1]},
        )
        check_usable(NAME, "providers", provider_frame.height, providers_bad.total)
        check_usable(NAME, "models", model_frame.height, models_bad.total)
        return Parsed(
            source=NAME,
            tables={
                "models_dev_providers": provider_frame,
                "models_dev_models": model_frame,
            },
            quarantined=providers_bad.total + models_bad.total,
            problems=providers_bad.problems(provider_frame.height)
            + models_bad.problems(model_frame.height),
        )
