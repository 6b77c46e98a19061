"""llmhub: declare what each LLM job needs; llmhub picks the model.

The public API is re-exported here and loaded lazily, so ``import llmhub`` stays cheap: the
catalog's DuckDB, polars and pyarrow, and litellm, load only when a name that needs them is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmhub._lazy import lazy_namespace

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
    "GenerationResult": "llmhub.generator.result",
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

if TYPE_CHECKING:
    # What mypy and editors see: the real names. At run time __getattr__ imports them lazily,
    # and a test keeps this block and _EXPORTS in step.
    from llmhub.catalog import CanonicalModel as CanonicalModel
    from llmhub.catalog import Catalog as Catalog
    from llmhub.catalog import RefreshResult as RefreshResult
    from llmhub.catalog import build_catalog as build_catalog
    from llmhub.catalog import get_catalog as get_catalog
    from llmhub.catalog import open_catalog as open_catalog
    from llmhub.catalog import refresh_catalog as refresh_catalog
    from llmhub.errors import AllAttemptsFailedError as AllAttemptsFailedError
    from llmhub.errors import Attempt as Attempt
    from llmhub.errors import CatalogError as CatalogError
    from llmhub.errors import CatalogNotFoundError as CatalogNotFoundError
    from llmhub.errors import ConfigError as ConfigError
    from llmhub.errors import DataQualityError as DataQualityError
    from llmhub.errors import EnvVarMissingError as EnvVarMissingError
    from llmhub.errors import InputError as InputError
    from llmhub.errors import LLMHubError as LLMHubError
    from llmhub.errors import Problem as Problem
    from llmhub.errors import ProviderCallError as ProviderCallError
    from llmhub.errors import RoleModeError as RoleModeError
    from llmhub.errors import SelectionError as SelectionError
    from llmhub.errors import SourceFetchError as SourceFetchError
    from llmhub.errors import SpecError as SpecError
    from llmhub.errors import UnknownProviderError as UnknownProviderError
    from llmhub.errors import UnknownRoleError as UnknownRoleError
    from llmhub.export.core import ExportOptions as ExportOptions
    from llmhub.export.core import export_litellm_proxy as export_litellm_proxy
    from llmhub.export.core import write_exports as write_exports
    from llmhub.generator.core import GeneratorOptions as GeneratorOptions
    from llmhub.generator.core import generate_runtime_from_spec as generate_runtime_from_spec
    from llmhub.generator.result import GenerationResult as GenerationResult
    from llmhub.modes import CallMode as CallMode
    from llmhub.runtime.config import LLMMode as LLMMode
    from llmhub.runtime.config import ProviderConfig as ProviderConfig
    from llmhub.runtime.config import RoleConfig as RoleConfig
    from llmhub.runtime.config import RoleDefaultsConfig as RoleDefaultsConfig
    from llmhub.runtime.config import RuntimeConfig as RuntimeConfig
    from llmhub.runtime.config import load_runtime as load_runtime
    from llmhub.runtime.config import save_runtime as save_runtime
    from llmhub.runtime.hooks import CallContext as CallContext
    from llmhub.runtime.hooks import CallResult as CallResult
    from llmhub.runtime.hooks import ResponseInfo as ResponseInfo
    from llmhub.runtime.hub import LLMHub as LLMHub
    from llmhub.spec.loader import ValidationResult as ValidationResult
    from llmhub.spec.loader import load_spec as load_spec
    from llmhub.spec.loader import validate_spec as validate_spec
    from llmhub.spec.models import PreferencesSpec as PreferencesSpec
    from llmhub.spec.models import RequirementsSpec as RequirementsSpec
    from llmhub.spec.models import RoleKind as RoleKind
    from llmhub.spec.models import RoleSpec as RoleSpec
    from llmhub.spec.models import SpecConfig as SpecConfig
    from llmhub.spec.models import SpecDefaults as SpecDefaults
    from llmhub.spec.models import SpecProviderConfig as SpecProviderConfig
    from llmhub.spec.writer import save_spec as save_spec

__all__ = sorted([*_EXPORTS, "__version__"])

__getattr__, __dir__ = lazy_namespace(__name__, _EXPORTS, __all__)
