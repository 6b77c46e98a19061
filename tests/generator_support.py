"""Shared pieces of the spec and generator tests: the catalog they read, and small helpers.

``gen_catalog`` is the real ``catalog_db`` fixture (built from the bundled snapshots) when the
catalog branch provides it; until then it is a stand-in built from the same bundled snapshots
with the contract's columns (TEMPORARY: removed when ``catalog_db`` lands).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Stand-in only: which models.dev providers litellm calls, and under what prefix.
_STAND_IN_PREFIXES = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google": "gemini",
    "mistral": "mistral",
    "groq": "groq",
    "deepseek": "deepseek",
    "cohere": "cohere_chat",
    "xai": "xai",
}


def _stand_in_mode(model_id: str, modalities: dict) -> str:
    outputs = modalities.get("output") or ["text"]
    inputs = modalities.get("input") or ["text"]
    if "embed" in model_id:
        return "embedding"
    if "image" in outputs and "text" not in outputs:
        return "image"
    if "audio" in outputs or inputs == ["audio"]:
        return "audio"
    return "chat"


def _stand_in(path: Path) -> None:
    import duckdb
    import pyarrow as pa

    snaps = REPO / "data" / "snapshots"
    md = json.loads((snaps / "modelsdev-api.json").read_text("utf-8"))
    arena = json.loads((snaps / "arena-leaderboard-text.json").read_text("utf-8"))
    rows, scores, providers = [], [], []
    for pid, prov in md.items():
        prefix = _STAND_IN_PREFIXES.get(pid)
        providers.append(
            {
                "provider": pid,
                "display_name": prov.get("name"),
                "litellm_provider": prefix,
                "env_keys": prov.get("env") or [],
                "env_key": (prov.get("env") or [None])[0],
            }
        )
        for mid, m in (prov.get("models") or {}).items():
            cost = m.get("cost") or {}
            pi, po = cost.get("input"), cost.get("output")
            mods = m.get("modalities") or {}
            a = arena["full"].get(mid.lower())
            release = m.get("release_date") or ""
            rows.append(
                {
                    "canonical_id": f"{pid}/{mid}",
                    "provider": pid,
                    "model_id": mid,
                    "litellm_provider": prefix,
                    "litellm_model": (f"{prefix}/{mid}" if prefix != "openai" else mid)
                    if prefix
                    else None,
                    "mode": _stand_in_mode(mid, mods),
                    "supports_reasoning": bool(m.get("reasoning")),
                    "supports_tool_call": bool(m.get("tool_call")),
                    "supports_structured_output": bool(m.get("structured_output")),
                    "supports_temperature": m.get("temperature", True),
                    "input_modalities": mods.get("input") or ["text"],
                    "output_modalities": mods.get("output") or ["text"],
                    "context_tokens": (m.get("limit") or {}).get("context"),
                    "max_output_tokens": (m.get("limit") or {}).get("output"),
                    "price_input_per_million": pi,
                    "price_output_per_million": po,
                    "price_blended_per_million": (3 * pi + po) / 4
                    if pi is not None and po is not None
                    else None,
                    "arena_score": a["rating"] if a else None,
                    "quality_source": "arena" if a else "none",
                    "release_date": release if re.match(r"^\d{4}-\d\d-\d\d$", release) else None,
                    "open_weights": bool(m.get("open_weights")),
                    "status": m.get("status") or "active",
                    "is_deprecated": m.get("status") == "deprecated",
                    "env_key": (prov.get("env") or [None])[0],
                }
            )
            if a:
                for cat in ("full", "coding", "math", "hard_6", "creative_writing"):
                    s = arena.get(cat, {}).get(mid.lower())
                    if s:
                        scores.append(
                            {
                                "canonical_id": f"{pid}/{mid}",
                                "leaderboard": "text",
                                "category": cat,
                                "score": s["rating"],
                            }
                        )
    con = duckdb.connect(str(path))
    con.register("r", pa.Table.from_pylist(rows))
    con.execute(
        "create table models as select * replace (try_cast(release_date as date) as release_date)"
        " from r"
    )
    con.register("s", pa.Table.from_pylist(scores))
    con.execute("create table model_scores as select * from s")
    con.register("p", pa.Table.from_pylist(providers))
    con.execute("create table providers as select * from p")
    con.execute(
        "create table sources as select * from (values "
        "('models_dev', 'snapshot', 'data/snapshots', timestamptz '2026-11-01 00:00:00+00'),"
        "('lmarena', 'snapshot', 'data/snapshots', timestamptz '2026-10-01 00:00:00+00')"
        ") v(source, origin, location, fetched_at)"
    )
    con.close()


def catalog_for_tests(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The catalog the generator tests read (never written to by a test); call from a fixture."""
    try:
        return request.getfixturevalue("catalog_db")
    except pytest.FixtureLookupError:
        if "stand_in" not in _BUILT:
            path = tmp_path_factory.mktemp("stand-in-catalog") / "catalog.duckdb"
            _stand_in(path)
            _BUILT["stand_in"] = path
        return _BUILT["stand_in"]


_BUILT: dict[str, Path] = {}


def file_sha256(path: Path) -> str:
    """Hash of a file's bytes, to prove a file was left untouched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
