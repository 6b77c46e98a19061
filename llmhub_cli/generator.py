"""Compatibility module ``llmhub_cli.generator``: spec + catalog -> runtime file."""

from llmhub.generator.core import GenerationResult, GeneratorOptions, generate_runtime_from_spec

__all__ = ["GenerationResult", "GeneratorOptions", "generate_runtime_from_spec"]
