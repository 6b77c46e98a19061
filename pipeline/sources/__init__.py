"""The five sources; importing this package registers each in ``pipeline.core.SOURCES``."""

from __future__ import annotations

from . import artificial_analysis, litellm, livebench, lmarena, models_dev

__all__ = ["artificial_analysis", "litellm", "livebench", "lmarena", "models_dev"]
