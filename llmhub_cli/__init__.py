"""Compatibility import name from llmhub's original design: ``import llmhub_cli``.

A thin layer over ``llmhub``; the code lives there. Names load lazily, like ``llmhub``'s own.
Where the original's contract differs from llmhub's own API (catalog tiers and parameter order,
``validate_spec`` results), the name here is an adapter in ``llmhub_cli.catalog`` or
``llmhub_cli.spec``; see docs/seed-api.md.
"""

from __future__ import annotations

import importlib
from typing import Any

from llmhub import __version__ as __version__

# name -> module that defines it.
_EXPORTS: dict[str, str] = {
    "CanonicalModel": "llmhub_cli.catalog",
    "Catalog": "llmhub_cli.catalog",
    "GenerationResult": "llmhub.generator.core",
    "GeneratorOptions": "llmhub.generator.core",
    "SpecConfig": "llmhub.spec.models",
    "ValidationResult": "llmhub_cli.spec",
    "build_catalog": "llmhub_cli.catalog",
    "generate_runtime_from_spec": "llmhub.generator.core",
    "get_catalog": "llmhub_cli.catalog",
    "load_runtime": "llmhub.runtime.config",
    "load_spec": "llmhub.spec.loader",
    "save_runtime": "llmhub.runtime.config",
    "save_spec": "llmhub.spec.writer",
    "validate_spec": "llmhub_cli.spec",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'llmhub_cli' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
