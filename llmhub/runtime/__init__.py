"""The runtime side of llmhub: read ``llmhub.yaml`` and call models by role.

Importing this package loads pydantic and PyYAML only; litellm is imported on the first call.
"""

from llmhub.runtime.config import (
    FallbackConfig,
    LLMMode,
    ProviderConfig,
    RoleConfig,
    RoleDefaultsConfig,
    RuntimeConfig,
    dump_runtime,
    load_runtime,
    parse_runtime,
    save_runtime,
)

__all__ = [
    "FallbackConfig",
    "LLMMode",
    "ProviderConfig",
    "RoleConfig",
    "RoleDefaultsConfig",
    "RuntimeConfig",
    "dump_runtime",
    "load_runtime",
    "parse_runtime",
    "save_runtime",
]
