"""Compatibility module ``llmhub_runtime.errors``: the runtime's errors, from ``llmhub.errors``."""

from llmhub.errors import (
    AllAttemptsFailedError,
    ConfigError,
    EnvVarMissingError,
    RoleModeError,
    UnknownProviderError,
    UnknownRoleError,
)

__all__ = [
    "AllAttemptsFailedError",
    "ConfigError",
    "EnvVarMissingError",
    "RoleModeError",
    "UnknownProviderError",
    "UnknownRoleError",
]
