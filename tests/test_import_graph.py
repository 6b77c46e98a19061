"""The import graph of llmhub has no cycle and follows the layer order (docs/development.md).

The graph comes from the source with ``ast``: every import that can run, at module level or
inside a function (a lazy import is still an import), relative forms resolved. Imports under
``if TYPE_CHECKING:`` never run, so they are left out: they are how a module names a type from
a layer above it without importing it. ``pipeline/`` is imported as ``llmhub.pipeline``.

Layers, lowest first. A module may import its own layer and the layers below it, never one
above. The data flows pipeline → sql → catalog → generator → llmhub.yaml → runtime; the import
order follows it except for the runtime, which sits at the bottom: it reads only llmhub.yaml,
imports nothing of the build side, and the generator imports its models of that file.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("llmhub", "llmhub_cli", "llmhub_runtime", "pipeline")

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundation",
        (
            "llmhub",  # the package itself: __version__ and a lazy name map, no imports
            "llmhub.text",
            "llmhub.redact",
            "llmhub.paths",
            "llmhub.errors",
            "llmhub.fsutil",
            "llmhub.yamlio",
            "llmhub.yamldump",
            "llmhub.envfile",
            "llmhub.catalog_mark",
            "llmhub.sqlquote",
            "llmhub.gcpause",
            "llmhub._lazy",
            "llmhub.modes",
            "llmhub.strict",
            "llmhub.litellm_known",  # data generated from litellm, no imports
            "llmhub.litellm_refused",
        ),
    ),
    ("runtime", ("llmhub.runtime", "llmhub_runtime")),
    ("pipeline", ("llmhub.pipeline",)),
    ("catalog", ("llmhub.catalog",)),
    ("spec", ("llmhub.spec",)),
    ("generator", ("llmhub.generator",)),
    (
        "tools",
        (
            "llmhub.envcheck",
            "llmhub.scaffold",
            "llmhub.export",
            "llmhub.plot",
            "llmhub.status",
            "llmhub.doctor",
        ),
    ),
    ("cli", ("llmhub.cli", "llmhub_cli", "llmhub.__main__")),
)


def module_files(root: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package) for every module under ``root``."""
    found: dict[str, tuple[Path, bool]] = {}
    for top in PACKAGES:
        for path in sorted((root / top).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[:2] == ["llmhub", "pipeline"]:
                continue  # the symlink to pipeline/, walked as pipeline/ itself
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            if parts[0] == "pipeline":
                parts.insert(0, "llmhub")
            found[".".join(parts)] = (path, is_package)
    return found


def _runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``node`` except the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield other
                yield from _runtime_nodes(other)
            continue
        yield child
        yield from _runtime_nodes(child)


def _is_type_checking(test: ast.expr) -> bool:
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
    return name == "TYPE_CHECKING"


def _absolute(name: str) -> str:
    return f"llmhub.{name}" if name == "pipeline" or name.startswith("pipeline.") else name


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the first-party modules it imports (lazy and relative imports included)."""
    modules = module_files(root)

    def owner(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, (path, is_package) in modules.items():
        package = module if is_package else module.rpartition(".")[0]
        targets: list[str] = []
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets += [_absolute(alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = package.split(".")
                    base = ".".join(parts[: len(parts) - node.level + 1])
                    base = f"{base}.{node.module}" if node.module else base
                else:
                    base = _absolute(node.module or "")
                # `from . import x` and `from pkg import module` import the module x.
                targets += [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                    for a in node.names
                ]
        graph[module] = {t for t in map(owner, targets) if t is not None and t != module}
    return graph


def layer_of(module: str) -> int:
    """The index in LAYERS of the longest prefix that names ``module``'s package."""
    best: tuple[int, int] | None = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if prefix == "llmhub" and module != "llmhub":
                    continue  # the root entry is the package file alone
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), index)
    if best is None:
        raise LookupError(f"{module} is in no layer: add it to LAYERS and docs/development.md")
    return best[1]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module, each sorted (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def findings(root: Path = ROOT) -> set[tuple[str, ...]]:
    """Every cycle and every import of a higher layer, as tuples naming the modules."""
    graph = import_graph(root)
    found: set[tuple[str, ...]] = {("cycle", *component) for component in cycles(graph)}
    for module, targets in graph.items():
        for target in targets:
            if layer_of(target) > layer_of(module):
                found.add(("back edge", module, target))
    return found


def test_the_graph_sees_lazy_relative_and_module_imports() -> None:
    graph = import_graph()
    # lazy: inside validate_spec
    assert "llmhub.spec.catalog_checks" in graph["llmhub.spec.loader"]
    # `from . import artificial_analysis, ...` in pipeline/sources/__init__.py
    assert "llmhub.pipeline.sources.lmarena" in graph["llmhub.pipeline.sources"]
    # `from ..core import ...` and `from ._common import ...` in a source module
    assert {"llmhub.pipeline.core", "llmhub.pipeline.sources._common"} <= graph[
        "llmhub.pipeline.sources.lmarena"
    ]


def test_every_module_is_in_a_layer() -> None:
    unplaced = []
    for module in import_graph():
        try:
            layer_of(module)
        except LookupError as exc:
            unplaced.append(str(exc))
    assert not unplaced, "\n".join(unplaced)


def test_no_import_cycle_or_back_edge() -> None:
    new = sorted(findings())
    assert not new, "\n".join(" ".join(f) for f in new)


def _plant(root: Path, files: dict[str, str]) -> None:
    for package in PACKAGES:
        (root / package).mkdir(parents=True, exist_ok=True)
        (root / package / "__init__.py").write_text("")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_a_planted_lazy_cycle_is_found(tmp_path: Path) -> None:
    _plant(
        tmp_path,
        {
            "llmhub/spec/__init__.py": "",
            "llmhub/spec/a.py": "def f():\n    from . import b\n",
            "llmhub/spec/b.py": "from llmhub.spec.a import f\n",
        },
    )
    assert ("cycle", "llmhub.spec.a", "llmhub.spec.b") in findings(tmp_path)


def test_a_planted_back_edge_is_found_and_type_checking_is_not(tmp_path: Path) -> None:
    _plant(
        tmp_path,
        {
            "llmhub/runtime/__init__.py": "",
            "llmhub/runtime/hub.py": "def call():\n    from llmhub.generator import core\n",
            "llmhub/runtime/types.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                "    from llmhub.catalog import api\n"
            ),
            "llmhub/generator/__init__.py": "",
            "llmhub/generator/core.py": "",
            "llmhub/catalog/__init__.py": "",
            "llmhub/catalog/api.py": "",
            "pipeline/loader.py": "from llmhub.catalog import api\n",
        },
    )
    assert findings(tmp_path) == {
        ("back edge", "llmhub.runtime.hub", "llmhub.generator.core"),
        ("back edge", "llmhub.pipeline.loader", "llmhub.catalog.api"),
    }
