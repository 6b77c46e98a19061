"""The docs start with the user: a short README whose Quickstart is true, generated pages that
match the code, and no process notes."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.helpers import REPO, cli_env

README = REPO / "README.md"
DOCS = REPO / "docs"


def test_readme_is_short_and_keeps_the_two_quickstart_commands() -> None:
    text = README.read_text("utf-8")
    assert len(text.encode("utf-8")) < 12 * 1024
    assert 'python -m pip install -e ".[dev]" && just demo' in text
    assert 'python -m pip install -e ".[dev]" && just test' in text
    ci = (REPO / ".ci" / "run").read_text()
    assert 'python -m pip install -e ".[dev]" && just test' in ci  # CI runs what the README says
    for link in re.findall(r"\]\((docs/[^)#]+)", text):
        assert (REPO / link).is_file(), link


def test_no_process_notes_in_the_docs() -> None:
    for page in [README, *DOCS.rglob("*.md")]:
        text = page.read_text("utf-8")
        assert "<!--" not in text, page
        assert not re.search(r"filled as issues land|later issues", text), page


def test_every_page_in_docs_is_in_the_mkdocs_nav() -> None:
    nav = (REPO / "mkdocs.yml").read_text()
    listed = set(re.findall(r":\s*([\w./-]+\.md)\s*$", nav, flags=re.MULTILINE))
    assert listed == {p.relative_to(DOCS).as_posix() for p in DOCS.glob("*.md")}


def test_generated_pages_match_the_code() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen_docs.py"), "--check"],
        cwd=REPO,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr


def test_the_python_api_page_prints_what_its_comments_say(catalog_db, tmp_path) -> None:
    # The page's example shows its output as a comment under each print; it showed a pick and
    # a reason wording of months before. Run it on the bundled catalog and hold it to them.
    page = (DOCS / "python-api.md").read_text("utf-8")
    code = re.search(r"```python\n(.*?)```", page, flags=re.DOTALL).group(1)
    shown = [
        line.removeprefix("# ")
        for before, line in zip(code.splitlines(), code.splitlines()[1:], strict=False)
        if before.startswith("print(") and line.startswith("# ")
    ]
    (tmp_path / "examples").mkdir()
    spec = (REPO / "examples" / "llmhub.spec.yaml").read_text("utf-8")
    (tmp_path / "examples" / "llmhub.spec.yaml").write_text(spec, "utf-8")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=cli_env(LLMHUB_CATALOG=str(catalog_db)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(shown) == 3
    assert result.stdout.splitlines() == shown
