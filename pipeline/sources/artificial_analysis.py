"""Artificial Analysis: quality indices, per-benchmark results and measured speed per model.

One file, ``llms.json``, of the daily GitHub mirror of Artificial Analysis's public leaderboard
(``{"meta": {...}, "models": [{slug, name, creator{slug}, evaluations{...}, speed{...},
open_weights{openrouter_api_id}, ...}]}``). The live path follows the mirror's
``data/latest.json`` pointer (``{"date": ..., "path": "data/<date>"}``) to the newest day.
Attribution travels with the data: "Data: Artificial Analysis, https://artificialanalysis.ai".
"""

from __future__ import annotations

from datetime import datetime

import polars as pl

from llmhub.errors import DataQualityError

from ..columns import Field, Tally, records_frame, table_schema
from ..core import Parsed, Payload, Source, register
from ..fetching import http_get, make_payload, read_snapshot
from ..jsonio import decode_json, wrong_shape
from ._common import check_usable, live_base_url, unknown_origin

NAME = "artificial_analysis"
LIVE_BASE_URL = (
    "https://raw.githubusercontent.com/oolong-tea-2026/artificial-analysis-leaderboards/main"
)
URL_ENV = "LLMHUB_ARTIFICIAL_ANALYSIS_URL"
POINTER = "data/latest.json"
LEADERBOARD_FILE = "llms.json"
SNAPSHOT_FILE = "artificialanalysis-llms.json"
PART = "llms"
ATTRIBUTION = "Data: Artificial Analysis, https://artificialanalysis.ai"
# When the mirror fetched the bundled leaderboard from upstream (data/snapshots/README.md).
SNAPSHOT_AS_OF = datetime.fromisoformat("2026-07-10T08:34:09+00:00")

# The 0-100 indices; the per-benchmark results are 0-1 fractions.
INDICES = (
    "artificial_analysis_intelligence_index",
    "artificial_analysis_coding_index",
    "artificial_analysis_agentic_index",
)
BENCHMARKS = ("gpqa", "hle", "scicode", "ifbench", "tau2_bench", "terminal_bench_hard", "mmmu_pro")
SPEEDS = ("output_tokens_per_second", "time_to_first_token_seconds")
FIELDS = [
    Field("model_name", ("name",), "str"),
    Field("creator_slug", ("creator", "slug"), "str"),
    Field("release_date", ("release_date",), "str"),
    Field("is_deprecated", ("deprecated",), "bool"),
    Field("openrouter_api_id", ("open_weights", "openrouter_api_id"), "str"),
    Field(
        "is_intelligence_index_estimated",
        ("evaluations", "artificial_analysis_intelligence_index_is_estimated"),
        "bool",
    ),
    *(Field(name, ("evaluations", name), "num") for name in INDICES),
    *(Field(name, ("evaluations", name), "num") for name in BENCHMARKS),
    *(Field(name, ("speed", name), "num") for name in SPEEDS),
    Field("has_image_input", ("capabilities", "input_modality_image"), "bool"),
]
SCHEMAS = {"artificial_analysis_models": table_schema(["slug"], FIELDS)}


def pointer_path(source: str, raw: bytes) -> str:
    """The day folder named by the mirror's ``latest.json`` pointer (pure, for tests)."""
    pointer = decode_json(source, "latest.json", raw)
    path = pointer.get("path") if isinstance(pointer, dict) else None
    if not isinstance(path, str) or not path.strip("/") or ".." in path.split("/"):
        raise wrong_shape(
            source, "latest.json", 'an object {"date", "path": "data/<date>"}', pointer
        )
    return path.strip("/")


def _out_of_range(frame: pl.DataFrame, tally: Tally) -> pl.DataFrame:
    """Drop rows with an index above 100 or a benchmark fraction above 1 (impossible values)."""
    checks = [(name, 100.0) for name in INDICES] + [(name, 1.0) for name in BENCHMARKS]
    bad = pl.lit(False)
    for name, limit in checks:
        over = (pl.col(name) > limit).fill_null(False)
        count = frame.select(over.sum()).item()
        tally.add(f"{name} above {limit:g}", count)
        bad = bad | over
    return frame.filter(~bad)


@register
class ArtificialAnalysis(Source):
    """The LLM leaderboard of Artificial Analysis, as mirrored daily on GitHub."""

    name = NAME

    def fetch(
        self, origin: str = "snapshot", *, timeout: float = 20.0, retries: int = 3
    ) -> Payload:
        """Follow ``data/latest.json`` to the newest ``llms.json`` (live), or read the snapshot."""
        if origin == "live":
            base = live_base_url(URL_ENV, LIVE_BASE_URL)
            pointer = http_get(NAME, f"{base}/{POINTER}", timeout=timeout, retries=retries)
            url = f"{base}/{pointer_path(NAME, pointer)}/{LEADERBOARD_FILE}"
            body = http_get(NAME, url, timeout=timeout, retries=retries)
            return make_payload(NAME, "live", url, {PART: body})
        if origin == "snapshot":
            parts = {PART: read_snapshot(SNAPSHOT_FILE)}
            location = f"data/snapshots/{SNAPSHOT_FILE}"
            return make_payload(NAME, "snapshot", location, parts, SNAPSHOT_AS_OF)
        raise unknown_origin(NAME, origin)

    def parse(self, payload: Payload) -> Parsed:
        """One row per model slug; impossible values and repeated slugs are quarantined."""
        if PART not in payload.parts:
            raise wrong_shape(NAME, "parts", f"parts ['{PART}']", sorted(payload.parts))
        document = decode_json(NAME, PART, payload.parts[PART])
        models = document.get("models") if isinstance(document, dict) else None
        if not isinstance(models, list):
            raise wrong_shape(NAME, PART, 'an object with a "models" list', document)
        tally = Tally(NAME, "models")
        usable = [m for m in models if m.__class__ is dict and m.get("slug").__class__ is str]
        tally.add("entry is not an object with a slug", len(models) - len(usable))
        frame = records_frame(usable, FIELDS, tally, keys={"slug": [m["slug"] for m in usable]})
        frame = _out_of_range(frame, tally)
        unique = frame.unique("slug", keep="none", maintain_order=True)
        tally.add("slug appears more than once", frame.height - unique.height)
        check_usable(NAME, "models", unique.height, tally.total)
        if unique.select(pl.col(INDICES[0]).is_not_null().sum()).item() == 0:
            raise DataQualityError(
                f"{NAME}: models: no model has an {INDICES[0]}",
                source=NAME,
                field=INDICES[0],
                fix="the upstream format may have changed; keep the previous catalog",
            )
        return Parsed(
            source=NAME,
            tables={"artificial_analysis_models": unique},
            quarantined=tally.total,
            problems=tally.problems(unique.height),
        )
