"""`generate --check` in CI, as a user runs it next to a daily refresh: a refresh that changes no
pick is not drift; a price change fails with the pick diff and a cause per role."""

from __future__ import annotations

import json
from pathlib import Path

from llmhub.generator.header import split_header
from tests.helpers import REPO, cli_env, invoke_cli
from tests.source_server import SNAPSHOTS, Fault, SourceServer

SPEC = REPO / "examples" / "llmhub.spec.yaml"


def _refresh(server: SourceServer, db: Path) -> None:
    result = invoke_cli(
        "catalog", "refresh", "--source", "live", "--force", "--db", str(db),
        env=cli_env(**server.env()),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def _check(db: Path, out: Path):
    return invoke_cli(
        "generate", "--spec", str(SPEC), "--out", str(out), "--check", "--db", str(db)
    )


def test_check_passes_after_a_no_change_refresh_and_fails_with_a_cause_after_a_price_change(
    catalog_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "llmhub.yaml"
    wrote = invoke_cli(
        "generate", "--spec", str(SPEC), "--out", str(out), "--db", str(catalog_copy)
    )
    assert wrote.returncode == 0, wrote.stderr
    before = out.read_bytes()

    with SourceServer() as server:
        _refresh(server, catalog_copy)  # the same data again: a new build id, no new picks
        same = _check(catalog_copy, out)
        assert same.returncode == 0, same.stdout + same.stderr
        assert f"{out} is up to date" in same.stdout
        header, _ = split_header(out.read_text())
        assert header is not None
        newest = invoke_cli(
            "catalog", "sql", "select max(build_id) as b from builds", "--format", "json",
            "--db", str(catalog_copy),
        )  # fmt: skip
        assert json.loads(newest.stdout)[0]["b"] != header.catalog_build  # a real new build

        # The preprocess role's pick gets 50 times dearer upstream.
        header, body = split_header(before.decode())
        pick = _role_pick(body, "llm.preprocess")
        provider_id, model_id = _models_dev_ids(pick)
        api = json.loads((SNAPSHOTS / "modelsdev-api.json").read_text())
        cost = api[provider_id]["models"][model_id]["cost"]
        cost["input"], cost["output"] = cost["input"] * 50, cost["output"] * 50
        server.faults["/models.dev/api.json"] = Fault(body=json.dumps(api).encode())
        _refresh(server, catalog_copy)
    changed = _check(catalog_copy, out)
    assert changed.returncode == 1, changed.stdout + changed.stderr
    lines = changed.stdout.splitlines()
    assert lines[0].startswith(f"{out} is out of date")
    assert f"- llm.preprocess: {pick} " in changed.stdout
    assert any(line.startswith("+ llm.preprocess: ") for line in lines)
    assert f"cause: catalog: price of {pick} changed" in changed.stdout
    assert out.read_bytes() == before  # --check never writes


def test_check_says_spec_changed_and_names_new_roles(catalog_db: Path, tmp_path: Path) -> None:
    spec = tmp_path / "llmhub.spec.yaml"
    text = SPEC.read_text()
    spec.write_text(text)
    out = tmp_path / "llmhub.yaml"
    env = cli_env(LLMHUB_CATALOG=str(catalog_db))
    assert invoke_cli("generate", "--spec", str(spec), "--out", str(out), env=env).returncode == 0
    spec.write_text(
        text.replace("llm.preprocess:", "llm.extra:\n    kind: chat\n  llm.preprocess:", 1)
    )
    result = invoke_cli(
        "generate", "--spec", str(spec), "--out", str(out), "--check", "--json", env=env
    )
    assert result.returncode == 1, result.stdout + result.stderr
    drift = json.loads(result.stdout)["drift"]
    assert drift["up_to_date"] is False
    assert [(r["role"], r["before"], r["cause"]) for r in drift["roles"]] == [
        ("llm.extra", None, "spec changed: new role")
    ]


def _role_pick(body: str, role: str) -> str:
    import yaml

    data = yaml.safe_load(body)["roles"][role]
    return f"{data['provider']}/{data['model']}"


def _models_dev_ids(litellm_id: str) -> tuple[str, str]:
    """The models.dev provider and model id behind a litellm id, from the snapshot's catalog."""
    prefix, model = litellm_id.split("/", 1)
    aliases = {"gemini": "google"}
    return aliases.get(prefix, prefix), model
