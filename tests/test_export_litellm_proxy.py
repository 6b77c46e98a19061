"""``llmhub export litellm-proxy``: the proxy config, the gateway runtime file, and bad input."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from tests.helpers import ASSETS, cli_env, invoke_cli, run_cli

GOLDEN = ASSETS / "gateway"
UPDATE = os.environ.get("LLMHUB_UPDATE_GOLDEN") == "1"


def _export(tmp_path: Path, *extra: str, config: Path | None = None, subprocess: bool = False):
    """Run the real command: in-process (litellm, which the checks import, is then imported
    once per test session), or with ``subprocess`` as a user would."""
    source = tmp_path / "llmhub.yaml"
    if config is None:
        shutil.copyfile(GOLDEN / "llmhub.yaml", source)
    else:
        source = config
    args = [
        "export",
        "litellm-proxy",
        "--config",
        str(source),
        "--out",
        str(tmp_path / "litellm.config.yaml"),
        *extra,
    ]
    return (run_cli if subprocess else invoke_cli)(*args, cwd=tmp_path)


def _gateway_args(tmp_path: Path) -> tuple[str, ...]:
    return (
        "--runtime-out",
        str(tmp_path / "llmhub.gateway.yaml"),
        "--gateway-url",
        "http://127.0.0.1:4000",
    )


def _golden(name: str, text: str) -> None:
    if UPDATE:
        (GOLDEN / name).write_text(text, encoding="utf-8")
    assert text == (GOLDEN / name).read_text("utf-8"), f"{name} changed (LLMHUB_UPDATE_GOLDEN=1)"


def test_demo_spec_export_matches_the_golden_files(tmp_path: Path) -> None:
    result = _export(tmp_path, *_gateway_args(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "(15 groups, 15 deployments)" in result.stdout
    _golden("litellm.config.yaml", (tmp_path / "litellm.config.yaml").read_text("utf-8"))
    _golden("llmhub.gateway.yaml", (tmp_path / "llmhub.gateway.yaml").read_text("utf-8"))


def test_export_maps_roles_fallbacks_keys_and_prices(tmp_path: Path) -> None:
    assert _export(tmp_path).returncode == 0
    text = (tmp_path / "litellm.config.yaml").read_text("utf-8")
    runtime = yaml.safe_load((GOLDEN / "llmhub.yaml").read_text("utf-8"))
    # The header names where the file came from, as a generated runtime file does.
    header = [line for line in text.splitlines() if line.startswith("#")]
    source_header = (GOLDEN / "llmhub.yaml").read_text("utf-8").splitlines()[1:3]
    assert source_header[0] in header and source_header[1] in header
    config = yaml.safe_load(text)
    groups = {m["model_name"]: m for m in config["model_list"]}
    fallbacks = {k: v for entry in config["router_settings"]["fallbacks"] for k, v in entry.items()}
    for name, role in runtime["roles"].items():
        deployment = groups[name]
        assert deployment["litellm_params"]["model"] == f"{role['provider']}/{role['model']}"
        env_key = runtime["providers"][role["provider"]]["env_key"]
        assert deployment["litellm_params"]["api_key"] == f"os.environ/{env_key}"
        assert deployment["model_info"]["input_cost_per_token"] == pytest.approx(
            role["price_input_per_million"] / 1e6
        )
        expected = [f"{name}.fallback-{n}" for n in range(1, len(role["fallbacks"]) + 1)]
        assert fallbacks[name] == expected
        for group, fb in zip(expected, role["fallbacks"], strict=True):
            assert groups[group]["litellm_params"]["model"] == f"{fb['provider']}/{fb['model']}"
            assert groups[group]["model_info"]["output_cost_per_token"] == pytest.approx(
                fb["price_output_per_million"] / 1e6
            )
    assert groups["llm.embedding"]["model_info"]["mode"] == "embedding"
    assert groups["llm.embedding"]["litellm_params"]["dimensions"] == 1536
    assert groups["llm.inference"]["litellm_params"]["temperature"] == 0.7
    assert config["litellm_settings"] == {"num_retries": 0, "drop_params": True}
    assert config["router_settings"]["num_retries"] == 0
    # No key value, ever: only variable names.
    assert "sk-" not in text


def test_order_layout_puts_each_role_in_one_group(tmp_path: Path) -> None:
    assert _export(tmp_path, "--layout", "order").returncode == 0
    config = yaml.safe_load((tmp_path / "litellm.config.yaml").read_text("utf-8"))
    inference = [m for m in config["model_list"] if m["model_name"] == "llm.inference"]
    assert [m["litellm_params"]["order"] for m in inference] == [1, 2, 3]
    assert [m["litellm_params"]["model"] for m in inference] == [
        "gemini/gemini-2.5-pro",
        "openai/gpt-5-mini",
        "mistral/mistral-small-2506",
    ]
    assert "fallbacks" not in config["router_settings"]


def test_check_reports_a_stale_file_with_a_diff(tmp_path: Path) -> None:
    assert _export(tmp_path).returncode == 0
    fresh = _export(tmp_path, "--check")
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert "is up to date" in fresh.stdout
    out = tmp_path / "litellm.config.yaml"
    out.write_text(out.read_text("utf-8").replace("num_retries: 0", "num_retries: 3"), "utf-8")
    before = out.read_bytes()
    stale = _export(tmp_path, "--check")
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "-  num_retries: 3" in stale.stdout and "+  num_retries: 0" in stale.stdout
    assert out.read_bytes() == before  # --check never writes


def test_a_hand_edited_config_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "litellm.config.yaml"
    out.write_text("model_list: []  # mine\n", encoding="utf-8")
    refused = _export(tmp_path)
    assert refused.returncode == 2, refused.stderr
    assert "not overwriting" in refused.stderr and "--force" in refused.stderr
    assert out.read_text("utf-8") == "model_list: []  # mine\n"
    assert _export(tmp_path, "--force").returncode == 0
    assert "model_list:\n- model_name: llm.code_review" in out.read_text("utf-8")


def _bad_runtime(tmp_path: Path, edit) -> Path:
    body = yaml.safe_load((GOLDEN / "llmhub.yaml").read_text("utf-8"))
    edit(body)
    path = tmp_path / "bad.llmhub.yaml"
    path.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    return path


def _unknown_fallback(body: dict) -> None:
    body["providers"]["acme"] = {"env_key": "ACME_API_KEY"}
    body["roles"]["llm.copy"]["fallbacks"][1] = {"provider": "acme", "model": "writer-9"}


def _missing_key_variable(body: dict) -> None:
    del body["providers"]["mistral"]["env_key"]


def _unresolvable_model(body: dict) -> None:
    body["providers"]["nosuchcloud"] = {"env_key": "NOSUCH_KEY"}
    body["roles"]["llm.preprocess"]["provider"] = "nosuchcloud"


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        # The runtime file itself refuses a provider litellm does not know, before the export.
        (_unknown_fallback, "roles.llm.copy.fallbacks.1.provider", "no provider 'acme'"),
        (_missing_key_variable, "providers.mistral", "names no key variable"),
        (_unresolvable_model, "roles.llm.preprocess.provider", "no provider 'nosuchcloud'"),
    ],
    ids=["fallback-to-unknown-model", "missing-key-variable", "unresolvable-model"],
)
def test_bad_runtime_is_one_line_exit_2_and_nothing_written(
    tmp_path: Path, edit, field: str, words: str
) -> None:
    bad = _bad_runtime(tmp_path, edit)
    # One case end to end, as a user runs it; the others in-process, for speed.
    result = _export(
        tmp_path, *_gateway_args(tmp_path), config=bad, subprocess=edit is _missing_key_variable
    )
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {bad}:") and f": {field}: " in lines[0], lines[0]
    assert words in lines[0] and " — " in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "litellm.config.yaml").exists()
    assert not (tmp_path / "llmhub.gateway.yaml").exists()


def test_a_failed_export_leaves_existing_files_byte_for_byte(tmp_path: Path) -> None:
    assert _export(tmp_path, *_gateway_args(tmp_path)).returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")}
    bad = _bad_runtime(tmp_path, _missing_key_variable)
    assert _export(tmp_path, *_gateway_args(tmp_path), config=bad).returncode == 2
    after = {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml") if p.name in before}
    assert after == before


def test_runtime_out_needs_a_gateway_url_and_the_groups_layout(tmp_path: Path) -> None:
    out = str(tmp_path / "gw.yaml")
    no_url = _export(tmp_path, "--runtime-out", out)
    assert no_url.returncode == 2 and "--gateway-url" in no_url.stderr
    order = _export(
        tmp_path,
        "--runtime-out",
        out,
        "--gateway-url",
        "http://127.0.0.1:4000",
        "--layout",
        "order",
    )
    assert order.returncode == 2 and "--layout groups" in order.stderr
    assert not (tmp_path / "gw.yaml").exists()


def test_gateway_runtime_file_loads_and_calls_groups(tmp_path: Path) -> None:
    from llmhub.runtime import load_runtime

    result = _export(tmp_path, *_gateway_args(tmp_path), "--gateway-key-env", "TEAM_PROXY_KEY")
    assert result.returncode == 0, result.stderr
    gateway = load_runtime(tmp_path / "llmhub.gateway.yaml")
    assert set(gateway.providers) == {"litellm_proxy"}
    assert gateway.providers["litellm_proxy"].env_key == "TEAM_PROXY_KEY"
    assert gateway.providers["litellm_proxy"].api_base == "http://127.0.0.1:4000"
    role = gateway.roles["llm.inference"]
    assert role.model == "llm.inference" and role.params == {"disable_fallbacks": True}
    assert [f.model for f in role.fallbacks] == [
        "llm.inference.fallback-1",
        "llm.inference.fallback-2",
    ]
    assert gateway.roles["llm.embedding"].mode.value == "embedding"


def test_help_ends_with_an_example() -> None:
    result = invoke_cli("export", "litellm-proxy", "--help", env=cli_env())
    assert result.returncode == 0
    assert "Example: llmhub export litellm-proxy" in result.stdout
