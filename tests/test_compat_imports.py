"""Every name of the original design's API imports under its documented module, so code
written against ``llmhub_cli`` and ``llmhub_runtime`` keeps running."""

from __future__ import annotations

import importlib

import pytest

NAMES: list[tuple[str, str]] = [
    ("llmhub_cli", "build_catalog"),
    ("llmhub_cli", "get_catalog"),
    ("llmhub_cli", "Catalog"),
    ("llmhub_cli", "CanonicalModel"),
    ("llmhub_cli", "load_spec"),
    ("llmhub_cli", "SpecConfig"),
    ("llmhub_cli", "generate_runtime_from_spec"),
    ("llmhub_cli", "GeneratorOptions"),
    ("llmhub_cli", "GenerationResult"),
    ("llmhub_cli", "load_runtime"),
    ("llmhub_cli", "save_runtime"),
    ("llmhub_cli", "__version__"),
    ("llmhub_cli.spec", "load_spec"),
    ("llmhub_cli.spec", "validate_spec"),
    ("llmhub_cli.spec", "ValidationResult"),
    ("llmhub_cli.spec", "SpecConfig"),
    ("llmhub_cli.spec", "SpecError"),
    ("llmhub_cli.spec_models", "SpecConfig"),
    ("llmhub_cli.spec_models", "SpecProviderConfig"),
    ("llmhub_cli.spec_models", "RoleSpec"),
    ("llmhub_cli.spec_models", "PreferencesSpec"),
    ("llmhub_cli.spec_models", "RoleKind"),
    ("llmhub_cli.spec_models", "SpecDefaults"),
    ("llmhub_cli.spec_models", "Preferences"),
    ("llmhub_cli.spec_models", "PreferenceLevel"),
    ("llmhub_cli.spec_models", "load_spec"),
    ("llmhub_cli.spec_models", "save_spec"),
    ("llmhub_cli.spec_models", "SpecError"),
    ("llmhub_cli", "save_spec"),
    ("llmhub_cli", "validate_spec"),
    ("llmhub_cli", "ValidationResult"),
    ("llmhub_cli.spec", "save_spec"),
    ("llmhub_cli.generator", "GeneratorOptions"),
    ("llmhub_cli.generator", "GenerationResult"),
    ("llmhub_cli.generator", "generate_runtime_from_spec"),
    ("llmhub_cli.runtime", "load_runtime"),
    ("llmhub_cli.runtime", "save_runtime"),
    ("llmhub_cli.runtime", "RuntimeConfig"),
    ("llmhub_cli.runtime", "RuntimeError"),
    ("llmhub_cli.catalog", "build_catalog"),
    ("llmhub_cli.catalog", "get_catalog"),
    ("llmhub_cli.catalog", "Catalog"),
    ("llmhub_cli.catalog", "CanonicalModel"),
    ("llmhub_cli.catalog", "CatalogError"),
    ("llmhub_runtime", "LLMHub"),
    ("llmhub_runtime", "RuntimeConfig"),
    ("llmhub_runtime", "RoleConfig"),
    ("llmhub_runtime", "ProviderConfig"),
    ("llmhub_runtime", "LLMMode"),
    ("llmhub_runtime", "RoleDefaultsConfig"),
    ("llmhub_runtime.errors", "EnvVarMissingError"),
    ("llmhub_runtime.errors", "UnknownRoleError"),
    ("llmhub_runtime.errors", "UnknownProviderError"),
    ("llmhub_runtime.errors", "ConfigError"),
]


@pytest.mark.parametrize(("module", "name"), NAMES, ids=[f"{m}.{n}" for m, n in NAMES])
def test_documented_name_imports(module: str, name: str) -> None:
    mod = importlib.import_module(module)
    value = getattr(mod, name)
    assert value is not None
    if not name.startswith("__"):
        assert name in mod.__all__


def test_runtime_error_alias_is_llmhubs_config_error_not_builtin() -> None:
    from llmhub.errors import ConfigError, LLMHubError
    from llmhub_cli.runtime import RuntimeError as CompatRuntimeError

    assert CompatRuntimeError is ConfigError
    assert CompatRuntimeError is not RuntimeError
    assert issubclass(CompatRuntimeError, LLMHubError)


def test_compat_names_are_the_same_objects_as_llmhubs() -> None:
    import llmhub
    import llmhub_cli
    import llmhub_runtime
    from llmhub import errors
    from llmhub_runtime import errors as compat_errors

    assert llmhub_cli.load_runtime is llmhub.load_runtime
    assert llmhub_runtime.RuntimeConfig is llmhub.RuntimeConfig
    assert compat_errors.UnknownRoleError is errors.UnknownRoleError
    assert llmhub_cli.__version__ == llmhub.__version__


def test_seed_adapters_differ_from_llmhubs_own_only_where_the_contract_does() -> None:
    import llmhub
    import llmhub_cli

    # The original's contract differs here (parameter order, 1-5 tiers, string results) ...
    for name in ("get_catalog", "build_catalog", "Catalog", "CanonicalModel", "validate_spec"):
        assert getattr(llmhub_cli, name) is not getattr(llmhub, name), name
    assert issubclass(llmhub_cli.CanonicalModel, llmhub.CanonicalModel)
    # ... and nowhere else.
    for name in ("load_spec", "save_spec", "SpecConfig", "generate_runtime_from_spec"):
        assert getattr(llmhub_cli, name) is getattr(llmhub, name), name


def test_spec_kind_and_runtime_mode_are_one_enum_from_a_module_that_imports_nothing() -> None:
    import ast
    import inspect

    import llmhub
    import llmhub_cli.spec_models
    import llmhub_runtime
    from llmhub import modes

    kinds = {llmhub_cli.spec_models.RoleKind, llmhub_runtime.LLMMode, llmhub.CallMode}
    assert kinds == {modes.CallMode}, kinds
    # A spec kind is a runtime mode by identity, not by equal strings: no conversion to drift.
    assert llmhub.RoleKind("embedding") is llmhub.LLMMode.embedding
    tree = ast.parse(inspect.getsource(modes))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert imported <= {"annotations", "Enum"}, imported


def test_spec_and_runtime_models_share_one_strict_base_that_refuses_unknown_keys() -> None:
    from pydantic import ValidationError

    from llmhub.runtime.config import FallbackConfig, RoleConfig
    from llmhub.spec.models import RoleSpec, SpecConfig
    from llmhub.strict import StrictModel

    for model in (RoleSpec, SpecConfig, RoleConfig, FallbackConfig):
        assert issubclass(model, StrictModel), model
    for model, data in (
        (RoleSpec, {"kidn": "chat"}),
        (FallbackConfig, {"provider": "openai", "model": "m", "modle": "x"}),
    ):
        with pytest.raises(ValidationError) as info:
            model.model_validate(data)
        assert info.value.errors()[0]["type"] == "extra_forbidden", info.value
