"""The bad-spec corpus: every file fails with exit 2, one `file:line:col` line, no traceback."""

from __future__ import annotations

import re
import time
import tracemalloc
from pathlib import Path

import pytest

from llmhub.errors import SpecError
from llmhub.generator import GeneratorOptions, generate_runtime_from_spec
from tests.helpers import ASSETS, file_sha256, invoke_cli

CORPUS = sorted((ASSETS / "bad_specs").glob("*.yaml"))
GENERATED = ("over_1mb", "binary", "not_utf8")


def _generated(name: str, folder: Path) -> Path:
    path = folder / f"{name}.yaml"
    if name == "over_1mb":
        filler = "".join(f"# padding line {i:07d} " + "x" * 40 + "\n" for i in range(20_000))
        path.write_text("project: demo\n" + filler + "roles: {}\n")
        assert path.stat().st_size > 1_000_000
    elif name == "binary":
        path.write_bytes(b"project: demo\n\x00\x01\x02\xff roles: {}\n")
    else:
        path.write_bytes(b"project: caf\xe9\nroles: {}\n")
    return path


def _bad_spec(name: str, tmp_path: Path) -> Path:
    if name in GENERATED:
        return _generated(name, tmp_path)
    return ASSETS / "bad_specs" / f"{name}.yaml"


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) + len(GENERATED) >= 25


NAMES = [p.stem for p in CORPUS] + list(GENERATED)


@pytest.mark.parametrize("name", NAMES)
def test_cli_exits_2_with_one_located_line(name: str, tmp_path: Path, catalog_db: Path) -> None:
    spec = _bad_spec(name, tmp_path)
    out = tmp_path / "llmhub.yaml"
    out.write_text("# previous file, must survive\nproject: keep\n")
    before = out.read_bytes()
    proc = invoke_cli(
        "generate", "--spec", str(spec), "--db", str(catalog_db), "--out", str(out), "--no-llm"
    )
    message = f"stdout={proc.stdout!r} stderr={proc.stderr!r}"
    assert proc.returncode == 2, message
    assert "Traceback" not in proc.stderr, message
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, message
    assert re.match(rf"^error: {re.escape(str(spec))}:\d+:\d+: \S", lines[0]), message
    assert out.read_bytes() == before


@pytest.mark.parametrize("name", NAMES)
def test_api_raises_spec_error(name: str, tmp_path: Path, catalog_db: Path) -> None:
    spec = _bad_spec(name, tmp_path)
    with pytest.raises(SpecError) as info:
        generate_runtime_from_spec(spec, GeneratorOptions(no_llm=True, db_path=catalog_db))
    problem = info.value.problems[0]
    assert problem.path == str(spec)
    assert problem.line is not None and problem.column is not None


def test_did_you_mean_for_unknown_keys() -> None:
    with pytest.raises(SpecError) as info:
        from llmhub.spec import load_spec

        load_spec(ASSETS / "bad_specs" / "unknown_role_key.yaml")
    assert "did you mean 'description'?" in str(info.value)
    assert ":7:5:" in str(info.value)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        # `relax` is true/false or a list: each member of that union refused 3 on its own, so
        # one mistake was two errors ("valid boolean", "valid list") on one line
        ("3", "must be true, false or a list of requirements, not int"),
        ("'yes'", "must be true, false or a list of requirements, not str"),
        ("{a: 1}", "must be true, false or a list of requirements, not dict"),
        ("[context_min, 3]", "cannot relax 3"),
    ],
)
@pytest.mark.parametrize("where", ["role", "defaults"])
def test_a_bad_relax_is_one_error_at_its_line(value: str, says: str, where: str) -> None:
    from llmhub.spec import parse_spec

    role = "roles:\n  chat:\n    kind: chat\n    description: general chat\n"
    if where == "role":
        text, expected = f"{role}    relax: {value}\n", "s.yaml:5:5: roles.chat.relax: "
    else:
        text, expected = f"defaults:\n  relax: {value}\n{role}", "s.yaml:2:3: defaults.relax: "
    with pytest.raises(SpecError) as info:
        parse_spec(text, "s.yaml")
    assert len(info.value.problems) == 1, str(info.value)
    assert str(info.value).startswith(expected + says), str(info.value)


def test_alias_bomb_is_rejected_fast_without_memory_growth() -> None:
    from llmhub.spec import load_spec

    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(SpecError, match="alias bomb"):
        load_spec(ASSETS / "bad_specs" / "alias_bomb.yaml")
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 50_000_000, f"peak {peak:,} bytes"


def test_sql_in_names_leaves_the_catalog_unchanged(tmp_path: Path, catalog_db: Path) -> None:
    before = file_sha256(catalog_db)
    for name in ("sql_in_provider_name", "sql_in_role_name", "sql_in_preferred_provider"):
        proc = invoke_cli(
            "generate",
            "--spec",
            str(ASSETS / "bad_specs" / f"{name}.yaml"),
            "--db",
            str(catalog_db),
            "--out",
            str(tmp_path / "out.yaml"),
        )
        assert proc.returncode == 2, proc.stderr
    assert file_sha256(catalog_db) == before
