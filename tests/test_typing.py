"""Users' type checkers see llmhub's real types, through the lazy public namespaces too."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest
from mypy import api as mypy_api

from tests.helpers import REPO

# A user's file: each reveal_type names what mypy must see. The last line goes through the
# lazy __getattr__ only, so mypy reveals Any there: the check below can tell the two apart.
SNIPPET = """\
import llmhub
import llmhub_cli
from llmhub import LLMHub, load_spec
from llmhub_runtime import LLMHub as CompatHub

h = LLMHub(config_path="llmhub.yaml")
reveal_type(h)
reveal_type(load_spec)
reveal_type(llmhub_cli.get_catalog)
reveal_type(CompatHub)
reveal_type(llmhub.not_exported)
"""


def _type_checking_imports(init: Path) -> dict[str, str]:
    """name -> module for every ``from module import name`` under ``if TYPE_CHECKING:``."""
    found: dict[str, str] = {}
    for node in ast.parse(init.read_text()).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.module, ast.unparse(stmt)
                for alias in stmt.names:
                    # `name as name` is what tells a strict checker the name is re-exported.
                    assert alias.asname == alias.name, ast.unparse(stmt)
                    found[alias.name] = stmt.module
    return found


@pytest.mark.parametrize("package", ["llmhub", "llmhub_cli"])
def test_type_checking_imports_match_the_lazy_exports(package: str) -> None:
    module = importlib.import_module(package)
    init = Path(module.__file__ or "")
    assert _type_checking_imports(init) == module._EXPORTS


@pytest.mark.parametrize("package", ["llmhub", "llmhub_cli", "llmhub_runtime"])
def test_package_ships_a_py_typed_marker(package: str) -> None:
    assert (REPO / package / "py.typed").is_file()


@pytest.mark.slow
def test_mypy_reveals_real_types_for_a_user_snippet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run from an empty folder with an empty config, as a user would: llmhub is then found as
    # an installed package, which mypy reads only when it carries py.typed.
    (tmp_path / "user.py").write_text(SNIPPET)
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    monkeypatch.chdir(tmp_path)
    out, err, status = mypy_api.run(
        [
            "--config-file",
            "mypy.ini",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--follow-imports=silent",
            "user.py",
        ]
    )
    assert status == 0, out + err
    revealed = re.findall(r'Revealed type is "(.*)"', out)
    assert len(revealed) == SNIPPET.count("reveal_type("), out
    hub, load_spec, get_catalog, compat_hub, lazy_only = revealed
    assert hub == "llmhub.runtime.hub.LLMHub"
    assert load_spec.endswith("-> llmhub.spec.models.SpecConfig"), load_spec
    assert get_catalog.endswith("-> llmhub_cli.catalog.Catalog"), get_catalog
    assert compat_hub.endswith("-> llmhub.runtime.hub.LLMHub"), compat_hub
    # The probe can fail: a name mypy only reaches through __getattr__ is Any.
    assert lazy_only == "Any"
