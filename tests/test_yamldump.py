"""``llmhub.yamldump.dump_yaml`` writes exactly what ``yaml.dump`` with the safe dumper writes."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from llmhub.yamldump import dump_yaml

SAFE = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
OPTIONS: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100}

TRICKY = [
    "",
    " ",
    "yes",
    "No",
    "null",
    "~",
    "1.0",
    "0x1f",
    "1e17",
    ".inf",
    "2026-12-02",
    "a: b",
    "- item",
    "#comment",
    " leading",
    "trailing ",
    "multi\nline",
    "tab\there",
    "quote's",
    'double "quote"',
    "é ü 漢字 🙂",
    "x" * 250,
    " ".join(["word"] * 60),
    "*alias",
    "&anchor",
    "!tag",
    "%percent",
    "@at",
    "`tick",
    "{flow}",
    "[flow]",
]
NUMBERS = [0, -1, 10**20, 0.0, -0.0, 1.5, 1e17, 1e-7, 0.1 + 0.2, float("inf"), float("-inf")]


def _same(data: Any) -> None:
    assert dump_yaml(data, **OPTIONS) == yaml.dump(data, Dumper=SAFE, **OPTIONS)


@pytest.mark.parametrize("value", [*TRICKY, *NUMBERS, True, False, None])
def test_each_scalar_alone_in_a_list_and_as_a_key(value: Any) -> None:
    _same(value)
    _same([value, value])
    _same({"k": value, "nested": {"list": [value, {"v": value}]}})
    if isinstance(value, str):
        _same({value: 1})


def test_nan_and_shared_objects_are_left_to_pyyaml() -> None:
    shared = {"a": 1}
    _same({"x": shared, "y": shared, "z": float("nan")})
    _same([[1, 2], (3, 4)])


def test_a_default_style_falls_back_to_pyyaml() -> None:
    data = {"a": "b", "n": 1}
    assert dump_yaml(data, default_style='"') == yaml.dump(data, Dumper=SAFE, default_style='"')


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(TRICKY),
)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12) | st.sampled_from(TRICKY), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_any_plain_document_dumps_the_same(data: Any) -> None:
    _same(data)
