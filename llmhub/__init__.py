"""llmhub: declare what each LLM job needs; llmhub picks the model.

The public API is re-exported here and loaded lazily, so ``import llmhub`` stays cheap: the
catalog's DuckDB, polars and pyarrow, and litellm, load only when a name that needs them is used.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> module that defines it. Each issue adds the names it implements.
_EXPORTS: dict[str, str] = {
    "AllAttemptsFailedError": "llmhub.errors",
    "Attempt": "llmhub.errors",
    "CallContext": "llmhub.runtime.hooks",
    "CallResult": "llmhub.runtime.hooks",
    "CanonicalModel": "llmhub.catalog",
    "Catalog": "llmhub.catalog",
    "CatalogError": "llmhub.errors",
    "CatalogNotFoundError": "llmhub.errors",
    "ConfigError": "llmhub.errors",
    "DataQualityError": "llmhub.errors",
    "EnvVarMissingError": "llmhub.errors",
    "InputError": "llmhub.errors",
    "LLMHubError": "llmhub.errors",
    "LLMHub": "llmhub.runtime.hub",
    "LLMMode": "llmhub.runtime.config",
    "Problem": "llmhub.errors",
    "ProviderCallError": "llmhub.errors",
    "ProviderConfig": "llmhub.runtime.config",
    "ResponseInfo": "llmhub.runtime.hooks",
    "RefreshResult": "llmhub.catalog",
    "RoleConfig": "llmhub.runtime.config",
    "RoleModeError": "llmhub.errors",
    "RoleDefaultsConfig": "llmhub.runtime.config",
    "RuntimeConfig": "llmhub.runtime.config",
    "SelectionError": "llmhub.errors",
    "SourceFetchError": "llmhub.errors",
    "SpecError": "llmhub.errors",
    "UnknownProviderError": "llmhub.errors",
    "UnknownRoleError": "llmhub.errors",
    "build_catalog": "llmhub.catalog",
    "get_catalog": "llmhub.catalog",
    "load_runtime": "llmhub.runtime.config",
    "open_catalog": "llmhub.catalog",
    "refresh_catalog": "llmhub.catalog",
    "save_runtime": "llmhub.runtime.config",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'llmhub' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
