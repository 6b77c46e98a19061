"""A secret put where it does not belong (a URL, a runtime file, a flag, a variable) is refused
or shown as ``***``: never written, printed, logged, or kept in a repr or an error.

Each case runs the real CLI in a subprocess and looks for the fake key in stdout, stderr and
every file in the folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llmhub.errors import ConfigError
from llmhub.redact import find_credentials, redact_text
from llmhub.runtime import LLMHub
from llmhub.runtime.config import RuntimeConfig
from llmhub.runtime.plan import build_plans
from tests.helpers import ASSETS, cli_env, reachable_leaks, run_cli

# Shaped like an OpenAI project key, so every scanner knows it; and one with no shape at all.
KEY = "sk-proj-" + "QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUiOpAsDf"
PLAIN = "zq9Xr7Lm2Kp4Wv8Ts6hunter"

RUNTIME = """\
project: safety
env: test
providers:
  anthropic:
    env_key: ANTHROPIC_API_KEY
  openai:
    env_key: OPENAI_API_KEY
roles:
  chat:
    provider: anthropic
    model: claude-haiku-4-5
    mode: chat
    params: {}
    fallbacks:
    - provider: openai
      model: gpt-4o-mini
"""


def _leaks(proc: object, folder: Path | None, *secrets: str, but: Path | None = None) -> list[str]:
    """Where any of ``secrets`` shows up: the run's stdout/stderr, or a file in ``folder``
    (except ``but``, the input that holds it on purpose)."""
    texts = {"stdout": getattr(proc, "stdout", ""), "stderr": getattr(proc, "stderr", "")}
    for path in folder.rglob("*") if folder else ():
        if path.is_file() and path != but:
            texts[str(path)] = path.read_bytes().decode("utf-8", "replace")
    return [f"{where}: {s[:12]}…" for where, text in texts.items() for s in secrets if s in text]


def _one_error_line(proc: object) -> str:
    stderr = getattr(proc, "stderr", "")
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


# -- 1. generate: a credential inside a provider URL -----------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        f"https://h.example/v1?api_key={PLAIN}",
        f"https://h.example/v1?API-KEY={PLAIN}&x=1",
        f"https://h.example/v1?key={PLAIN}",
        f"https://h.example/v1?region=eu&access_token={PLAIN}",
        f"https://h.example/v1?sv=2024&sig={PLAIN}",
        f"https://h.example/v1?X-Amz-Signature={PLAIN}",
    ],
)
def test_generate_refuses_a_credential_in_an_api_base_url(
    url: str, tmp_path: Path, catalog_db: Path
) -> None:
    spec = tmp_path / "llmhub.spec.yaml"
    spec.write_text(
        (ASSETS / "bad_inputs" / "good.spec.yaml")
        .read_text()
        .replace(
            "anthropic: {env_key: ANTHROPIC_API_KEY}",
            f"anthropic: {{env_key: ANTHROPIC_API_KEY, api_base: '{url}'}}",
        )
    )
    out = tmp_path / "llmhub.yaml"
    proc = run_cli("generate", "--db", str(catalog_db), "--out", str(out), "--no-llm", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    line = _one_error_line(proc)
    assert line.startswith("error: llmhub.spec.yaml:5:"), line
    assert "providers.anthropic.api_base" in line and "env_key" in line and "***" in line
    assert not out.exists()
    assert not _leaks(proc, tmp_path, PLAIN, but=spec)
    # The scan of what generate is about to write uses the same rule.
    assert list(find_credentials({"api_base": url})) == [("api_base",)]


def test_query_parameters_that_are_not_credentials_are_left_alone() -> None:
    for url in (
        "https://h.example/v1?api-version=2024-10-21",
        "http://localhost:8000/v1?model=gpt-4o&max_tokens=5&keys=3",
        "https://h.example/openai/deployments/x?api-version=1&monkey=banana",
    ):
        assert redact_text(url) == url
        assert not list(find_credentials({"api_base": url}))
    assert redact_text(f"GET https://h/v1?Token={PLAIN}&a=1 failed") == (
        "GET https://h/v1?Token=***&a=1 failed"
    )


# -- 2. export: a credential in --gateway-url, a key in --gateway-key-env -------------------
@pytest.mark.parametrize(
    "flags",
    [
        ["--gateway-url", f"http://u:{PLAIN}@127.0.0.1:4000"],
        ["--gateway-url", f"http://127.0.0.1:4000/?token={PLAIN}"],
        ["--gateway-url", "http://127.0.0.1:4000", "--gateway-key-env", KEY],
        ["--gateway-url", "http://127.0.0.1:4000", "--gateway-key-env", PLAIN + "/+="],
    ],
    ids=["userinfo", "query", "key-as-env-name", "unshaped-key-as-env-name"],
)
def test_export_refuses_a_credential_in_its_flags(flags: list[str], tmp_path: Path) -> None:
    (tmp_path / "llmhub.yaml").write_text(RUNTIME)
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = run_cli("export", "litellm-proxy", "--runtime-out", "gateway.yaml", *flags, cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    line = _one_error_line(proc)
    assert "--gateway-" in line and "***" in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written
    assert not _leaks(proc, tmp_path, KEY, PLAIN)


# -- 3. the runtime file: an env_key that is a key, not a variable name ---------------------
@pytest.mark.parametrize("value", [KEY, "AKIA" + "QWERTYUIOPASDFGH", PLAIN + "-x"])
def test_the_runtime_loader_refuses_a_key_as_env_key(
    value: str, tmp_path: Path, catalog_db: Path
) -> None:
    (tmp_path / "llmhub.yaml").write_text(
        RUNTIME.replace("env_key: ANTHROPIC_API_KEY", f"env_key: {value}")
    )
    env = cli_env(LLMHUB_CATALOG=str(catalog_db))
    for args in (
        ["runtime", "show"],
        ["runtime", "show", "--json"],
        ["env", "check", "--spec", "llmhub.yaml"],
        ["test", "--role", "chat"],
        ["status"],  # reports problems on stdout, exit 0
    ):
        proc = run_cli(*args, cwd=tmp_path, env=env)
        assert proc.returncode == (0 if args == ["status"] else 2), (args, proc.stderr)
        err = proc.stdout if args == ["status"] else proc.stderr
        assert "llmhub.yaml:5:" in err and "providers.anthropic.env_key" in err, (args, err)
        assert "OPENAI_API_KEY" in err, (args, err)  # the fix names an example variable
        assert not _leaks(proc, None, value), (args, proc.stdout + err)
    doctor = run_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env)
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert checks["keys"]["status"] == "fail" and "env_key" in checks["keys"]["detail"]
    assert value not in doctor.stdout + doctor.stderr
    with pytest.raises(ConfigError) as caught:
        LLMHub(config_path=tmp_path / "llmhub.yaml", strict_env=True)
    assert caught.value.problems[0].line == 5
    assert not reachable_leaks(caught.value, value)  # __context__ and attributes included
    assert not _leaks(None, tmp_path, value, but=tmp_path / "llmhub.yaml")


def test_config_obj_with_a_key_as_env_key_is_refused_without_repeating_it() -> None:
    config = {
        "providers": {"openai": {"env_key": KEY}},
        "roles": {"chat": {"provider": "openai", "model": "gpt-4o-mini"}},
    }
    with pytest.raises(ConfigError) as caught:
        LLMHub(config_obj=config)
    assert caught.value.field == "providers.openai.env_key"
    assert not reachable_leaks(caught.value, KEY)  # not in the ValidationError it came from


# -- 4. the runtime file: a literal key in params or api_base -------------------------------
@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("params: {}", f"params: {{api_key: {PLAIN}}}", "roles.chat.params.api_key"),
        (
            "params: {}",
            f"params: {{extra_headers: {{Authorization: 'Bearer {PLAIN}'}}}}",
            "roles.chat.params.extra_headers.Authorization",
        ),
        (
            "    env_key: OPENAI_API_KEY\n",
            f"    env_key: OPENAI_API_KEY\n    api_base: https://u:{PLAIN}@h.example/v1\n",
            "providers.openai.api_base",
        ),
        (
            "    env_key: OPENAI_API_KEY\n",
            f"    env_key: OPENAI_API_KEY\n    api_base: https://h.example/v1?api_key={PLAIN}\n",
            "providers.openai.api_base",
        ),
        ("model: gpt-4o-mini", f"model: gpt-4o-mini\n      params: {{note: {KEY}}}", None),
    ],
    ids=["params-api_key", "params-header", "api_base-userinfo", "api_base-query", "fallback"],
)
def test_the_runtime_loader_refuses_a_literal_credential(
    old: str, new: str, field: str | None, tmp_path: Path
) -> None:
    (tmp_path / "llmhub.yaml").write_text(RUNTIME.replace(old, new, 1))
    for args in (["runtime", "show"], ["runtime", "show", "--json"], ["test", "--role", "chat"]):
        proc = run_cli(*args, cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stdout + proc.stderr)
        line = _one_error_line(proc)
        assert line.startswith("error: llmhub.yaml:"), line
        assert "credential" in line and "env_key" in line, line
        assert field is None or field in line, line
        assert not _leaks(proc, None, PLAIN, KEY), (args, line)
    with pytest.raises(ConfigError) as caught:
        LLMHub(config_path=tmp_path / "llmhub.yaml")
    assert not reachable_leaks(caught.value, PLAIN) and not reachable_leaks(caught.value, KEY)


def test_reprs_of_a_runtime_built_in_code_show_credentials_as_stars() -> None:
    # A RuntimeConfig built in code skips the loader: its repr, and its plans', still hide them.
    config = RuntimeConfig.model_validate(
        {
            "providers": {"openai": {"env_key": "K", "api_base": f"https://u:{PLAIN}@h/v1"}},
            "roles": {
                "chat": {
                    "provider": "openai",
                    "model": "gpt-4o-mini",
                    "params": {"api_key": PLAIN, "metadata": {"note": KEY}},
                }
            },
        }
    )
    plan = build_plans(config)["chat"]
    for text in (repr(config), str(config), repr(config.roles["chat"]), repr(plan)):
        assert PLAIN not in text and KEY not in text, text
        assert "***" in text
    assert "mode=<CallMode.chat: 'chat'>" in repr(config.roles["chat"])  # types kept
    with pytest.raises(ConfigError) as caught:
        LLMHub(config_obj=config)
    assert caught.value.field == "providers.openai.api_base"


# -- 5. a key pasted into LLMHUB_INTERPRETER_MODEL ------------------------------------------
def test_a_key_as_interpreter_model_is_not_repeated(tmp_path: Path, catalog_db: Path) -> None:
    (tmp_path / "llmhub.spec.yaml").write_text(
        (ASSETS / "bad_inputs" / "good.spec.yaml").read_text()
    )
    env = cli_env(
        LLMHUB_INTERPRETER_MODEL=KEY,
        LLMHUB_INTERPRETER_CACHE=str(tmp_path / "cache.json"),
        OPENAI_API_BASE="http://127.0.0.1:9",
    )
    proc = run_cli(
        "generate",
        "--db",
        str(catalog_db),
        "--out",
        "llmhub.yaml",
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "warning: interpreter *** failed" in proc.stderr, proc.stderr
    assert (tmp_path / "llmhub.yaml").exists()
    assert not _leaks(proc, tmp_path, KEY), proc.stderr


def test_a_credential_in_the_interpreter_url_variable_is_refused_masked(
    tmp_path: Path, catalog_db: Path
) -> None:
    (tmp_path / "llmhub.spec.yaml").write_text(
        (ASSETS / "bad_inputs" / "good.spec.yaml").read_text()
    )
    env = cli_env(
        LLMHUB_INTERPRETER_MODEL="openai/gpt-4o-mini",
        LLMHUB_INTERPRETER_API_BASE=f"http://127.0.0.1:9/v1?api_key={PLAIN}",
        LLMHUB_INTERPRETER_CACHE=str(tmp_path / "cache.json"),
    )
    proc = run_cli("generate", "--db", str(catalog_db), "--dry-run", cwd=tmp_path, env=env)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    line = _one_error_line(proc)
    assert "LLMHUB_INTERPRETER_API_BASE" in line and "api_key=***" in line, line
    assert not _leaks(proc, tmp_path, PLAIN)
