"""``int_models__quality_inferred`` picks a model's predecessor by the rule its header states.

The view walks each model line once in version order. These tests hold it to the rule written
out in Python over every pair: among the measured models of the same line, the one with the
highest version not above the model's own, the lowest ``model_key`` among equal versions. The
lines and versions are ``int_models__lines``'s, whose ``line_rank`` is held to the same rule.
"""

from __future__ import annotations

import re

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from llmhub.pipeline.sqlfiles import sql_files

VIEW = next(f for f in sql_files() if f.name == "int_models__quality_inferred")
LINES = next(f for f in sql_files() if f.name == "int_models__lines")
EXTRA_SD = 40.0


# A size word: parameters, total or active ('8b', 'a22b', '8x22b', 'e4b').
SIZE = re.compile(r"[ae]?\d+(x\d+)?b")


def _line(key: str) -> str:
    # The view's line_key, step by step (Python's re agrees with RE2 on these patterns).
    key = re.sub(r"-(\d{8}|\d{4}-\d{2}-\d{2}|preview|exp)(?:-|$)", "-", key)
    words = re.split(r"[-:]", key)
    tokens = [t if SIZE.fullmatch(t) else re.sub(r"\d+", "#", t) for t in words]
    return re.sub(r"-+$", "", re.sub(r"#(-#)+", "#", "-".join(tokens)))


# A date: 'YYYY-MM-DD' (made one word first), or a word of 4 to 8 digits ('0905', '2512').
DATE = re.compile(r"\d{4,8}")


def _version(key: str) -> tuple[list[int], list[int]]:
    words = re.split(r"[-:]", re.sub(r"(\d{4})-(\d{2})-(\d{2})", r"\1\2\3", key))
    numbers = [
        int(n)
        for t in words
        if not SIZE.fullmatch(t) and not DATE.fullmatch(t)
        for n in re.findall(r"\d+", t)
    ]
    return numbers, [int(t) for t in words if DATE.fullmatch(t)]


def _expected(
    keys: list[str], measured: set[str], released: dict[str, str] | None = None
) -> dict[str, str]:
    """model_key -> predecessor key, by comparing every pair."""
    dates = released or {}
    out = {}
    for key in keys:
        if key in measured or _line(key) == "":
            continue
        candidates = [
            m
            for m in measured
            if _line(m) == _line(key)
            and (_version(m)[0] or _version(m)[1])
            and _version(m) <= _version(key)
            and (m not in dates or key not in dates or dates[m] <= dates[key])
        ]
        if candidates:
            best = max(_version(m) for m in candidates)
            out[key] = min(m for m in candidates if _version(m) == best)
    return out


def _inferred(
    keys: list[str], measured: set[str], released: dict[str, str] | None = None
) -> dict[str, str]:
    con = duckdb.connect()
    con.execute("create schema seeds")
    con.execute("create table seeds.settings (name varchar, value double, note varchar)")
    con.execute("insert into seeds.settings values ('lineage_extra_sd', ?, '')", [EXTRA_SD])
    con.execute("create table int_models__model_keys (canonical_id varchar, model_key varchar)")
    con.executemany(
        "insert into int_models__model_keys values (?, ?)", [[f"p/{k}", k] for k in keys]
    )
    con.execute(f"create view int_models__lines as {LINES.sql}")
    con.execute("create table int_models__listings (canonical_id varchar, release_date date)")
    con.executemany(
        "insert into int_models__listings values (?, ?)",
        [[f"p/{k}", (released or {}).get(k)] for k in keys],
    )
    con.execute(
        "create table int_models__quality_measured (canonical_id varchar, task varchar,"
        " quality double, quality_low double, quality_high double, sources varchar[])"
    )
    for i, key in enumerate(sorted(measured)):
        con.execute(
            "insert into int_models__quality_measured values (?, 'overall', ?, ?, ?, ['lmarena:x'])",
            [f"p/{key}", 1000.0 + i, 990.0 + i, 1010.0 + i],
        )
    rows = con.execute(f"select canonical_id, inferred_from from ({VIEW.sql})").fetchall()
    con.close()
    assert len(rows) == len({r[0] for r in rows}), rows  # one row per model x task
    return {canonical_id.removeprefix("p/"): source for canonical_id, source in rows}


_number = st.integers(min_value=0, max_value=12).map(str)
_key = st.builds(
    lambda family, numbers, tail: "-".join([family, *numbers]) + tail,
    st.sampled_from(["claude-opus", "gpt", "gemini-flash", "o"]),
    st.lists(_number, max_size=3),
    st.sampled_from(
        [
            "",
            "-preview",
            "-20250514",
            "-2025-05-14",
            "-0905",
            "-2512",
            "-mini",
            "-exp-1",
            "-8b",
            "-27b",
            "-30b-a3b",
            ":thinking",
            "-8b:thinking",
            ":20b",
        ]
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_key, min_size=1, max_size=14, unique=True), st.data())
def test_predecessor_is_the_highest_measured_version_not_above_the_model(keys, data) -> None:
    measured = set(data.draw(st.lists(st.sampled_from(keys), unique=True)))
    assert _inferred(keys, measured) == _expected(keys, measured)


