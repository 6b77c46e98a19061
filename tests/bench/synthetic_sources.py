"""Enlarge real source payloads N-fold with renamed copies, for the catalog scaling benchmark.

Copy ``k`` of a model gets the id ``<id>-x<k>`` in every source at once (models.dev model ids,
litellm keys, arena names, scatterplot API names, Artificial Analysis slugs and LiveBench model
rows), so the copies match each other across
sources the way the originals do and every join and window in the SQL sees N times the rows.
"""

from __future__ import annotations

import json
from typing import Any

from llmhub.pipeline import Payload
from llmhub.pipeline.core import payload_sha256


def _renamed(name: str, k: int) -> str:
    return name if k == 0 else f"{name}-x{k}"


def _models_dev(data: dict[str, Any], factor: int) -> dict[str, Any]:
    out = {}
    for provider_id, provider in data.items():
        models = {}
        for model_id, model in provider.get("models", {}).items():
            for k in range(factor):
                copy = dict(model, id=_renamed(model.get("id", model_id), k))
                models[_renamed(model_id, k)] = copy
        out[provider_id] = dict(provider, models=models)
    return out


def _litellm(data: dict[str, Any], factor: int) -> dict[str, Any]:
    out = {}
    for key, spec in data.items():
        if key == "sample_spec":  # documentation, not a model
            out[key] = spec
            continue
        for k in range(factor):
            out[_renamed(key, k)] = spec
    return out


def _leaderboard(data: dict[str, Any], factor: int) -> dict[str, Any]:
    return {
        category: {_renamed(name, k): row for name, row in rows.items() for k in range(factor)}
        for category, rows in data.items()
    }


def _scatterplot(data: list[dict[str, Any]], factor: int) -> list[dict[str, Any]]:
    return [
        dict(
            row,
            name=_renamed(row["name"], k),
            model_api_name=_renamed(row.get("model_api_name") or row["name"], k),
        )
        for row in data
        for k in range(factor)
    ]


def _artificial_analysis(data: dict[str, Any], factor: int) -> dict[str, Any]:
    models = [
        dict(model, slug=_renamed(model["slug"], k))
        for model in data["models"]
        for k in range(factor)
    ]
    return dict(data, models=models)


def _livebench_table(raw: bytes, factor: int) -> bytes:
    header, *rows = raw.decode("utf-8").splitlines()
    grown = [
        ",".join([_renamed(row.split(",", 1)[0], k), row.split(",", 1)[1]])
        for row in rows
        for k in range(factor)
    ]
    return "\n".join([header, *grown]).encode()


def enlarge(payloads: dict[str, Payload], factor: int) -> dict[str, Payload]:
    """Payloads with every source ``factor`` times larger (``factor`` = 1 returns copies)."""
    out = {}
    for name, payload in payloads.items():
        parts = {}
        for part, raw in payload.parts.items():
            if name == "livebench":
                parts[part] = _livebench_table(raw, factor) if part == "table" else raw
                continue
            data = json.loads(raw)
            if name == "models_dev":
                data = _models_dev(data, factor)
            elif name == "litellm":
                data = _litellm(data, factor)
            elif name == "artificial_analysis":
                data = _artificial_analysis(data, factor)
            elif part == "scatterplot":
                data = _scatterplot(data, factor)
            else:
                data = _leaderboard(data, factor)
            parts[part] = json.dumps(data).encode()
        out[name] = Payload(
            source=name,
            origin=payload.origin,
            location=f"{payload.location} (x{factor}, synthetic)",
            fetched_at=payload.fetched_at,
            parts=parts,
            sha256=payload_sha256(parts),
        )
    return out
