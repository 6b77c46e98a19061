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
    "CallMode": "llmhub.modes",
    "CanonicalModel": "llmhub.catalog",
    "Catalog": "llmhub.catalog",
    "CatalogError": "llmhub.errors",
    "CatalogNotFoundError": "llmhub.errors",
    "ConfigError": "llmhub.errors",
    "DataQualityError": "llmhub.errors",
    "EnvVarMissingError": "llmhub.errors",
    "ExportOptions": "llmhub.export.core",
    "GenerationResult": "llmhub.generator.core",
    "GeneratorOptions": "llmhub.generator.core",
    "InputError": "llmhub.errors",
    "LLMHub": "llmhub.runtime.hub",
    "LLMHubError": "llmhub.errors",
    "LLMMode": "llmhub.runtime.config",
    "PreferencesSpec": "llmhub.spec.models",
    "Problem": "llmhub.errors",
    "ProviderCallError": "llmhub.errors",
    "ProviderConfig": "llmhub.runtime.config",
    "RefreshResult": "llmhub.catalog",
    "RequirementsSpec": "llmhub.spec.models",
    "ResponseInfo": "llmhub.runtime.hooks",
    "RoleConfig": "llmhub.runtime.config",
    "RoleDefaultsConfig": "llmhub.runtime.config",
    "RoleKind": "llmhub.spec.models",
    "RoleModeError": "llmhub.errors",
    "RoleSpec": "llmhub.spec.models",
    "RuntimeConfig": "llmhub.runtime.config",
    "SelectionError": "llmhub.errors",
    "SourceFetchError": "llmhub.errors",
    "SpecConfig": "llmhub.spec.models",
    "SpecDefaults": "llmhub.spec.models",
    "SpecError": "llmhub.errors",
    "SpecProviderConfig": "llmhub.spec.models",
    "UnknownProviderError": "llmhub.errors",
    "UnknownRoleError": "llmhub.errors",
    "ValidationResult": "llmhub.spec.loader",
    "build_catalog": "llmhub.catalog",
    "export_litellm_proxy": "llmhub.export.core",
    "generate_runtime_from_spec": "llmhub.generator.core",
    "get_catalog": "llmhub.catalog",
    "load_runtime": "llmhub.runtime.config",
    "load_spec": "llmhub.spec.loader",
    "open_catalog": "llmhub.catalog",
    "refresh_catalog": "llmhub.catalog",
    "save_runtime": "llmhub.runtime.config",
    "save_spec": "llmhub.spec.writer",
    "validate_spec": "llmhub.spec.loader",
    "write_exports": "llmhub.export.core",
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
