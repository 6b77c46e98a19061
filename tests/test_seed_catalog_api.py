"""The original design's catalog API, called the way its users wrote the calls (issue 8).

Under ``llmhub_cli`` the catalog keeps the original's parameter order, builds itself when
missing, accepts the original's ``Catalog`` constructor and reports tiers as integers 1-5.
``llmhub``'s own names keep ``None`` for an unknown tier and raise for a missing catalog.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tests.source_server import SourceServer


@pytest.fixture
def seed_catalog(catalog_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the session catalog as the default catalog ($LLMHUB_CATALOG)."""
    target = tmp_path / "catalog.duckdb"
    shutil.copyfile(catalog_db, target)
    target.chmod(0o644)
    monkeypatch.setenv("LLMHUB_CATALOG", str(target))
    return target


def _build_count(path: Path) -> int:
    from llmhub.catalog import open_catalog

    con = open_catalog(path)
    try:
        return con.execute("select count(*) from builds").fetchone()[0]
    finally:
        con.close()


def test_catalog_takes_the_originals_constructor() -> None:
    from llmhub_cli import CanonicalModel, Catalog

    model = CanonicalModel(canonical_id="openai/gpt-x", provider="openai", model_id="gpt-x")
    catalog = Catalog(models=[model], built_at="2024-12-02T00:00:00")
    assert catalog.built_at == "2024-12-02T00:00:00" and len(catalog) == 1
    assert catalog.catalog_version == 1
    dated = Catalog(catalog_version=2, built_at=datetime(2024, 12, 2), models=[])
    assert dated.built_at == "2024-12-02T00:00:00"
    assert list(catalog) == [model] and catalog.get("openai/gpt-x") is model


def test_unknown_tiers_read_as_the_middle_tier_with_a_known_flag() -> None:
    from llmhub_cli import CanonicalModel

    model = CanonicalModel(
        canonical_id="a/b", provider="a", model_id="b", cost_tier=1, quality_tier=None
    )
    assert (model.cost_tier, model.cost_tier_known) == (1, True)
    assert (model.quality_tier, model.quality_tier_known) == (3, False)
    assert (model.coding_tier, model.coding_tier_known) == (3, False)
    with pytest.raises(ValueError):
        CanonicalModel(canonical_id="a/b", provider="a", model_id="b", cost_tier=9)


def test_the_documents_tier_filter_runs_on_every_model(seed_catalog: Path) -> None:
    from llmhub.catalog import get_catalog as llmhub_get_catalog
    from llmhub_cli import get_catalog

    catalog = get_catalog()
    cheap_quality = [m for m in catalog.models if m.cost_tier <= 2 and m.quality_tier <= 3]
    assert cheap_quality
    own = {m.canonical_id: m for m in llmhub_get_catalog().models}
    unknown = [m for m in catalog.models if own[m.canonical_id].quality_tier is None]
    # Most of the catalog has no arena score: llmhub says None, the seed names say 3 + flag.
    assert len(unknown) > len(catalog.models) / 2
    assert all(m.quality_tier == 3 and not m.quality_tier_known for m in unknown)
    for m in catalog.models:
        if own[m.canonical_id].cost_tier is not None:
            assert m.cost_tier == own[m.canonical_id].cost_tier and m.cost_tier_known


def test_get_catalog_keeps_the_originals_parameter_order(seed_catalog: Path) -> None:
    from llmhub_cli import get_catalog

    builds = _build_count(seed_catalog)
    assert len(get_catalog(24)) == len(get_catalog(ttl_hours=48)) > 1000  # fresh: no rebuild
    assert _build_count(seed_catalog) == builds
    openai = get_catalog(24, False, "openai", ["vision"])
    assert openai.models and all(
        m.provider == "openai" and "vision" in m.tags for m in openai.models
    )


def test_force_refresh_rebuilds_from_the_sources(
    seed_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from llmhub_cli import build_catalog, get_catalog

    builds = _build_count(seed_catalog)
    with SourceServer() as sources:
        for name, value in sources.env().items():
            monkeypatch.setenv(name, value)
        catalog = get_catalog(force_refresh=True)
        assert sources.hits["/models.dev/api.json"] == 1
        assert build_catalog(ttl_hours=12).catalog_version == catalog.catalog_version
    assert _build_count(seed_catalog) == builds + 1


def test_a_missing_catalog_is_built_from_the_bundled_data_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from llmhub.errors import CatalogNotFoundError
    from llmhub_cli import get_catalog

    target = tmp_path / "fresh" / "catalog.duckdb"
    monkeypatch.setenv("LLMHUB_CATALOG", str(target))
    from llmhub.catalog import get_catalog as llmhub_get_catalog

    with pytest.raises(CatalogNotFoundError):  # llmhub's own reader does not build
        llmhub_get_catalog()
    catalog = get_catalog()
    err = capsys.readouterr().err
    assert f"no catalog at {target}; building it from the bundled data" in err
    assert target.is_file() and len(catalog) > 1000
    assert get_catalog(provider="openai").models
    assert capsys.readouterr().err == ""  # once built, nothing more to say