@settings(max_examples=60, deadline=None)
@given(st.lists(_key, min_size=1, max_size=14, unique=True))
def test_line_rank_counts_distinct_versions_from_the_newest(keys) -> None:
    con = duckdb.connect()
    con.execute("create table int_models__model_keys (canonical_id varchar, model_key varchar)")
    con.executemany(
        "insert into int_models__model_keys values (?, ?)", [[f"p/{k}", k] for k in keys]
    )
    ranks = dict(con.execute(f"select model_key, line_rank from ({LINES.sql})").fetchall())
    con.close()
    for key in keys:
        numbers, dates = _version(key)
        if _line(key) == "" or not (numbers or dates):
            assert ranks[key] is None, key
            continue
        mine = _version(key)
        newer = {repr(_version(k)) for k in keys if _line(k) == _line(key) and _version(k) > mine}
        assert ranks[key] == 1 + len(newer), key


def test_equal_versions_take_the_lowest_key_and_a_later_version_is_never_used() -> None:
    keys = ["gpt-5-1", "gpt-5-1-preview", "gpt-5-2", "gpt-5-1-20250101", "gpt-5-3"]
    keys += ["gpt-5-4", "gpt-5-4-preview"]
    measured = {"gpt-5-1-preview", "gpt-5-1", "gpt-5-3", "gpt-5-4-preview"}
    inferred = _inferred(keys, measured)
    assert inferred == _expected(keys, measured)
    # gpt-5-2 sits between the measured 5-1 pair and 5-3: it takes a 5-1, never 5-3.
    assert inferred["gpt-5-2"] in {"gpt-5-1", "gpt-5-1-preview"}
    # A measured preview has the same version as its release: the release inherits from it.
    assert inferred["gpt-5-4"] == "gpt-5-4-preview"


def test_a_size_word_is_part_of_the_line_not_of_the_version() -> None:
    # Seen in the bundled catalog: qwen3-8b (2025, 8B) took the figures of qwen3.6-27b (2026),
    # because 27 and 8 read as versions of one line 'qwen'.
    keys = ["qwen3-8b", "qwen3-6-27b", "qwen3-5-27b", "qwen3-30b-a3b", "qwen3-30b-a3b-20250701"]
    inferred = _inferred(keys, {"qwen3-6-27b", "qwen3-30b-a3b"})
    assert "qwen3-8b" not in inferred
    assert "qwen3-5-27b" not in inferred  # 3.5 is below 3.6: a later version is never used
    assert inferred["qwen3-30b-a3b-20250701"] == "qwen3-30b-a3b"  # a new snapshot of the same size


def test_a_predecessor_released_after_the_model_is_not_used() -> None:
    # 'minimax-m25' is M2.5 written without its dot: by the numbers [25] it sorts after M3.
    keys = ["minimax-m25", "minimax-m3", "minimax-m35"]
    released = {
        "minimax-m25": "2026-02-12",
        "minimax-m3": "2026-05-01",
        "minimax-m35": "2026-07-01",
    }
    inferred = _inferred(keys, {"minimax-m3"}, released)
    assert "minimax-m25" not in inferred  # older than the M3 it would copy
    assert inferred["minimax-m35"] == "minimax-m3"
    assert _inferred(keys, {"minimax-m3"}) == _expected(keys, {"minimax-m3"})  # undated: the rule
    # A newer version that is older than the model is passed over for an older measured one:
    # M2.7 follows M2, not M3 (released after it).
    keys = ["minimax-m2", "minimax-m27", "minimax-m3"]
    released = {"minimax-m2": "2025-10-27", "minimax-m27": "2026-03-18", "minimax-m3": "2026-05-01"}
    inferred = _inferred(keys, {"minimax-m2", "minimax-m3"}, released)
    assert inferred == {"minimax-m27": "minimax-m2"}
    assert inferred == _expected(keys, {"minimax-m2", "minimax-m3"}, released)


def test_a_size_word_after_a_colon_is_part_of_the_line() -> None:
    # 'qwen3-8b:thinking' and 'qwen3-6-27b:thinking' are different sizes: never one line.
    inferred = _inferred(["qwen3-8b:thinking", "qwen3-6-27b:thinking"], {"qwen3-6-27b:thinking"})
    assert inferred == {}


def test_new_lines_follow_their_measured_predecessor() -> None:
    # Seen in the bundled catalog once GPT-6 and Claude Opus 5 were listed: a one-number version
    # is the same line as a two-number one, and a snapshot date ('0905') is not a minor version
    # (kimi-k2-0905 read as version 2.905 and became Kimi K3's predecessor over K2.6).
    keys = ["gpt-5-6-sol", "gpt-6-sol", "gpt-6-1-sol", "claude-opus-4", "claude-opus-4-8"]
    keys += ["claude-opus-5", "kimi-k2-0905", "kimi-k2-6", "kimi-k3"]
    keys += ["devstral-small-2505", "devstral-small-2507"]
    measured = {"gpt-5-6-sol", "claude-opus-4", "claude-opus-4-8", "kimi-k2-0905", "kimi-k2-6"}
    measured |= {"devstral-small-2505"}
    inferred = _inferred(keys, measured)
    assert inferred == _expected(keys, measured)
    assert inferred["gpt-6-sol"] == inferred["gpt-6-1-sol"] == "gpt-5-6-sol"
    assert inferred["claude-opus-5"] == "claude-opus-4-8"
    assert inferred["kimi-k3"] == "kimi-k2-6"
    assert inferred["devstral-small-2507"] == "devstral-small-2505"
