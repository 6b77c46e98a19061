"""History and ``catalog diff``: two real builds from different upstream data (loopback server)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from llmhub.catalog import refresh_catalog
from llmhub.catalog.diff import diff_builds, resolve_build
from llmhub.errors import InputError
from tests.helpers import cli_env, invoke_cli
from tests.source_server import SNAPSHOTS, SOURCE_ROUTE, Fault, SourceServer


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory):
    """A catalog built from the snapshots, then rebuilt live from edited models.dev data."""
    db = tmp_path_factory.mktemp("history") / "catalog.duckdb"
    refresh_catalog(db, source="snapshot")
    data = json.loads((SNAPSHOTS / "modelsdev-api.json").read_bytes())
    openai = data["openai"]["models"]
    priced = [m for m in openai.values() if m.get("cost", {}).get("input")]
    repriced = priced[0]
    old_price = float(repriced["cost"]["input"])
    repriced["cost"]["input"] = old_price * 2
    removed = priced[1]["id"]
    del openai[removed]
    added = dict(priced[2], id="gpt-llmhub-test", name="GPT llmhub test")
    openai["gpt-llmhub-test"] = added
    # One arena model moves up 10 points in every text category (interval included).
    con = duckdb.connect(str(db), read_only=True)
    arena_name, canonical_id, score = con.execute(
        "select arena_name, canonical_id, arena_score from models where quality_source = 'arena' "
        "and provider not in ('openai') order by arena_score desc limit 1"
    ).fetchone()
    con.close()
    board = json.loads((SNAPSHOTS / "arena-leaderboard-text.json").read_bytes())
    for rows in board.values():
        if arena_name in rows:
            rows[arena_name] = {k: v + 10 for k, v in rows[arena_name].items()}
    # Artificial Analysis measures claude-opus-4-7 at Anthropic's default (no thinking) twice
    # as fast, and claude-opus-4-8 5 index points better.
    leaderboard = json.loads((SNAPSHOTS / "artificialanalysis-llms.json").read_bytes())
    fast = next(m for m in leaderboard["models"] if m["slug"] == "claude-opus-4-7-non-reasoning")
    old_speed = fast["speed"]["output_tokens_per_second"]
    fast["speed"]["output_tokens_per_second"] = old_speed * 2
    opus = next(m for m in leaderboard["models"] if m["slug"] == "claude-opus-4-8")
    opus["evaluations"]["artificial_analysis_intelligence_index"] += 5
    with SourceServer() as server, pytest.MonkeyPatch.context() as patch:
        server.faults[SOURCE_ROUTE["models_dev"]] = Fault(body=json.dumps(data).encode())
        server.faults[SOURCE_ROUTE["artificial_analysis"]] = Fault(
            body=json.dumps(leaderboard).encode()
        )
        server.faults[SOURCE_ROUTE["lmarena"]] = Fault(body=json.dumps(board).encode())
        for name, value in server.env().items():
            patch.setenv(name, value)
        refresh_catalog(db, source="live", force=True, retries=0)
    db.chmod(0o444)
    expected = {
        "repriced": (f"openai/{repriced['id']}", old_price, old_price * 2),
        "removed": f"openai/{removed}",
        "added": "openai/gpt-llmhub-test",
        "rescored": (canonical_id, score, score + 10),
        "faster": ("anthropic/claude-opus-4-7", old_speed, old_speed * 2),
    }
    return db, expected


def test_history_carries_both_builds(two_builds) -> None:
    db, _ = two_builds
    con = duckdb.connect(str(db), read_only=True)
    builds = con.execute("select build_id, source_hashes, model_count from builds").fetchall()
    snapshots = con.execute(
        "select build_id, count(*) from history.model_snapshots group by 1"
    ).fetchall()
    con.close()
    assert len(builds) == 2
    hashes = [json.loads(b[1]) for b in builds]
    assert hashes[0]["models_dev"] != hashes[1]["models_dev"]  # the edited payload
    assert hashes[0]["litellm"] == hashes[1]["litellm"]  # the same bytes served live
    assert dict(snapshots) == {b[0]: b[2] for b in builds}


def test_diff_lists_added_removed_and_repriced_models(two_builds) -> None:
    db, expected = two_builds
    con = duckdb.connect(str(db), read_only=True)
    diff = diff_builds(con)
    con.close()
    added = [m for m in diff.added if m.startswith("openai/")]
    removed = [m for m in diff.removed if m.startswith("openai/")]
    assert expected["added"] in added
    assert expected["removed"] in removed
    canonical_id, old, new = expected["repriced"]
    change = next(
        c
        for c in diff.price_changes
        if c.canonical_id == canonical_id and c.field == "price_input_per_million"
    )
    assert change.old == pytest.approx(old) and change.new == pytest.approx(new)
    rescored_id, old_score, new_score = expected["rescored"]
    rescore = next(c for c in diff.score_changes if c.canonical_id == rescored_id)
    assert rescore.field == "arena_score"
    assert rescore.old == pytest.approx(old_score) and rescore.new == pytest.approx(new_score)
    assert all(c.new - c.old == pytest.approx(10) for c in diff.score_changes)
    # Nothing else changed upstream, so no other openai model moved.
    assert {c.canonical_id for c in diff.price_changes if c.canonical_id.startswith("openai/")} == {
        canonical_id
    }


def test_diff_reports_quality_and_speed_changes(two_builds) -> None:
    db, expected = two_builds
    con = duckdb.connect(str(db), read_only=True)
    diff = diff_builds(con)
    con.close()
    canonical_id, old_speed, new_speed = expected["faster"]
    speed = next(c for c in diff.speed_changes if c.canonical_id == canonical_id)
    assert speed.field == "output_tokens_per_second"
    assert speed.old == pytest.approx(old_speed) and speed.new == pytest.approx(new_speed)
    quality = next(
        c
        for c in diff.quality_changes
        if c.canonical_id == canonical_id and c.field == "quality_overall"
    )
    assert quality.new > quality.old  # five index points better, on the arena scale
    # the re-scored arena model's calibrated quality moves with its arena score
    rescored_id = expected["rescored"][0]
    assert any(c.canonical_id == rescored_id for c in diff.quality_changes)
    table = invoke_cli("catalog", "diff", "--db", str(db), env=cli_env())
    assert "quality changes" in table.stdout and "speed changes" in table.stdout


def test_diff_cli_json_and_build_refs(two_builds) -> None:
    db, expected = two_builds
    result = invoke_cli("catalog", "diff", "--db", str(db), "--json", "--from", "-2", "--to", "-1")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert expected["added"] in data["added"] and expected["removed"] in data["removed"]
    reverse = json.loads(
        invoke_cli(
            "catalog", "diff", "--db", str(db), "--json", "--from", "-1", "--to", "-2"
        ).stdout
    )
    # Builds given newest first are compared oldest to newest (issue 14): the same diff.
    assert reverse == data
    table = invoke_cli("catalog", "diff", "--db", str(db), env=cli_env())
    assert "price changes" in table.stdout and expected["repriced"][0] in table.stdout


def test_resolve_build_refs() -> None:
    builds = ["20260101T000000Z-aaaa1111", "20260102T000000Z-bbbb2222"]
    assert resolve_build("-1", builds) == builds[1]
    assert resolve_build("20260101", builds) == builds[0]
    with pytest.raises(InputError, match="ambiguous"):
        resolve_build("2026", builds)
    with pytest.raises(InputError, match="no build"):
        resolve_build("20270101", builds)
    with pytest.raises(InputError, match="holds 2 build"):
        resolve_build("-3", builds)


def test_diff_with_an_unknown_build_is_exit_2(two_builds) -> None:
    db, _ = two_builds
    result = invoke_cli("catalog", "diff", "--db", str(db), "--from", "nope")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no build 'nope'" in result.stderr


def test_diff_of_a_single_build_says_there_is_nothing_to_compare(catalog_db: Path) -> None:
    result = invoke_cli("catalog", "diff", "--db", str(catalog_db))
    assert result.returncode == 0, result.stderr
    assert "only one build" in result.stdout
