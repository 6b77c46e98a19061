"""The spec file (``llmhub.spec.yaml``): models, loading, validation and JSON Schema."""

from llmhub.errors import SpecError
from llmhub.spec.loader import ValidationResult, load_spec, parse_spec, spec_hash, validate_spec
from llmhub.spec.models import (
    InterpreterSpec,
    Level,
    PreferencesSpec,
    RequirementsSpec,
    RoleKind,
    RoleSpec,
    SpecConfig,
    SpecDefaults,
    SpecProviderConfig,
)
from llmhub.spec.schema import spec_json_schema
from llmhub.spec.writer import dump_spec, save_spec

__all__ = [
    "InterpreterSpec",
    "Level",
    "PreferencesSpec",
    "RequirementsSpec",
    "RoleKind",
    "RoleSpec",
    "SpecConfig",
    "SpecDefaults",
    "SpecError",
    "SpecProviderConfig",
    "ValidationResult",
    "dump_spec",
    "load_spec",
    "parse_spec",
    "save_spec",
    "spec_hash",
    "spec_json_schema",
    "validate_spec",
]
