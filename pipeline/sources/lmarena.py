"""LMArena leaderboards: rating and 95% interval per arena model name, per category.

Three files of the lmarena/arena-catalog repository: the text and vision leaderboards
(``{category: {arena_name: {rating, rating_q025, rating_q975}}}``) and the scatterplot data
(``[{name, model_api_name, organization, ...}]``), which names each model's lab.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import polars as pl

from llmhub.errors import DataQualityError

from ..columns import Field, Tally, keep_records, records_frame, table_schema
from ..core import Parsed, Payload, Source, register
from ..jsonio import JsonCursor, decode_json, reading, wrong_shape
from ._common import check_usable, fetch_parts, live_base_url, require_parts

NAME = "lmarena"
LIVE_BASE_URL = "https://raw.githubusercontent.com/lmarena/arena-catalog/main/data"
URL_ENV = "LLMHUB_LMARENA_URL"
# part name -> (upstream file name, bundled snapshot file name)
PARTS = {
    "text": ("leaderboard-text.json", "arena-leaderboard-text.json"),
    "vision": ("leaderboard-vision.json", "arena-leaderboard-vision.json"),
    "scatterplot": ("scatterplot-data.json", "arena-scatterplot-data.json"),
}
SNAPSHOTS = {part: snapshot for part, (_, snapshot) in PARTS.items()}
LEADERBOARDS = ("text", "vision")
# The leaderboard files last changed upstream in this commit (data/snapshots/README.md).
SNAPSHOT_AS_OF = datetime.fromisoformat("2025-12-11T17:32:56-05:00")

SCORE_FIELDS = [
    Field("rating", ("rating",), "num"),
    Field("rating_q025", ("rating_q025",), "num"),
    Field("rating_q975", ("rating_q975",), "num"),
]
SCATTERPLOT_FIELDS = [
    Field("display_name", ("name",), "str"),
    Field("organization", ("organization",), "str"),
    Field("license", ("license",), "str"),
    Field("input_token_price", ("input_token_price",), "str"),
    Field("output_token_price", ("output_token_price",), "str"),
    Field("price_source", ("price_source",), "str"),
    Field("model_source", ("model_source",), "str"),
    Field("is_hidden", ("hidden",), "bool"),
]
SCHEMAS = {
    "lmarena_scores": table_schema(["leaderboard", "category", "arena_name"], SCORE_FIELDS),
    "lmarena_scatterplot": table_schema(["arena_name"], SCATTERPLOT_FIELDS),
}


def _check_intervals(frame: pl.DataFrame, tally: Tally) -> pl.DataFrame:
    """Drop scores without a rating or outside their own 95% interval (impossible values)."""
    missing = pl.col("rating").is_null()
    outside = (
        (pl.col("rating_q025") > pl.col("rating")) | (pl.col("rating") > pl.col("rating_q975"))
    ).fill_null(False)
    counts = frame.select(missing.sum().alias("missing"), outside.sum().alias("outside"))
    tally.add("missing rating", counts.item(0, "missing"))
    tally.add("rating outside its own 95% interval", counts.item(0, "outside"))
    return frame.filter(~missing & ~outside)


@register
class LMArena(Source):
    """The text and vision leaderboards and the scatterplot metadata of lmarena/arena-catalog."""

    name = NAME

    def fetch(
        self, origin: str = "snapshot", *, timeout: float = 20.0, retries: int = 3
    ) -> Payload:
        """Download the three files (``origin="live"``) or read the bundled snapshots."""

        def urls() -> dict[str, str]:
            base = live_base_url(URL_ENV, LIVE_BASE_URL)
            return {part: f"{base}/{upstream}" for part, (upstream, _) in PARTS.items()}

        return fetch_parts(
            NAME, origin, SNAPSHOTS, urls, SNAPSHOT_AS_OF, timeout=timeout, retries=retries
        )

    def parse(self, payload: Payload) -> Parsed:
        """Score rows per leaderboard x category x arena name, and the scatterplot metadata."""
        require_parts(NAME, PARTS, payload)
        scores_bad = Tally(NAME, "scores")
        keys: dict[str, list[str]] = {"leaderboard": [], "category": [], "arena_name": []}
        entries: list[dict[str, Any]] = []
        texts: list[str] = []
        for leaderboard in LEADERBOARDS:
            cursor = JsonCursor(NAME, leaderboard, payload.parts[leaderboard])
            categories: list[str] = []
            with reading(NAME, leaderboard, cursor.text):
                if cursor.peek() != "{":
                    board = decode_json(NAME, leaderboard, payload.parts[leaderboard])
                    raise wrong_shape(NAME, leaderboard, "an object of categories", board)
                for category in cursor.members():
                    categories.append(category)
                    if cursor.peek() != "{":
                        raise wrong_shape(
                            NAME,
                            f"{leaderboard}.{category}",
                            "an object of scores",
                            cursor.value()[0],
                        )
                    names, values, sources = keep_records(
                        *cursor.records(), scores_bad, key_name="arena name in a category"
                    )
                    keys["leaderboard"].extend([leaderboard] * len(names))
                    keys["category"].extend([category] * len(names))
                    keys["arena_name"].extend(names)
                    entries.extend(values)
                    texts.extend(sources)
                cursor.finish()
            if "full" not in categories:
                raise wrong_shape(NAME, f"{leaderboard}.full", "a 'full' category", categories)
            if len(set(categories)) < len(categories):
                repeated = sorted({c for c in categories if categories.count(c) > 1})
                raise DataQualityError(
                    f"{NAME}: {leaderboard}: category repeated: {', '.join(repeated)}",
                    source=NAME,
                    field=leaderboard,
                    fix="the leaderboard file is malformed; fetch it again",
                )
        frame = records_frame(entries, SCORE_FIELDS, scores_bad, keys=keys, texts=texts)
        scores = _check_intervals(frame, scores_bad)
        check_usable(NAME, "scores", scores.height, scores_bad.total)

        scatter = decode_json(NAME, "scatterplot", payload.parts["scatterplot"])
        if not isinstance(scatter, list):
            raise wrong_shape(NAME, "scatterplot", "a list of model entries", scatter)
        scatter_bad = Tally(NAME, "scatterplot entries")
        usable_entries = [
            e for e in scatter if e.__class__ is dict and e.get("model_api_name").__class__ is str
        ]
        scatter_bad.add(
            "entry is not an object with a model_api_name", len(scatter) - len(usable_entries)
        )
        scatter_frame = records_frame(
            usable_entries,
            SCATTERPLOT_FIELDS,
            scatter_bad,
            keys={"arena_name": [e["model_api_name"] for e in usable_entries]},
        ).with_columns(pl.col("is_hidden").fill_null(False))
        unique = scatter_frame.unique("arena_name", keep="none", maintain_order=True)
        scatter_bad.add(
            "model_api_name appears more than once", scatter_frame.height - unique.height
        )
        return Parsed(
            source=NAME,
            tables={
                "lmarena_scores": scores,
                "lmarena_scatterplot": unique,
            },
            quarantined=scores_bad.total + scatter_bad.total,
            problems=scores_bad.problems(scores.height) + scatter_bad.problems(unique.height),
        )
