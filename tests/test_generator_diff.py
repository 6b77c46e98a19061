"""`runtime diff` reasons and the write/--check helpers, in process."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmhub.errors import InputError
from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from llmhub.generator.files import check_file, runtime_changes
from llmhub.generator.header import check_overwrite, split_header
from llmhub.spec import parse_spec

SPEC = (
    "providers:\n  openai: {}\n  google: {}\n"
    "roles:\n"
    "  keep: {description: classify text, preferences: {cost: high}}\n"
    "  new: {kind: embedding, description: embed}\n"
)


@pytest.fixture
def result(catalog_db: Path):
    return generate_runtime_from_spec(
        parse_spec(SPEC), GeneratorOptions(no_llm=True, db_path=catalog_db)
    )


def test_changes_name_added_removed_price_and_model(result, tmp_path: Path) -> None:
    keep = result.runtime.roles["keep"]
    old = (
        "project: llmhub\nenv: dev\nproviders:\n"
        f"  {keep.provider}: {{}}\n  anthropic: {{}}\n"
        "roles:\n"
        f"  keep: {{provider: {keep.provider}, model: {keep.model}, "
        "price_input_per_million: 99, price_output_per_million: 99}\n"
        "  gone: {provider: anthropic, model: claude-old}\n"
    )
    changes = {c.role: c for c in runtime_changes(old, result, "llmhub.yaml")}
    assert changes["new"].change == "added"
    assert changes["gone"].change == "removed"
    assert changes["keep"].change in ("price", "fallbacks")
    price = [c for c in runtime_changes(old, result, "x") if c.change == "price"]
    assert price and price[0].reasons == ["catalog price change"]
    other = old.replace(f"model: {keep.model}", "model: some-older-model")
    moved = {c.role: c for c in runtime_changes(other, result, "x")}
    assert moved["keep"].change == "model"
    assert moved["keep"].before == f"{keep.provider}/some-older-model"
    assert moved["keep"].reasons[0] == "new pick"


def test_write_check_and_hand_edit_detection(result, tmp_path: Path) -> None:
    out = tmp_path / "llmhub.yaml"
    assert check_file(result, out).startswith("---")
    assert result.write(out) is True
    assert result.write(out) is False
    assert check_file(result, out) == ""
    assert check_overwrite(out) is None
    header, body = split_header(out.read_text())
    assert body.startswith("project:")
    assert header is not None and header.catalog_build == result.catalog_build
    out.write_text(out.read_text() + "# note\n")
    assert "edited by hand" in (check_overwrite(out) or "")
    with pytest.raises(InputError, match="--force"):
        result.write(out)
    assert result.write(out, force=True) is True
    assert out.read_text() == result.text


def test_header_records_the_newest_build_id(catalog_db: Path, tmp_path: Path) -> None:
    import shutil

    from llmhub.catalog import refresh_catalog

    catalog = tmp_path / "catalog.duckdb"
    shutil.copy(catalog_db, catalog)
    newest = refresh_catalog(catalog, source="snapshot", force=True).build_id
    assert newest is not None
    result = generate_runtime_from_spec(
        parse_spec(SPEC), GeneratorOptions(no_llm=True, db_path=catalog)
    )
    assert result.catalog_build == newest
    assert f"# catalog-build: {newest}\n" in result.text
    assert any(f"catalog build: {newest}" in c for c in result.caveats)
