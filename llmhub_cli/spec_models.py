"""Compatibility module ``llmhub_cli.spec_models``: the spec file's models and its file I/O.

``Preferences`` and ``PreferenceLevel`` are the original's names for ``PreferencesSpec`` and
``llmhub.spec.models.Level``.
"""

from llmhub.errors import SpecError
from llmhub.spec.loader import load_spec
from llmhub.spec.models import (
    Level,
    PreferencesSpec,
    RequirementsSpec,
    RoleKind,
    RoleSpec,
    SpecConfig,
    SpecDefaults,
    SpecProviderConfig,
)
from llmhub.spec.writer import save_spec

Preferences = PreferencesSpec
PreferenceLevel = Level

__all__ = [
    "PreferenceLevel",
    "Preferences",
    "PreferencesSpec",
    "RequirementsSpec",
    "RoleKind",
    "RoleSpec",
    "SpecConfig",
    "SpecDefaults",
    "SpecError",
    "SpecProviderConfig",
    "load_spec",
    "save_spec",
]
