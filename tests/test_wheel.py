"""The wheel works outside the repo: built, installed into a fresh venv, run from an empty folder.

The venv sees this environment's dependencies through a path file (so the test needs no network),
but llmhub itself comes only from the wheel: the test checks where it was imported from.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO, cli_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = out.glob("llmhub-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "_deps_from_test_env.pth").write_text("\n".join(sorted(deps)) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(py),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return env_dir


def test_wheel_ships_sql_data_and_pipeline_inside_llmhub(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "llmhub/data/snapshots/modelsdev-api.json" in names
    assert "llmhub/data/snapshots/README.md" in names
    assert any(n.startswith("llmhub/pipeline/") for n in names) or not any(
        (REPO / "pipeline").glob("*.py")
    )
    assert not any(n.startswith(("pipeline/", "sql/", "data/")) for n in names)
    assert not any(n.endswith(".duckdb") for n in names)
    assert "llmhub_cli/__init__.py" in names and "llmhub_runtime/__init__.py" in names
    # Type checkers read an installed package only when it carries the PEP 561 marker.
    assert {"llmhub/py.typed", "llmhub_cli/py.typed", "llmhub_runtime/py.typed"} <= set(names)


def _run(installed: Path, *args: str, cwd: Path):
    env = cli_env()
    env.pop("PYTHONPATH", None)
    env["HOME"] = str(cwd)
    env["XDG_DATA_HOME"] = str(cwd / "xdg")
    return subprocess.run(
        [str(installed / "bin" / "llmhub"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_installed_cli_runs_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    version = _run(installed, "--version", cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("llmhub ")

    doctor = _run(installed, "doctor", "--no-network", "--json", cwd=tmp_path)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert '"snapshots"' in doctor.stdout
    # Outside a checkout the catalog lives in the per-user data folder.
    assert str(tmp_path / "xdg" / "llmhub" / "catalog.duckdb") in doctor.stdout

    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import llmhub; print(llmhub.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert where.stdout.strip().startswith(str(installed)), where.stdout + where.stderr


def test_installed_cli_generates_from_a_temp_dir(installed: Path, tmp_path: Path) -> None:
    # A catalog from the bundled snapshots, built with the installed package's own SQL.
    build = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import duckdb, sys; from llmhub.pipeline import fetch_all, load_payloads; "
            "con = duckdb.connect(sys.argv[1]); load_payloads(con, fetch_all('snapshot')); "
            "con.close()",
            str(tmp_path / "catalog.duckdb"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    assert _run(installed, "init", cwd=tmp_path).returncode == 0
    generate = _run(
        installed, "generate", "--db", "catalog.duckdb", "--no-llm", "--explain", cwd=tmp_path
    )
    assert generate.returncode == 0, generate.stdout + generate.stderr
    assert "wrote llmhub.yaml (3 roles)" in generate.stdout
    assert "filters (candidates left)" in generate.stdout
    check = _run(installed, "generate", "--db", "catalog.duckdb", "--check", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    show = _run(installed, "runtime", "show", "--json", cwd=tmp_path)
    assert show.returncode == 0 and '"llm.embedding"' in show.stdout
