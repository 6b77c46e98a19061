"""Compatibility import name from llmhub's original design: ``import llmhub_cli``.

A thin layer over ``llmhub``; the code lives there. Names load lazily, like ``llmhub``'s own.
Where the original's contract differs from llmhub's own API (catalog tiers and parameter order,
``validate_spec`` results), the name here is an adapter in ``llmhub_cli.catalog`` or
``llmhub_cli.spec``; see docs/seed-api.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmhub import __version__ as __version__
from llmhub._lazy import lazy_namespace

# name -> module that defines it.
_EXPORTS: dict[str, str] = {
    "CanonicalModel": "llmhub_cli.catalog",
    "Catalog": "llmhub_cli.catalog",
    "GenerationResult": "llmhub.generator.result",
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

if TYPE_CHECKING:
    # What mypy and editors see: the real names. At run time __getattr__ imports them lazily,
    # and a test keeps this block and _EXPORTS in step.
    from llmhub.generator.core import GeneratorOptions as GeneratorOptions
    from llmhub.generator.core import generate_runtime_from_spec as generate_runtime_from_spec
    from llmhub.generator.result import GenerationResult as GenerationResult
    from llmhub.runtime.config import load_runtime as load_runtime
    from llmhub.runtime.config import save_runtime as save_runtime
    from llmhub.spec.loader import load_spec as load_spec
    from llmhub.spec.models import SpecConfig as SpecConfig
    from llmhub.spec.writer import save_spec as save_spec
    from llmhub_cli.catalog import CanonicalModel as CanonicalModel
    from llmhub_cli.catalog import Catalog as Catalog
    from llmhub_cli.catalog import build_catalog as build_catalog
    from llmhub_cli.catalog import get_catalog as get_catalog
    from llmhub_cli.spec import ValidationResult as ValidationResult
    from llmhub_cli.spec import validate_spec as validate_spec

__all__ = sorted([*_EXPORTS, "__version__"])

__getattr__, __dir__ = lazy_namespace(__name__, _EXPORTS, __all__)
