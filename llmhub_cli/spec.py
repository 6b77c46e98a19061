"""Compatibility module ``llmhub_cli.spec``: loading and validating the spec file."""

from llmhub.errors import SpecError
from llmhub.spec.loader import ValidationResult, load_spec, validate_spec
from llmhub.spec.models import SpecConfig

__all__ = ["SpecConfig", "SpecError", "ValidationResult", "load_spec", "validate_spec"]
