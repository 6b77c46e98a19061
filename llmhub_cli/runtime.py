"""Compatibility module ``llmhub_cli.runtime``: reading and writing the runtime file."""

from llmhub.errors import ConfigError
from llmhub.runtime.config import RuntimeConfig, load_runtime, save_runtime

# The original design called the runtime-file error ``RuntimeError``; it is llmhub's
# ConfigError, never Python's builtin.
RuntimeError = ConfigError

__all__ = ["RuntimeConfig", "RuntimeError", "load_runtime", "save_runtime"]
