"""litellm's model cost map: which ``provider/model`` strings litellm can call, modes, prices.

The snapshot is the JSON file shipped inside the installed litellm package. It is located with
``importlib.util.find_spec`` so that reading it never imports litellm (seconds of start-up).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from llmhub.errors import SourceFetchError

from ..columns import Field, Tally, keep_records, records_frame, table_schema
from ..core import Parsed, Payload, Source, register
from ..fetching import http_get, make_payload
from ..jsonio import JsonCursor, decode_json, reading, wrong_shape
from ._common import check_usable, unknown_origin

NAME = "litellm"
LIVE_URL = (
    "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"
)
URL_ENV = "LLMHUB_LITELLM_URL"
PACKAGE = "litellm"
SNAPSHOT_FILE = "model_prices_and_context_window_backup.json"
PART = "cost_map"
# The documentation entry at the top of the file, not a model.
SKIP_KEYS = frozenset({"sample_spec"})

PRICE_FIELDS = (
    "input_cost_per_token",
    "output_cost_per_token",
    "cache_read_input_token_cost",
    "cache_creation_input_token_cost",
    "output_cost_per_reasoning_token",
    # transcription models are priced per second of audio in (whisper-1, Groq's Whisper)
    "input_cost_per_second",
    # image generation: per image (output_cost_per_image; input_cost_per_image on an image
    # generation entry, as litellm's own cost calculator reads it), or per image token
    "output_cost_per_image",
    "input_cost_per_image",
    "output_cost_per_image_token",
)
LIMIT_FIELDS = ("max_input_tokens", "max_output_tokens", "max_tokens")
FLAG_FIELDS = (
    "supports_function_calling",
    "supports_tool_choice",
    "supports_vision",
    "supports_reasoning",
    "supports_response_schema",
    "supports_prompt_caching",
    "supports_pdf_input",
    "supports_audio_input",
    "supports_audio_output",
)
FIELDS = [
    *(Field(name, (name,), "str") for name in ("litellm_provider", "mode", "deprecation_date")),
    # the page the entry's prices were taken from (the lab's pricing or models page)
    Field("source_url", ("source",), "str"),
    Field("supported_modalities", ("supported_modalities",), "strlist"),
    Field("supported_output_modalities", ("supported_output_modalities",), "strlist"),
    Field("supported_endpoints", ("supported_endpoints",), "strlist"),
    *(Field(name, (name,), "num") for name in PRICE_FIELDS),
    *(Field(name, (name,), "int") for name in LIMIT_FIELDS),
    *(Field(name, (name,), "bool") for name in FLAG_FIELDS),
]
SCHEMAS = {"litellm_models": table_schema(["model_key"], FIELDS)}


def snapshot_path() -> Path:
    """The cost map bundled in the installed litellm package (found without importing it)."""
    spec = importlib.util.find_spec(PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for folder in locations:
        candidate = Path(folder) / SNAPSHOT_FILE
        if candidate.is_file():
            return candidate
    raise SourceFetchError(
        f"{NAME}: {SNAPSHOT_FILE} not found in the installed litellm package",
        source=NAME,
        fix="reinstall litellm (pip install --force-reinstall litellm)",
    )


@register
class LiteLLM(Source):
    """``model_prices_and_context_window.json``: ``{model_key: {litellm_provider, mode, ...}}``."""

    name = NAME

    def fetch(
        self, origin: str = "snapshot", *, timeout: float = 20.0, retries: int = 3
    ) -> Payload:
        """Download the live cost map, or read the copy inside the installed litellm package."""
        if origin == "live":
            url = os.environ.get(URL_ENV) or LIVE_URL
            body = http_get(NAME, url, timeout=timeout, retries=retries)
            return make_payload(NAME, "live", url, {PART: body})
        if origin == "snapshot":
            path = snapshot_path()
            return make_payload(NAME, "snapshot", str(path), {PART: path.read_bytes()})
        raise unknown_origin(NAME, origin)

    def parse(self, payload: Payload) -> Parsed:
        """One row per cost-map key; bad entries are quarantined and counted."""
        if PART not in payload.parts:
            raise wrong_shape(NAME, PART, "a part named 'cost_map'", sorted(payload.parts))
        cursor = JsonCursor(NAME, PART, payload.parts[PART])
        bad = Tally(NAME, "entries")
        with reading(NAME, PART, cursor.text):
            if cursor.peek() != "{":
                data = decode_json(NAME, PART, payload.parts[PART])
                raise wrong_shape(NAME, "top level", "an object of model entries", data)
            keys, values, texts = cursor.records()
            cursor.finish()
        documented = [i for i, key in enumerate(keys) if key not in SKIP_KEYS]
        keys, values, texts = keep_records(
            [keys[i] for i in documented],
            [values[i] for i in documented],
            [texts[i] for i in documented],
            bad,
            key_name="model key",
        )
        frame = records_frame(values, FIELDS, bad, keys={"model_key": keys}, texts=texts)
        check_usable(NAME, "entries", frame.height, bad.total)
        return Parsed(
            source=NAME,
            tables={"litellm_models": frame},
            quarantined=bad.total,
            problems=bad.problems(frame.height),
        )
