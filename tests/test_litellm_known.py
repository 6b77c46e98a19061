"""``llmhub.litellm_known``/``litellm_refused`` (litellm's facts, as data) match the installed litellm.

The runtime and the generator read these lists without importing litellm; when litellm is
upgraded and its providers or parameters change, these tests fail until
``python scripts/gen_litellm_known.py`` is run.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from llmhub import litellm_known, litellm_refused
from tests.helpers import REPO

SCRIPT = REPO / "scripts" / "gen_litellm_known.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_litellm_known", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def facts(script: ModuleType) -> dict[str, Any]:
    return script.known_facts()


def test_provider_prefixes_are_litellms_provider_list() -> None:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    installed = {str(getattr(p, "value", p)) for p in litellm.provider_list}
    assert installed - litellm_known.PROVIDERS == set(), "run scripts/gen_litellm_known.py"
    assert litellm_known.PROVIDERS - installed == set(), "run scripts/gen_litellm_known.py"


def test_known_call_params_cover_litellms_own_openai_parameter_lists() -> None:
    from litellm import constants

    chat = set(constants.OPENAI_CHAT_COMPLETION_PARAMS) - {"api_key", "api_base", "base_url"}
    assert chat - litellm_known.CALL_PARAMS["chat"] == set()
    assert set(constants.OPENAI_EMBEDDING_PARAMS) <= litellm_known.CALL_PARAMS["embedding"]
    assert set(constants.OPENAI_TRANSCRIPTION_PARAMS) <= litellm_known.CALL_PARAMS["audio"]


def test_call_params_and_refusals_are_what_litellm_says_today(facts: dict[str, Any]) -> None:
    from llmhub.generator.params import litellm_refuses

    committed = {m: sorted(v) for m, v in litellm_known.CALL_PARAMS.items()}
    for mode, names in facts["CALL_PARAMS"].items():
        assert set(names) ^ set(committed[mode]) == set(), (mode, "run gen_litellm_known.py")
    for mode, models in facts["REFUSED"].items():
        assert models, mode
        for model, names in models.items():
            assert litellm_refuses(mode, model) == tuple(names.split()), (mode, model)
    lines = [line for line in litellm_refused.REFUSED.splitlines() if line]
    assert len(lines) == sum(len(m) for m in facts["REFUSED"].values())


def test_check_mode_passes_on_the_committed_modules_and_names_a_planted_drift(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = Path(litellm_known.__file__).parent
    assert script.main(["--check", "--dir", str(package)]) == 0, capsys.readouterr().out
    for name in ("litellm_known.py", "litellm_refused.py"):
        (tmp_path / name).write_text((package / name).read_text(encoding="utf-8"))
    planted = tmp_path / "litellm_known.py"
    text = planted.read_text(encoding="utf-8")
    drifted = text.replace('        "anthropic",\n', '        "anthropic-old",\n', 1)
    assert drifted != text
    planted.write_text(drifted, encoding="utf-8")
    assert script.main(["--check", "--dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert '-        "anthropic-old",' in out and '+        "anthropic",' in out, out
    assert "litellm_refused.py" not in out, out  # only the drifted module is named
    assert planted.read_text(encoding="utf-8") == drifted  # --check never writes
