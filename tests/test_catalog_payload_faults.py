"""Bad upstream data and failing fetches, served by a real loopback HTTP server.

``--source live`` must fail without a traceback and leave the published catalog byte-identical;
``--source auto`` must fall back (last good data, then the bundled snapshot) and say so.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from llmhub.catalog import refresh_catalog
from llmhub.errors import DataQualityError, SourceFetchError
from tests.helpers import cli_env, invoke_cli, run_cli
from tests.source_server import SNAPSHOTS, SOURCE_ROUTE, Fault, SourceServer


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def origins(path: Path) -> dict[str, str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute("select source, origin from sources").fetchall())
    finally:
        con.close()


def _models_dev() -> dict:
    return json.loads((SNAPSHOTS / "modelsdev-api.json").read_bytes())


def _every_model(edit: Callable[[dict], None]) -> bytes:
    data = _models_dev()
    for provider in data.values():
        for model in provider["models"].values():
            edit(model)
    return json.dumps(data).encode()


def _negative_prices(model: dict) -> None:
    if "cost" in model:
        model["cost"]["input"] = -1.0 - float(model["cost"]["input"])


def _non_numeric_limits(model: dict) -> None:
    model.setdefault("limit", {})["context"] = "lots"


def _duplicate_keys() -> bytes:
    items = [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in _models_dev().items()]
    # Every provider twice, the second copy with other prices: which one is true is unknowable.
    return (
        "{" + ", ".join(item for pair in zip(items, items, strict=True) for item in pair) + "}"
    ).encode()


def _aa_every_index_above_100() -> bytes:
    data = json.loads((SNAPSHOTS / "artificialanalysis-llms.json").read_bytes())
    for model in data["models"]:
        model["evaluations"]["artificial_analysis_intelligence_index"] = 150.0
    return json.dumps(data).encode()


def _aa_duplicate_slugs() -> bytes:
    data = json.loads((SNAPSHOTS / "artificialanalysis-llms.json").read_bytes())
    data["models"] = [dict(m, slug="same-slug") for m in data["models"]]
    return json.dumps(data).encode()


def _livebench_scores_above_100() -> bytes:
    header, *rows = (SNAPSHOTS / "livebench-table.csv").read_text("utf-8").splitlines()
    shifted = [
        ",".join([cells[0], *(str(float(c) + 100) if c else c for c in cells[1:])])
        for cells in (row.split(",") for row in rows)
    ]
    return "\n".join([header, *shifted]).encode()


CORRUPTIONS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "aa_truncated": (
        "artificial_analysis",
        lambda: (SNAPSHOTS / "artificialanalysis-llms.json").read_bytes()[:300_000],
    ),
    "aa_wrong_shape": ("artificial_analysis", lambda: b'{"meta": {}, "models": {"a": 1}}'),
    "aa_index_out_of_range": ("artificial_analysis", _aa_every_index_above_100),
    "aa_duplicate_slugs": ("artificial_analysis", _aa_duplicate_slugs),
    "livebench_truncated": (
        "livebench",
        lambda: (SNAPSHOTS / "livebench-table.csv").read_bytes()[:60],
    ),
    "livebench_not_csv": ("livebench", lambda: b"<html><body>Not Found</body></html>"),
    "livebench_scores_out_of_range": (
        "livebench",
        lambda: (
            (SNAPSHOTS / "livebench-table.csv")
            .read_bytes()
            .replace(
                b",",
                b",1",
            )
        ),
    ),
    "truncated": ("models_dev", lambda: (SNAPSHOTS / "modelsdev-api.json").read_bytes()[:400_000]),
    "not_json": ("lmarena", lambda: b"<html><body>Too Many Requests</body></html>"),
    "wrong_shape": ("litellm", lambda: b'["gpt-4o", "claude-sonnet-4"]'),
    "negative_prices": ("models_dev", lambda: _every_model(_negative_prices)),
    "non_numeric_limits": ("models_dev", lambda: _every_model(_non_numeric_limits)),
    "duplicate_keys": ("models_dev", _duplicate_keys),
}


@pytest.fixture
def server():
    with SourceServer() as running:
        yield running


def refresh_cli(db: Path, server: SourceServer, *extra: str):
    return invoke_cli(
        "catalog", "refresh", "--force", "--db", str(db), "--retries", "1",
        "--fetch-timeout", "2", *extra,
        env=cli_env(**server.env()),
    )  # fmt: skip


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_live_refresh_of_a_corrupted_payload_fails_and_keeps_the_catalog(
    case: str, catalog_copy: Path, server: SourceServer
) -> None:
    source, body = CORRUPTIONS[case]
    server.faults[SOURCE_ROUTE[source]] = Fault(body=body())
    before = sha(catalog_copy)
    result = refresh_cli(catalog_copy, server, "--source", "live")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert source in result.stderr, output
    assert sha(catalog_copy) == before
    leftovers = {p.name for p in catalog_copy.parent.iterdir()}
    assert leftovers == {"catalog.duckdb", "catalog.duckdb.lock"}, leftovers


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_auto_refresh_of_a_corrupted_payload_falls_back_and_says_so(
    case: str, catalog_copy: Path, server: SourceServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, body = CORRUPTIONS[case]
    server.faults[SOURCE_ROUTE[source]] = Fault(body=body())
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    result = refresh_catalog(catalog_copy, source="auto", force=True, retries=0)
    assert result.status == "published"
    assert any(note.startswith(f"{source}: live data") for note in result.notes), result.notes
    expected = {name: "live" for name in SOURCE_ROUTE} | {source: "snapshot"}
    assert origins(catalog_copy) == expected


@pytest.mark.parametrize("source", ["artificial_analysis", "livebench"])
def test_live_5xx_of_a_new_source_fails_live_and_falls_back_under_auto(
    source: str, catalog_copy: Path, server: SourceServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Artificial Analysis fails at its first request, the data/latest.json pointer
    route = "/aa/data/latest.json" if source == "artificial_analysis" else SOURCE_ROUTE[source]
    server.faults[route] = Fault(status=503)
    before = sha(catalog_copy)
    result = refresh_cli(catalog_copy, server, "--source", "live")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert source in result.stderr and "HTTP 503" in result.stderr, output
    assert server.hits[route] == 2  # the first try and one retry
    assert sha(catalog_copy) == before
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    fallback = refresh_catalog(catalog_copy, source="auto", force=True, retries=0)
    assert fallback.status == "published"
    assert origins(catalog_copy)[source] == "snapshot"
    assert any(n.startswith(f"{source}: using the bundled snapshot") for n in fallback.notes)


FETCH_FAULTS = {
    "http_500": (Fault(status=500), "HTTP 500"),
    "http_404": (Fault(status=404), "HTTP 404"),
    "timeout": (Fault(delay=1.5), "timed out"),
    "cut_off": (Fault(cut_off=True), "cut off"),
}


@pytest.mark.parametrize("case", sorted(FETCH_FAULTS))
def test_live_fetch_failures_are_retried_then_reported_without_traceback(
    case: str, catalog_copy: Path, server: SourceServer
) -> None:
    fault, words = FETCH_FAULTS[case]
    server.faults[SOURCE_ROUTE["models_dev"]] = fault
    before = sha(catalog_copy)
    result = run_cli(
        "catalog", "refresh", "--force", "--db", str(catalog_copy), "--source", "live",
        "--retries", "1", "--fetch-timeout", "0.5",
        env=cli_env(**server.env()),
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "models_dev" in result.stderr and words in result.stderr, output
    assert server.hits[SOURCE_ROUTE["models_dev"]] == 2  # the first try and one retry
    assert sha(catalog_copy) == before


def test_auto_uses_the_last_good_data_before_the_snapshot(
    catalog_copy: Path, server: SourceServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    first = refresh_catalog(catalog_copy, source="auto", force=True, retries=0)
    assert origins(catalog_copy) == dict.fromkeys(SOURCE_ROUTE, "live")
    cached = catalog_copy.parent / "cache" / "models_dev" / "meta.json"
    assert cached.is_file()

    server.faults[SOURCE_ROUTE["models_dev"]] = Fault(status=503)
    second = refresh_catalog(catalog_copy, source="auto", force=True, retries=0)
    assert second.build_id != first.build_id
    assert origins(catalog_copy)["models_dev"] == "cache"
    assert any(
        n.startswith("models_dev: using the last good data (live: GET") and "HTTP 503" in n
        for n in second.notes
    ), second.notes

    # A damaged cache is not trusted: the snapshot is next.
    (cached.parent / "api.bin").write_bytes(b"{}")
    third = refresh_catalog(catalog_copy, source="auto", force=True, retries=0)
    assert origins(catalog_copy)["models_dev"] == "snapshot"
    assert any(
        n.startswith("models_dev: using the bundled snapshot")
        and "cache: no usable cached copy" in n
        for n in third.notes
    ), third.notes


def test_live_mode_raises_typed_errors_in_python(
    catalog_copy: Path, server: SourceServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    before = sha(catalog_copy)
    server.faults[SOURCE_ROUTE["litellm"]] = Fault(status=502)
    with pytest.raises(SourceFetchError) as fetch_error:
        refresh_catalog(catalog_copy, source="live", force=True, retries=0)
    assert fetch_error.value.source == "litellm"
    server.faults[SOURCE_ROUTE["litellm"]] = Fault(body=b"[]")
    with pytest.raises(DataQualityError) as quality_error:
        refresh_catalog(catalog_copy, source="live", force=True, retries=0)
    assert quality_error.value.source == "litellm"
    assert sha(catalog_copy) == before


def test_a_shrunken_source_fails_the_threshold_with_numbers(
    catalog_copy: Path, server: SourceServer
) -> None:
    data = _models_dev()
    keep = dict(list(data.items())[:10])  # 10 of the providers: a fraction of the models
    server.faults[SOURCE_ROUTE["models_dev"]] = Fault(body=json.dumps(keep).encode())
    before = sha(catalog_copy)
    result = refresh_cli(catalog_copy, server, "--source", "live")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "models_dev:" in result.stderr and "the published catalog has" in result.stderr
    assert "threshold" in result.stderr
    assert sha(catalog_copy) == before


def test_a_few_bad_rows_are_quarantined_and_counted(
    catalog_copy: Path, server: SourceServer
) -> None:
    data = _models_dev()
    provider = data["openai"]["models"]
    first = next(iter(provider.values()))
    first.setdefault("cost", {"input": 1.0, "output": 2.0})["input"] = -5.0
    server.faults[SOURCE_ROUTE["models_dev"]] = Fault(body=json.dumps(data).encode())
    result = refresh_cli(catalog_copy, server, "--source", "live", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout)
    models_dev = next(s for s in summary["sources"] if s["source"] == "models_dev")
    assert models_dev["origin"] == "live"
    assert models_dev["quarantined"] >= 1
