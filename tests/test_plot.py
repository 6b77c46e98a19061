"""`llmhub plot` as a user runs it on the demo spec: SVG and one offline HTML file per run,
checked as text and, in headless Chromium, as a picture."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from llmhub.plot.data import Point, pareto_front
from tests.helpers import REPO, cli_env, invoke_cli

SPEC = REPO / "examples" / "llmhub.spec.yaml"
ROLES = sorted(yaml.safe_load(SPEC.read_text())["roles"])
PICK_RED = (0xC9, 0x2A, 0x2A)

pytest.importorskip("matplotlib", reason="llmhub plot needs the [plot] extra (matplotlib)")


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory, catalog_db: Path) -> dict[str, Path]:
    """The demo spec drawn once as SVG and once as HTML, every role in each file."""
    folder = tmp_path_factory.mktemp("plots")
    env = cli_env(LLMHUB_CATALOG=str(catalog_db))
    files = {}
    for fmt in ("svg", "html"):
        out = folder / f"demo.{fmt}"
        result = invoke_cli("plot", "--spec", str(SPEC), "-o", str(out), env=env, cwd=folder)
        assert result.returncode == 0, result.stdout + result.stderr
        files[fmt] = out
    picks = invoke_cli(
        "generate", "--spec", str(SPEC), "--dry-run", env=env, cwd=folder
    ).stdout.split("# body-sha256")[1]
    files["runtime"] = folder / "picks.yaml"
    files["runtime"].write_text(picks.split("\n", 1)[1])
    return files


def _picks(drawn: dict[str, Path]) -> dict[str, str]:
    roles = yaml.safe_load(drawn["runtime"].read_text())["roles"]
    return {name: f"{r['provider']}/{r['model']}" for name, r in roles.items()}


def test_the_svg_names_every_roles_pick_and_the_axes(drawn: dict[str, Path]) -> None:
    svg = drawn["svg"].read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    texts = [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if t.strip()]
    joined = "\n".join(texts)
    assert "price, USD per 1M tokens (blended 3:1 input:output, log scale)" in joined
    assert "task quality for this role (LMArena, 0 = weakest, 1 = best)" in joined
    for role, pick in _picks(drawn).items():
        assert role in joined, role
        assert f"{pick} (pick)" in joined or f"★ {pick}" in joined, (role, pick)


def test_the_html_is_one_self_contained_file(drawn: dict[str, Path]) -> None:
    page = drawn["html"].read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert "url(http" not in page and "@import" not in page
    for role, pick in _picks(drawn).items():
        assert f"<td>{role}</td><td>{pick}</td>" in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    _chromium() is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)
def test_the_html_renders_offline_in_headless_chromium(
    drawn: dict[str, Path], tmp_path: Path
) -> None:
    shot = tmp_path / "shot.png"
    browser = _chromium()
    assert browser is not None
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            # Every network request fails: the page must not need one.
            "--proxy-server=127.0.0.1:9",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1400,1200",
            f"--screenshot={shot}",
            drawn["html"].as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    assert image.size == (1400, 1200)
    colours = image.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 50, "the page rendered nearly blank"
    # The pick's red star is drawn: the chart itself rendered, not only the page's text.
    red = sum(
        n for n, rgb in colours if all(abs(a - b) <= 12 for a, b in zip(rgb, PICK_RED, strict=True))
    )
    assert red > 20, red


def test_plot_refuses_an_unknown_format_an_existing_file_and_a_missing_folder(
    tmp_path: Path, catalog_db: Path
) -> None:
    env = cli_env(LLMHUB_CATALOG=str(catalog_db))
    bad = invoke_cli("plot", "--spec", str(SPEC), "-o", str(tmp_path / "x.jpg"), env=env)
    assert bad.returncode == 2 and "end the file name in .svg, .png or .html" in bad.stderr
    mine = tmp_path / "mine.svg"
    mine.write_text("mine")
    kept = invoke_cli("plot", "--spec", str(SPEC), "-o", str(mine), env=env)
    assert kept.returncode == 2 and "--force" in kept.stderr
    assert mine.read_text() == "mine"
    nowhere = invoke_cli("plot", "--spec", str(SPEC), "-o", str(tmp_path / "no" / "x.svg"), env=env)
    assert nowhere.returncode == 2 and "folder does not exist" in nowhere.stderr
    typo = invoke_cli("plot", "--spec", str(SPEC), "--role", "llm.infrence", env=env, cwd=tmp_path)
    assert typo.returncode == 2 and "did you mean 'llm.inference'" in typo.stderr


def test_the_frontier_keeps_only_undominated_points() -> None:
    points = [
        Point("cheap-weak", "p", 0.1, 0.2, 0, 1),
        Point("cheap-strong", "p", 0.1, 0.5, 0, 2),
        Point("dear-weak", "p", 5.0, 0.4, 0, 3),
        Point("dear-best", "p", 9.0, 0.9, 0, 4),
        Point("unknown", "p", None, 0.99, 0, 5),
    ]
    assert pareto_front(points) == ["cheap-strong", "dear-best"]


def test_the_catalog_chart_has_a_panel_per_mode(tmp_path: Path, catalog_db: Path) -> None:
    out = tmp_path / "catalog.svg"
    env = cli_env(LLMHUB_CATALOG=str(catalog_db))
    result = invoke_cli("plot", "--catalog", "-o", str(out), env=env)
    assert result.returncode == 0, result.stderr
    texts = "\n".join(re.findall(r"<text[^>]*>([^<]*)</text>", out.read_text()))
    assert re.search(r"mode chat: [\d,]+ callable models with a price and a score", texts)
    assert "Pareto frontier" in texts and "openai" in texts
