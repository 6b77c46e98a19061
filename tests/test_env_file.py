"""Keys from `.env`, as a new user meets them: `llmhub test`, `doctor`, `env check`, the client."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from llmhub.envfile import find_env_file, load_env_file, read_env_values
from llmhub.errors import InputError
from tests.fake_llm import FakeLLM
from tests.helpers import cli_env, invoke_cli, run_cli
from tests.runtime_setup import (
    KEY_VAR,
    LITELLM_WARNINGS,
    SENTINEL,
    runtime_dict,
    teardown_module,  # noqa: F401  (pytest calls it: collects litellm's garbage here)
    write_runtime,
)

pytestmark = LITELLM_WARNINGS

OTHER = "sk-llmhub-FROM-PROCESS-ENV-91c3a2"


def _project(fake: FakeLLM, folder: Path, key: str | None = SENTINEL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = write_runtime(folder / "llmhub.yaml", runtime_dict(fake))
    if key is not None:
        (folder / ".env").write_text(f"# keys\nexport {KEY_VAR}='{key}'\n", encoding="utf-8")
    return path


def test_llmhub_test_reads_the_key_from_dotenv_beside_the_runtime_file(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    path = _project(fake_llm, tmp_path / "app")
    env = cli_env()
    env.pop(KEY_VAR, None)
    result = invoke_cli("test", "--role", "chat", "--json", "--config", str(path), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert fake_llm.requests[-1].api_key == SENTINEL
    assert SENTINEL not in result.stdout + result.stderr


def test_the_process_environment_wins_over_dotenv(fake_llm: FakeLLM, tmp_path: Path) -> None:
    path = _project(fake_llm, tmp_path)
    result = invoke_cli(
        "test", "--role", "chat", "--json", "--config", str(path), env=cli_env(**{KEY_VAR: OTHER})
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert fake_llm.requests[-1].api_key == OTHER


def test_env_file_option_and_variable_name_another_file(fake_llm: FakeLLM, tmp_path: Path) -> None:
    path = _project(fake_llm, tmp_path / "app", key=None)
    secrets = tmp_path / "secrets.env"
    secrets.write_text(f"{KEY_VAR}={SENTINEL}\n", encoding="utf-8")
    env = cli_env()
    env.pop(KEY_VAR, None)
    by_option = invoke_cli(
        "test", "--role", "chat", "--config", str(path), "--env-file", str(secrets), env=env
    )
    assert by_option.returncode == 0, by_option.stderr
    env["LLMHUB_ENV_FILE"] = str(secrets)
    by_variable = invoke_cli("test", "--role", "chat", "--json", "--config", str(path), env=env)
    assert by_variable.returncode == 0, by_variable.stderr
    assert [r.api_key for r in fake_llm.requests[-2:]] == [SENTINEL, SENTINEL]
    env["LLMHUB_ENV_FILE"] = str(tmp_path / "nope.env")
    missing = invoke_cli("test", "--role", "chat", "--config", str(path), env=env)
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"error: {tmp_path / 'nope.env'}: env file not found")


def test_a_missing_key_is_reported_fast_without_importing_litellm(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    path = _project(fake_llm, tmp_path, key=None)
    env = cli_env()
    env.pop(KEY_VAR, None)
    # A litellm that cannot be imported proves the key check runs first.
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "litellm.py").write_text("raise ImportError('litellm was imported')\n")
    env["PYTHONPATH"] = os.pathsep.join([str(blocker), env["PYTHONPATH"]])
    result = run_cli("test", "--role", "chat", "--config", str(path), env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == (
        f"error: env_key: environment variable(s) not set: {KEY_VAR} — export them, "
        "or put them in a .env file (see `llmhub env check`)\n"
    )
    assert fake_llm.requests == []


def test_doctor_and_env_check_find_keys_in_dotenv_and_fail_without_them(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    _project(fake_llm, tmp_path)
    env = cli_env()
    env.pop(KEY_VAR, None)
    doctor = run_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env)
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert checks["keys"]["status"] == "pass", checks["keys"]
    check = run_cli("env", "check", "--json", cwd=tmp_path, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["variables"][0]["found_in"] == ".env file"
    assert SENTINEL not in doctor.stdout + check.stdout + doctor.stderr + check.stderr

    (tmp_path / ".env").write_text("# nothing here yet\n")
    doctor = run_cli("doctor", "--no-network", cwd=tmp_path, env=env)
    assert doctor.returncode == 1, doctor.stdout
    report = json.loads(run_cli("doctor", "--no-network", "--json", cwd=tmp_path, env=env).stdout)
    keys = {c["name"]: c for c in report["checks"]}["keys"]
    assert keys["status"] == "fail"
    assert f"not set: {KEY_VAR} (openai)" in keys["detail"]


def test_the_client_reads_dotenv_and_never_replaces_a_set_variable(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from llmhub.runtime import LLMHub

    path = _project(fake_llm, tmp_path)
    # setenv first, so monkeypatch restores the variable's original state after the .env load.
    monkeypatch.setenv(KEY_VAR, "placeholder")
    monkeypatch.delenv(KEY_VAR)
    hub = LLMHub(config_path=path, strict_env=True)
    assert os.environ[KEY_VAR] == SENTINEL
    assert SENTINEL not in repr(hub)
    monkeypatch.setenv(KEY_VAR, OTHER)
    LLMHub(config_path=path)
    assert os.environ[KEY_VAR] == OTHER


def test_dotenv_syntax_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / ".env"
    bad.write_text("GOOD=1\n'unterminated\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_env_values(bad)
    assert (caught.value.problems[0].path, caught.value.problems[0].line) == (str(bad), 2)
    assert find_env_file(tmp_path / "llmhub.yaml") == bad
    assert find_env_file(tmp_path / "elsewhere" / "llmhub.yaml") is None
    assert load_env_file(tmp_path / "nowhere" / "x.yaml").path is None


def test_python_dotenv_is_not_imported_by_the_runtime_package() -> None:
    import subprocess

    code = "import llmhub.runtime, sys; print('dotenv' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("raw", "line", "says"),
    [
        # the OS refuses a NUL in a variable: `llmhub test` died with "embedded null byte"
        (b"A_KEY=1\nANTHROPIC_API_KEY=a\x00b\n", 2, "NUL character"),
        (b"A_KEY=1\nB_KEY=\xff\xfe\n", 2, "not UTF-8 text"),
    ],
)
def test_an_env_file_line_the_os_cannot_take_is_named(
    tmp_path: Path, raw: bytes, line: int, says: str
) -> None:
    env = tmp_path / ".env"
    env.write_bytes(raw)
    with pytest.raises(InputError) as info:
        read_env_values(env)
    assert info.value.line == line and says in str(info.value)


def test_a_byte_order_mark_does_not_hide_the_first_key(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_bytes(b"\xef\xbb\xbfFIRST_KEY=one\nSECOND_KEY=two\n")
    assert read_env_values(env) == {"FIRST_KEY": "one", "SECOND_KEY": "two"}


@pytest.mark.parametrize(
    ("raw", "line", "says"),
    [
        # set as a variable no env_key can name: the key was silently unused
        ("A_KEY=1\n1BAD=s3cr3t-value-1\n", 2, "does not start with an environment variable name"),
        ("A_KEY=1\n\n# note\nexport OPENAI-KEY=s3cr3t-value-1\n", 4, "variable name"),
        ("OPENAI API_KEY=s3cr3t-value-1\n", 1, "expected KEY=value"),
        # a key pasted alone on a line, without a name
        ("A_KEY=1\nsk-proj-s3cr3tvalue1abcdefghijkl\n", 2, "variable name"),
        ("AKIAS3CR3TVALUE1ABCD=x\n", 1, "looks like an API key"),
    ],
)
def test_a_dotenv_name_no_variable_can_have_is_named_by_its_line(
    tmp_path: Path, raw: str, line: int, says: str
) -> None:
    env = tmp_path / ".env"
    env.write_text(raw, encoding="utf-8")
    before = env.read_bytes()
    with pytest.raises(InputError) as info:
        read_env_values(env)
    message = str(info.value)
    assert info.value.line == line and says in message and "\n" not in message, message
    assert message.startswith(f"{env}:{line}: "), message
    assert "S3CR3T" not in message.upper()  # neither the name nor the value is shown
    assert env.read_bytes() == before


def test_env_check_and_the_client_stop_at_a_dotenv_name_no_variable_can_have(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    from llmhub.runtime import LLMHub

    path = _project(fake_llm, tmp_path, key=None)
    (tmp_path / ".env").write_text(f"{KEY_VAR}=x\n1BAD={SENTINEL}\n", encoding="utf-8")
    result = run_cli("env", "check", "--env-file", str(tmp_path / ".env"), cwd=tmp_path)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(lines) == 1 and lines[0].startswith(f"error: {tmp_path / '.env'}:2: "), lines
    assert SENTINEL not in result.stdout + result.stderr and "Traceback" not in result.stderr
    with pytest.raises(InputError, match=r"\.env:2: "):
        LLMHub(config_path=path)
