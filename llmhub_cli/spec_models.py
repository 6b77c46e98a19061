"""Compatibility module ``llmhub_cli.spec_models``: the spec file's pydantic models."""

from llmhub.spec.models import (
    PreferencesSpec,
    RequirementsSpec,
    RoleKind,
    RoleSpec,
    SpecConfig,
    SpecDefaults,
    SpecProviderConfig,
)

__all__ = [
    "PreferencesSpec",
    "RequirementsSpec",
    "RoleKind",
    "RoleSpec",
    "SpecConfig",
    "SpecDefaults",
    "SpecProviderConfig",
]
