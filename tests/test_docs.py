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
