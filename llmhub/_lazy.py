"""Lazy public namespaces: a package lists ``name -> module`` and loads each name on first use."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_namespace"]


def lazy_namespace(
    package: str, exports: Mapping[str, str], names: list[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, which re-exports ``exports``.

    Example:
        >>> __getattr__, __dir__ = lazy_namespace(__name__, _EXPORTS, __all__)  # doctest: +SKIP
    """

    def getattr_(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        vars(importlib.import_module(package))[name] = value
        return value

    def dir_() -> list[str]:
        return names

    return getattr_, dir_
