"""Compatibility import name from llmhub's original design: ``import llmhub_cli``.

A thin re-export over ``llmhub``; the code lives there. Names load lazily, like ``llmhub``'s own.
"""

from __future__ import annotations

from typing import Any

import llmhub
from llmhub import __version__

__all__ = [
    "CanonicalModel",
    "Catalog",
    "GenerationResult",
    "GeneratorOptions",
    "SpecConfig",
    "__version__",
    "build_catalog",
    "generate_runtime_from_spec",
    "get_catalog",
    "load_runtime",
    "load_spec",
    "save_runtime",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(llmhub, name)
    raise AttributeError(f"module 'llmhub_cli' has no attribute {name!r}")
