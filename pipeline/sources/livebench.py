"""LiveBench: contamination-limited benchmark scores per model variant and task.

Two files of the LiveBench website repository for one release: ``table_<release>.csv`` (a
``model`` column, then one 0-100 score column per task) and ``categories_<release>.json``
(``{category: [task, ...]}``). The release stamp changes a few times a year, so it is a setting:
``LLMHUB_LIVEBENCH_RELEASE`` (default ``RELEASE``).
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import datetime
from math import isfinite

import polars as pl

from llmhub.errors import DataQualityError

from ..columns import Tally
from ..core import Parsed, Payload, Source, register
from ..jsonio import decode_json, wrong_shape
from ._common import check_usable, fetch_parts, live_base_url, require_parts

NAME = "livebench"
LIVE_BASE_URL = "https://raw.githubusercontent.com/LiveBench/livebench.github.io/main/public"
URL_ENV = "LLMHUB_LIVEBENCH_URL"
RELEASE_ENV = "LLMHUB_LIVEBENCH_RELEASE"
RELEASE = "2026_01_08"
# part name -> (upstream file name pattern, bundled snapshot file name)
PARTS = {
    "table": ("table_{release}.csv", "livebench-table.csv"),
    "categories": ("categories_{release}.json", "livebench-categories.json"),
}
SNAPSHOTS = {part: snapshot for part, (_, snapshot) in PARTS.items()}
# The bundled files' upstream commit date (data/snapshots/README.md).
SNAPSHOT_AS_OF = datetime.fromisoformat("2026-07-01T01:57:47+05:30")
_RELEASE_FORMAT = re.compile(r"^\d{4}_\d{2}_\d{2}$")
SCHEMAS = {
    "livebench_scores": pl.Schema(
        [("model", pl.String()), ("task", pl.String()), ("score", pl.Float64())]
    ),
    "livebench_categories": pl.Schema([("category", pl.String()), ("task", pl.String())]),
}


def release() -> str:
    """The LiveBench release to fetch live: the setting, checked, else the default."""
    value = os.environ.get(RELEASE_ENV) or RELEASE
    if not _RELEASE_FORMAT.match(value):
        raise DataQualityError(
            f"{NAME}: {RELEASE_ENV}={value!r} is not a release stamp",
            source=NAME,
            field=RELEASE_ENV,
            fix="use the date stamp of a LiveBench table, e.g. 2026_01_08",
        )
    return value


def _number(text: str) -> float | None:
    if text.strip() == "":
        return None
    try:
        value = float(text)
    except ValueError:
        return float("nan")
    return value if isfinite(value) else float("nan")


def parse_categories(raw: bytes) -> list[tuple[str, str]]:
    """(category, task) pairs of ``categories_<release>.json``; pure."""
    document = decode_json(NAME, "categories", raw)
    if not isinstance(document, dict) or not all(
        isinstance(tasks, list) and all(isinstance(t, str) for t in tasks)
        for tasks in document.values()
    ):
        raise wrong_shape(NAME, "categories", "an object of task-name lists", document)
    return [(category, task) for category, tasks in document.items() for task in tasks]


def parse_table(raw: bytes, tally: Tally) -> tuple[list[str], list[str], list[float | None]]:
    """Long (model, task, score) columns of ``table_<release>.csv``; bad rows tallied; pure."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise wrong_shape(NAME, "table", "UTF-8 CSV text", raw[: error.start]) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not rows[0] or rows[0][0] != "model" or len(rows[0]) < 2:
        raise wrong_shape(NAME, "table", "a CSV whose first column is 'model'", text[:80])
    tasks = rows[0][1:]
    body = [row for row in rows[1:] if row]
    names = [row[0] for row in body]
    repeated = {n for n in names if names.count(n) > 1}
    tally.add("model appears more than once", sum(n in repeated for n in names))
    models: list[str] = []
    task_column: list[str] = []
    scores: list[float | None] = []
    for row in body:
        if row[0] in repeated:
            continue
        if len(row) != len(tasks) + 1:
            tally.add("row has the wrong number of columns")
            continue
        values = [_number(cell) for cell in row[1:]]
        if any(v is not None and v != v for v in values):
            tally.add("non-numeric score")
            continue
        if any(v is not None and not 0 <= v <= 100 for v in values):
            tally.add("score outside 0-100")
            continue
        models.extend([row[0]] * len(tasks))
        task_column.extend(tasks)
        scores.extend(values)
    return models, task_column, scores


@register
class LiveBench(Source):
    """The LiveBench leaderboard table and its category map for one release."""

    name = NAME

    def fetch(
        self, origin: str = "snapshot", *, timeout: float = 20.0, retries: int = 3
    ) -> Payload:
        """Download the release's two files (``origin="live"``) or read the snapshots."""

        def urls() -> dict[str, str]:
            base, stamp = live_base_url(URL_ENV, LIVE_BASE_URL), release()
            return {
                part: f"{base}/{file.format(release=stamp)}" for part, (file, _) in PARTS.items()
            }

        return fetch_parts(
            NAME, origin, SNAPSHOTS, urls, SNAPSHOT_AS_OF, timeout=timeout, retries=retries
        )

    def parse(self, payload: Payload) -> Parsed:
        """Scores per model x task, and the category of each task."""
        require_parts(NAME, PARTS, payload)
        pairs = parse_categories(payload.parts["categories"])
        tally = Tally(NAME, "models")
        models, tasks, scores = parse_table(payload.parts["table"], tally)
        kept = len(set(models))
        check_usable(NAME, "models", kept, tally.total)
        unknown = sorted({t for _, t in pairs} - set(tasks))
        if unknown:
            raise DataQualityError(
                f"{NAME}: categories name tasks the table lacks: {', '.join(unknown)}",
                source=NAME,
                field="categories",
                fix="the table and category files are from different releases; fetch both again",
            )
        score_frame = pl.DataFrame(
            {"model": models, "task": tasks, "score": scores},
            schema=SCHEMAS["livebench_scores"],
        )
        category_frame = pl.DataFrame(
            {"category": [c for c, _ in pairs], "task": [t for _, t in pairs]},
            schema=SCHEMAS["livebench_categories"],
        )
        return Parsed(
            source=NAME,
            tables={"livebench_scores": score_frame, "livebench_categories": category_frame},
            quarantined=tally.total,
            problems=tally.problems(kept),
        )
