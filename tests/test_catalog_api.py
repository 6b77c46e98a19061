"""The Python API over a real catalog: ``get_catalog``, ``build_catalog``, ``open_catalog``."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pydantic
import pytest

import llmhub
from llmhub.catalog import CanonicalModel, Catalog, build_catalog, get_catalog, open_catalog
from llmhub.errors import CatalogError, CatalogNotFoundError


def scalar(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_get_catalog_reads_every_model_with_the_build_id(catalog_db: Path) -> None:
    catalog = get_catalog(db_path=catalog_db)
    assert isinstance(catalog, Catalog)
    assert catalog.catalog_version == scalar(catalog_db, "select max(build_id) from builds")
    assert len(catalog) == scalar(catalog_db, "select count(*) from models")
    model = catalog.models[0]
    assert isinstance(model, CanonicalModel)
    assert model.canonical_id == f"{model.provider}/{model.model_id}"
    assert catalog.get(model.canonical_id) is model
    assert catalog.get("nobody/nothing") is None
    with pytest.raises(pydantic.ValidationError):
        model.provider = "changed"  # frozen


def test_get_catalog_filters(catalog_db: Path) -> None:
    openai = get_catalog(provider="openai", db_path=catalog_db)
    assert openai.models and {m.provider for m in openai.models} == {"openai"}
    assert len(openai) == scalar(catalog_db, "select count(*) from models where provider='openai'")
    chat = get_catalog(mode="chat", db_path=catalog_db)
    assert chat.models and all(m.mode == "chat" for m in chat.models)
    tag = scalar(catalog_db, "select unnest(tags) from models group by 1 order by count(*) desc")
    tagged = get_catalog(tags=[tag], db_path=catalog_db)
    assert tagged.models and all(tag in m.tags for m in tagged.models)
    assert len(get_catalog(tags=[tag, "no-such-tag"], db_path=catalog_db)) == 0
    live_only = get_catalog(db_path=catalog_db, include_deprecated=False)
    assert not any(m.is_deprecated for m in live_only.models)


def test_open_catalog_is_read_only(catalog_db: Path) -> None:
    con = open_catalog(catalog_db)
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("create table t as select 1")
    finally:
        con.close()


def test_open_catalog_errors_say_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(CatalogNotFoundError) as missing:
        open_catalog(tmp_path / "none.duckdb")
    assert missing.value.exit_code == 2
    assert "llmhub catalog refresh" in str(missing.value)
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database" * 100)
    with pytest.raises(CatalogError, match="refresh --force"):
        open_catalog(garbage)


def test_build_catalog_honours_the_ttl_and_force(
    catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLMHUB_CATALOG", str(catalog_copy))
    first = scalar(catalog_copy, "select max(build_id) from builds")
    assert build_catalog(ttl_hours=24, source="snapshot").catalog_version == first
    rebuilt = build_catalog(force_refresh=True, source="snapshot")
    assert rebuilt.catalog_version != first
    assert rebuilt.catalog_version == scalar(catalog_copy, "select max(build_id) from builds")


def test_public_names_are_the_same_objects_everywhere() -> None:
    import llmhub_cli
    import llmhub_cli.catalog

    # The original's names are adapters (parameter order, 1-5 tiers; docs/seed-api.md), the
    # same objects under both of its modules; the errors are llmhub's own.
    for name in ("build_catalog", "get_catalog", "Catalog", "CanonicalModel"):
        assert getattr(llmhub_cli, name) is getattr(llmhub_cli.catalog, name)
        assert getattr(llmhub_cli, name) is not getattr(llmhub, name)
    assert llmhub_cli.catalog.CatalogError is llmhub.CatalogError


def test_every_catalog_reader_expands_home_and_reports_a_missing_file_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One reader (llmhub.catalog.reader): the API, the generator, spec validation and the
    # plot data all fail the same way, with the same exit code, on a `~` path with no file.
    from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
    from llmhub.plot.data import catalog_points
    from llmhub.spec import parse_spec
    from llmhub.spec.loader import validate_spec

    monkeypatch.setenv("HOME", str(tmp_path))
    spec = parse_spec(
        "project: p\nproviders: {openai: {env_key: OPENAI_API_KEY}}\n"
        "roles: {r: {kind: chat, description: Answer questions.}}\n"
    )
    readers = {
        "open_catalog": lambda: open_catalog("~/none.duckdb"),
        "generate": lambda: generate_runtime_from_spec(
            spec, GeneratorOptions(no_llm=True, db_path="~/none.duckdb")
        ),
        "validate": lambda: validate_spec(spec, db_path="~/none.duckdb"),
        "plot": lambda: catalog_points("~/none.duckdb"),
    }
    seen = {}
    for name, read in readers.items():
        with pytest.raises(CatalogNotFoundError) as missing:
            read()
        seen[name] = (str(missing.value), missing.value.exit_code)
    assert len(set(seen.values())) == 1, seen
    message, code = seen["open_catalog"]
    assert code == 2
    assert str(tmp_path / "none.duckdb") in message and "~" not in message
