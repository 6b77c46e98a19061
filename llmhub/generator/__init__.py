"""The generator: a spec and the catalog in, ``llmhub.yaml`` out, with a reason per role."""

from llmhub.generator.core import GeneratorOptions, generate_runtime_from_spec
from llmhub.generator.explain import RoleExplanation
from llmhub.generator.result import GenerationResult

__all__ = ["GenerationResult", "GeneratorOptions", "RoleExplanation", "generate_runtime_from_spec"]
