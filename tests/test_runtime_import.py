"""The runtime costs nothing to import: litellm loads on the first call or on ``warmup()``."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import REPO, cli_env

PROBE = """
import json, os, sys
from llmhub.runtime import LLMHub
hub = LLMHub(config_path=sys.argv[1])
hub.resolve("llm.inference")
before = sorted(m for m in ("litellm", "duckdb", "polars", "pyarrow", "openai") if m in sys.modules)
env_before = os.environ.get("LITELLM_LOCAL_MODEL_COST_MAP")
hub.warmup()
print(json.dumps({"before": before, "env_before": env_before,
                  "after": "litellm" in sys.modules,
                  "env_after": os.environ.get("LITELLM_LOCAL_MODEL_COST_MAP")}))
"""


def _probe(**env: str) -> dict:
    environment = cli_env(**env)
    environment.pop("LITELLM_LOCAL_MODEL_COST_MAP", None)
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(REPO / "examples" / "sample.llmhub.yaml")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_building_a_hub_imports_no_heavy_library_and_warmup_loads_litellm_offline() -> None:
    seen = _probe()
    assert seen["before"] == []
    assert seen["env_before"] is None
    assert seen["after"] is True
    assert seen["env_after"] == "True"  # set before the import: no cost-map fetch
