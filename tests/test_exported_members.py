"""``llmhub.__all__`` is sorted, complete, and every name in it resolves."""

from __future__ import annotations

import llmhub
from llmhub import errors


def test_all_is_sorted_and_unique() -> None:
    assert llmhub.__all__ == sorted(set(llmhub.__all__))


def test_every_exported_name_resolves() -> None:
    for name in llmhub.__all__:
        assert getattr(llmhub, name) is not None, name


def test_every_error_class_is_exported() -> None:
    public = {n for n in errors.__all__ if isinstance(getattr(errors, n), type)}
    error_classes = {n for n in public if issubclass(getattr(errors, n), Exception)}
    missing = error_classes - set(llmhub.__all__)
    assert not missing, f"add to llmhub._EXPORTS: {sorted(missing)}"


def test_unknown_attribute_raises_attribute_error() -> None:
    try:
        llmhub.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
