"""Compatibility import name from llmhub's original design: ``from llmhub_runtime import LLMHub``.

A thin re-export over ``llmhub.runtime``; importing it loads neither litellm nor the catalog stack.
"""

from llmhub.runtime.config import (
    LLMMode,
    ProviderConfig,
    RoleConfig,
    RoleDefaultsConfig,
    RuntimeConfig,
)
from llmhub.runtime.hub import LLMHub

__all__ = [
    "LLMHub",
    "LLMMode",
    "ProviderConfig",
    "RoleConfig",
    "RoleDefaultsConfig",
    "RuntimeConfig",
]
