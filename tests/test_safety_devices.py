"""llmhub reads only regular files: a device, FIFO or pipe named as an input, or as an output
whose previous version a command reads, is refused by ``stat`` before anything opens it.

Each case runs the real CLI in a subprocess with a timeout (a FIFO that is opened blocks
forever) and, for /dev/zero, an address-space limit of 2 GB: a regression fails with a
MemoryError within seconds instead of eating the machine's memory.
"""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ASSETS, cli_env

SPEC = ASSETS / "bad_inputs" / "good.spec.yaml"
RUNTIME = ASSETS / "gateway" / "llmhub.yaml"
_LIMIT = 2 * 1024**3
# A cold start imports litellm (export) or builds nothing but reads a catalog; this machine may
# be busy. A hang is still a failure, just not an endless one.
_TIMEOUT = 300


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_LIMIT, _LIMIT))


def _start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "llmhub", *args],
        cwd=cwd,
        env=cli_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,  # so /dev/stdout is a pipe, as in `llmhub ... | less`
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limited,
    )


def _run_all(cases: dict[str, tuple[str, ...]], cwd: Path) -> dict[str, tuple[int, str]]:
    """Run the cases side by side (each is a cold start); ``{name: (exit code, stderr)}``."""
    procs = {name: _start(*args, cwd=cwd) for name, args in cases.items()}
    done = {}
    try:
        for name, proc in procs.items():
            try:
                _, err = proc.communicate(timeout=_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                pytest.fail(f"{name}: still running after {_TIMEOUT} s (blocked on a read?)")
            done[name] = (proc.returncode, err)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return done


def _refused(result: tuple[int, str], *words: str) -> str:
    code, err = result
    lines = err.strip().splitlines()
    assert code == 2, err
    assert "Traceback" not in err and "MemoryError" not in err, err
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copyfile(SPEC, tmp_path / "llmhub.spec.yaml")
    shutil.copyfile(RUNTIME, tmp_path / "llmhub.yaml")
    os.mkfifo(tmp_path / "fifo")
    return tmp_path


def test_env_sync_never_reads_a_device_or_a_fifo(project: Path) -> None:
    results = _run_all(
        {
            "zero": ("env", "sync", "--spec", "llmhub.spec.yaml", "--out", "/dev/zero"),
            "fifo": ("env", "sync", "--spec", "llmhub.spec.yaml", "--out", "fifo"),
            "stdout": ("env", "sync", "--spec", "llmhub.spec.yaml", "--out", "/dev/stdout"),
        },
        project,
    )
    _refused(results["zero"], "/dev/zero", "device node")
    _refused(results["fifo"], "FIFO")
    line = _refused(results["stdout"], "/dev/stdout", "pipe", "regular file")
    assert "/proc/" not in line and ".tmp" not in line, line
    assert stat.S_ISFIFO((project / "fifo").lstat().st_mode)


def test_export_never_reads_a_device_or_a_fifo(project: Path) -> None:
    proxy = ("export", "litellm-proxy", "--config", "llmhub.yaml")
    gateway = ("--gateway-url", "http://127.0.0.1:4000")
    results = _run_all(
        {
            "zero": (*proxy, "--out", "/dev/zero"),
            "zero-force": (*proxy, "--out", "/dev/zero", "--force"),
            "fifo": (*proxy, "--out", "fifo"),
            "runtime-zero": (*proxy, "--out", "p.yaml", "--runtime-out", "/dev/zero", *gateway),
        },
        project,
    )
    _refused(results["zero"], "/dev/zero", "out", "device node")
    _refused(results["zero-force"], "/dev/zero", "device node")
    _refused(results["fifo"], "fifo", "FIFO")
    _refused(results["runtime-zero"], "/dev/zero", "runtime-out", "device node")
    assert not (project / "p.yaml").exists(), "nothing is written unless every file may be"


def test_generate_check_and_runtime_diff_never_read_a_device(
    project: Path, catalog_db: Path
) -> None:
    db = ("--db", str(catalog_db), "--no-llm")
    results = _run_all(
        {
            "check": ("generate", "--check", "--out", "/dev/zero", *db),
            "diff": ("runtime", "diff", "--config", "/dev/zero", *db),
            "stdout": ("generate", "--out", "/dev/stdout", *db),
        },
        project,
    )
    _refused(results["check"], "/dev/zero", "device node")
    _refused(results["diff"], "/dev/zero", "config", "device node")
    line = _refused(results["stdout"], "/dev/stdout", "pipe")
    assert "/proc/" not in line, line


def test_an_env_file_that_is_a_device_or_fifo_says_what_it_is(project: Path) -> None:
    check = ("env", "check", "--spec", "llmhub.spec.yaml", "--env-file")
    results = _run_all(
        {
            "zero": (*check, "/dev/zero"),
            "fifo": (*check, "fifo"),
            "spec-fifo": ("spec", "validate", "fifo"),
        },
        project,
    )
    assert "not found" not in _refused(results["zero"], "/dev/zero", "device node")
    assert "not found" not in _refused(results["fifo"], "FIFO")
    _refused(results["spec-fifo"], "fifo", "FIFO")


def test_plot_never_replaces_a_device_a_fifo_or_a_folder(project: Path) -> None:
    # `plot` said "file exists — pass --force" for each, and with --force drew the chart and
    # only then failed. Now each is refused before any work: the catalog named here does not
    # exist, so a refusal that came after the work would be about the catalog instead.
    (project / "zero.svg").symlink_to("/dev/zero")
    (project / "stdout.svg").symlink_to("/dev/stdout")
    os.mkfifo(project / "fifo.svg")
    (project / "folder.svg").mkdir()
    (project / "to-folder.svg").symlink_to("folder.svg")
    plot = ("plot", "--no-llm", "--db", "missing.duckdb", "-o")
    results = _run_all(
        {
            "zero": (*plot, "zero.svg"),
            "zero-force": (*plot, "zero.svg", "--force"),
            "stdout": (*plot, "stdout.svg", "--force"),
            "fifo": (*plot, "fifo.svg"),
            "fifo-force": (*plot, "fifo.svg", "--force"),
            "folder": (*plot, "folder.svg"),
            "folder-force": (*plot, "folder.svg", "--force"),
            "link-to-folder": (*plot, "to-folder.svg", "--force"),
        },
        project,
    )
    for case in ("zero", "zero-force"):
        _refused(results[case], "zero.svg", "device node", "not even with --force")
    _refused(results["stdout"], "stdout.svg", "pipe")
    for case in ("fifo", "fifo-force"):
        _refused(results[case], "fifo.svg", "FIFO", "not even with --force")
    for case in ("folder", "folder-force", "link-to-folder"):
        _refused(results[case], "folder.svg", "is a folder")
    assert stat.S_ISFIFO((project / "fifo.svg").lstat().st_mode)
    assert list((project / "folder.svg").iterdir()) == []
