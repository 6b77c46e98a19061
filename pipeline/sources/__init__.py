"""The three sources; importing this package registers each in ``pipeline.core.SOURCES``."""

from __future__ import annotations

from . import litellm, lmarena, models_dev

__all__ = ["litellm", "lmarena", "models_dev"]
