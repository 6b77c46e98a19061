"""The shared YAML reader: positions, and refusal of every kind of bad file."""

from __future__ import annotations

import os
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from llmhub.errors import InputError, SpecError
from llmhub.yamlio import MAX_BYTES, parse_yaml, problems_from_validation, read_yaml


def _doc(text: str):
    return parse_yaml(text.encode(), "t.yaml")


def test_positions_point_at_keys_and_items() -> None:
    doc = _doc("project: x\nroles:\n  a:\n    kind: chat\n  b:\n    items: [1, 2]\n")
    assert doc.data["roles"]["a"]["kind"] == "chat"
    assert doc.where(("roles", "a", "kind")) == (4, 5)
    assert doc.where(("roles", "b")) == (5, 3)
    # An unknown child falls back to its closest located parent.
    assert doc.where(("roles", "b", "missing")) == (5, 3)


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(InputError) as info:
        _doc("a: 1\nb: 2\na: 3\n")
    err = info.value
    assert (err.line, err.column) == (3, 1)
    assert "first at line 1" in str(err)


def test_tabs_are_explained() -> None:
    with pytest.raises(InputError, match="indent with spaces"):
        _doc("roles:\n\ta: 1\n")


def test_error_class_is_the_callers(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as info:
        read_yaml(tmp_path / "none.yaml", SpecError)
    assert info.value.exit_code == 2
    assert "none.yaml" in str(info.value)


def test_alias_bomb_is_rejected_fast_and_small() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    bomb = "\n".join(lines) + "\n"
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(InputError, match="alias bomb"):
        _doc(bomb)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 200 * 1024 * 1024


def test_small_aliases_are_allowed() -> None:
    doc = _doc(
        "base: &b {temperature: 0.2}\nroles:\n  a: {params: *b}\n  c:\n    <<: *b\n    top_p: 1\n"
    )
    assert doc.data["roles"]["a"]["params"] == {"temperature": 0.2}
    assert doc.data["roles"]["c"] == {"temperature": 0.2, "top_p": 1}


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# pad\n" * (MAX_BYTES // 6 + 10))
    with pytest.raises(InputError, match="limit"):
        read_yaml(big)


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        (b"\x00\x01\x02", "binary"),
        ("k: \xe9\n".encode("latin-1"), "UTF-8"),
        (b"", "empty"),
        (b"# only a comment\n", "empty"),
        (b"a: [1, 2\n", "invalid YAML"),
        (b"? [a, b]\n: 1\n", "plain value"),
    ],
)
def test_bad_bytes_raise_an_input_error_naming_the_problem(raw: bytes, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        parse_yaml(raw, "x.yaml")


class _Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    temperature: float = 0.0


class _Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    inner: _Inner = _Inner()


def test_validation_problems_are_located_with_did_you_mean() -> None:
    doc = _doc("name: x\ninner:\n  temperatur: 0.3\n")
    with pytest.raises(ValidationError) as info:
        _Outer.model_validate(doc.data)
    known = {(): ["name", "inner"], ("inner",): ["temperature"]}
    (problem,) = problems_from_validation(doc, info.value.errors(), known)
    assert (problem.line, problem.column) == (3, 3)
    assert problem.fix == "did you mean 'temperature'?"
    assert str(problem).startswith("t.yaml:3:3: inner.temperatur: unknown key")


def test_validation_problem_for_a_wrong_type_shows_the_value() -> None:
    doc = _doc("name: x\ninner:\n  temperature: hot\n")
    with pytest.raises(ValidationError) as info:
        _Outer.model_validate(doc.data)
    (problem,) = problems_from_validation(doc, info.value.errors())
    assert problem.line == 3
    assert "'hot'" in problem.message


def test_a_device_that_never_ends_is_refused_before_it_is_read() -> None:
    # /dev/zero reports a size of 0; it is refused by stat, before a byte is read.
    start = time.perf_counter()
    with pytest.raises(InputError, match="device node, not a regular file"):
        read_yaml("/dev/zero")
    assert time.perf_counter() - start < 5


def test_a_fifo_is_refused_without_blocking(tmp_path) -> None:
    fifo = tmp_path / "spec.yaml"
    os.mkfifo(fifo)

    def unblock() -> None:  # if read_yaml opened the FIFO, this ends the wait (and the test fails)
        fd = os.open(fifo, os.O_RDWR)
        time.sleep(0.1)
        os.close(fd)

    watchdog = threading.Timer(5, unblock)
    watchdog.start()
    try:
        with pytest.raises(InputError, match="FIFO or pipe"):
            read_yaml(fifo)
    finally:
        watchdog.cancel()
