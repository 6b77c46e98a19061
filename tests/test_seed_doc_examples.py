"""Every Python example of the original design's API document runs against llmhub.

The document is ``tests/assets/seed_api/programmatic-api.md``, a verbatim copy of the contract
for the ``llmhub_cli`` and ``llmhub_runtime`` names. Its ```` ```python ```` blocks run in order
in one namespace, as a reader pasting them into one session would, inside a project folder
(``tests/assets/seed_api/llmhub.spec.yaml``) whose provider points at the loopback LLM server,
with a real catalog built from the bundled snapshots and live catalog sources served on loopback.
The document imports names in one block and uses them in another, so the session starts with
every import statement the document contains.

A block that cannot run as written is listed in ``REPLACED`` with the reason, and an equivalent
runs in its place. Blocks that only define functions are followed by the calls a user would make
next (``CALLS``). Each block's effect is then checked (``CHECKS``): what it printed, the files it
wrote, the requests the loopback server received.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.fake_llm import FakeLLM
from tests.helpers import ASSETS
from tests.runtime_setup import LITELLM_WARNINGS, SENTINEL
from tests.runtime_setup import teardown_module as teardown_module
from tests.source_server import SourceServer

pytestmark = [
    *LITELLM_WARNINGS,
    # Block 18 calls ``spec.copy()`` as the document wrote it; pydantic 2 still does it and warns
    # that ``model_copy`` is the new name. The example works; the warning is pydantic's.
    pytest.mark.filterwarnings(
        "ignore:The `copy` method is deprecated:pydantic.warnings.PydanticDeprecatedSince20"
    ),
]

DOC = ASSETS / "seed_api" / "programmatic-api.md"
SPEC = ASSETS / "seed_api" / "llmhub.spec.yaml"


@dataclass(frozen=True)
class Block:
    number: int
    heading: str
    code: str


def doc_blocks() -> list[Block]:
    """The document's Python blocks, numbered from 1, with the heading each sits under."""
    text = DOC.read_text(encoding="utf-8")
    heading, blocks = "", []
    for match in re.finditer(r"^(#{2,4} [^\n]*)$|^```python\n(.*?)^```", text, re.M | re.S):
        if match.group(1):
            heading = match.group(1).lstrip("#").strip()
        else:
            blocks.append(Block(len(blocks) + 1, heading, match.group(2)))
    return blocks


def doc_imports(blocks: list[Block]) -> str:
    """Every top-level import statement of the document, once each, in document order."""
    seen: dict[str, None] = {}
    for block in blocks:
        lines = block.code.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            if re.match(r"(from \S+ )?import ", line):
                statement = [line]
                while statement[-1].rstrip().endswith("(") or (
                    "(" in statement[0] and ")" not in statement[-1]
                ):
                    i += 1
                    statement.append(lines[i])
                seen["\n".join(statement)] = None
            i += 1
    return "\n".join(seen)


# Blocks that cannot run as written: number -> (why, the equivalent that runs instead).
REPLACED: dict[int, tuple[str, str]] = {
    8: (
        "a type listing, not an example: it redeclares GenerationResult with annotations that "
        "name RuntimeConfig, which the document never imports (NameError when the class body "
        "runs); the equivalent checks that a real result has those attributes",
        """
result = generate_runtime_from_spec(load_spec("llmhub.spec.yaml"))
from llmhub_runtime import RuntimeConfig
assert isinstance(result.runtime, RuntimeConfig)
assert set(result.explanations) == set(result.runtime.roles)
assert all(str(why) for why in result.explanations.values())
""",
    ),
    24: (
        "the example itself is broken: `datetime` is used without being imported, and "
        "`runtime.update(...)` is no method of a pydantic model (nor of the original's "
        "RuntimeConfig); the equivalent imports datetime and rebuilds the config with "
        "RuntimeConfig.model_validate",
        """
from llmhub_cli import load_runtime, save_runtime
from llmhub_runtime import RuntimeConfig
from datetime import datetime
import json

def backup_runtime(runtime_path: str, backup_path: str):
    runtime = load_runtime(runtime_path)
    backup_data = {
        "original_path": runtime_path,
        "backup_timestamp": datetime.now().isoformat(),
        "runtime_config": runtime.model_dump(),
    }
    with open(backup_path, "w") as f:
        json.dump(backup_data, f, indent=2)

def restore_runtime(backup_path: str, target_path: str):
    with open(backup_path) as f:
        backup_data = json.load(f)
    runtime = RuntimeConfig.model_validate(backup_data["runtime_config"])
    save_runtime(target_path, runtime)

backup_runtime("llmhub.yaml", "llmhub.backup.json")
restore_runtime("llmhub.backup.json", "llmhub.restored.yaml")
""",
    ),
}

# Blocks skipped outright: number -> why. None: every block runs or has an equivalent.
SKIPPED: dict[int, str] = {}

# What a user calls next, after a block that only defines functions (or sets up hooks).
CALLS: dict[int, str] = {
    13: 'hub.completion(role="llm.inference", messages=[{"role": "user", "content": "hi"}])',
    17: 'low_cost = [m for m in catalog.models if meets_requirements(m, {"cost": "low"})]\n'
    'high_quality = [m for m in catalog.models if meets_requirements(m, {"quality": "high"})]',
    18: 'generate_multi_provider_configs("llmhub.spec.yaml", ["openai"])',
    19: 'comparison = compare_models(["gpt-4o-mini", "text-embedding-3-small", "no-such-model"])',
    20: 'safe_result = safe_generate_runtime("llmhub.spec.yaml")',
    # The document leaves `meets_criteria` to the reader, as `find_best_model`'s filter.
    21: "def meets_criteria(model, requirements):\n"
    "    return model.mode == requirements.get('mode', 'chat')\n"
    "best = find_best_model({'mode': 'chat'})",
    22: "env_runtime = get_runtime_for_environment()",
}


@dataclass
class DocSession:
    """The reader's session: one namespace, the project folder, the two loopback servers."""

    blocks: list[Block]
    folder: Path
    fake: FakeLLM
    sources: SourceServer
    first_build: str
    ns: dict[str, Any] = field(default_factory=dict)
    out: dict[int, str] = field(default_factory=dict)
    done: int = 0

    def run_through(self, number: int) -> str:
        """Run every block up to ``number`` not yet run; return what ``number`` printed."""
        if not self.ns:
            exec(compile(doc_imports(self.blocks), "<document imports>", "exec"), self.ns)
        while self.done < number:
            block = self.blocks[self.done]
            self.done += 1
            if block.number in SKIPPED:
                continue
            code = REPLACED[block.number][1] if block.number in REPLACED else block.code
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                exec(compile(code, f"<block {block.number}: {block.heading}>", "exec"), self.ns)
                if block.number in CALLS:
                    exec(compile(CALLS[block.number], f"<calls {block.number}>", "exec"), self.ns)
            self.out[block.number] = buffer.getvalue()
        return self.out.get(number, "")


@pytest.fixture(scope="module")
def session(catalog_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DocSession]:
    folder = tmp_path_factory.mktemp("seed-project")
    catalog = folder / "catalog" / "catalog.duckdb"
    catalog.parent.mkdir()
    shutil.copyfile(catalog_db, catalog)
    catalog.chmod(0o644)
    from llmhub.catalog.api import catalog_version, open_catalog

    con = open_catalog(catalog)
    first_build = catalog_version(con)[0]
    con.close()
    with FakeLLM() as fake, SourceServer() as sources, pytest.MonkeyPatch.context() as mp:
        (folder / "llmhub.spec.yaml").write_text(
            SPEC.read_text(encoding="utf-8").replace("API_BASE", fake.url), encoding="utf-8"
        )
        for name in ("LLMHUB_CONFIG", "LLMHUB_SPEC", "ENVIRONMENT", "LLMHUB_INTERPRETER_MODEL"):
            mp.delenv(name, raising=False)
        mp.setenv("LLMHUB_CATALOG", str(catalog))
        mp.setenv("OPENAI_API_KEY", SENTINEL)
        for name, value in sources.env().items():
            mp.setenv(name, value)
        mp.chdir(folder)
        yield DocSession(doc_blocks(), folder, fake, sources, first_build)


def _chat_bodies(s: DocSession) -> list[dict[str, Any]]:
    return [r.body for r in s.fake.requests if r.path.endswith("/chat/completions")]


def _check_build(s: DocSession, out: str) -> None:
    from llmhub_cli.catalog import Catalog

    catalog = s.ns["catalog"]
    assert isinstance(catalog, Catalog) and len(catalog.models) > 1000
    # force_refresh rebuilt the catalog from the (loopback) live sources: a new build.
    assert catalog.catalog_version != s.first_build
    assert s.sources.hits["/models.dev/api.json"] >= 1
    assert all(isinstance(m.quality_tier, int) for m in catalog.models)


def _check_filters(s: DocSession, out: str) -> None:
    openai, reasoning, vision = (
        s.ns[n] for n in ("openai_catalog", "reasoning_catalog", "vision_models")
    )
    assert openai.models and {m.provider for m in openai.models} == {"openai"}
    assert reasoning.models and all("reasoning" in m.tags for m in reasoning.models)
    assert vision.models and all(
        m.provider == "openai" and "vision" in m.tags for m in vision.models
    )
    assert len(vision.models) < len(openai.models)


def _check_exploration(s: DocSession, out: str) -> None:
    cheap = s.ns["cheap_quality"]
    assert cheap and all(m.cost_tier <= 2 and m.quality_tier <= 3 for m in cheap)
    keys = [(m.quality_tier, m.cost_tier) for m in s.ns["sorted_models"]]
    assert keys == sorted(keys)
    assert sum(map(len, s.ns["provider_stats"].values())) == len(s.ns["catalog"].models)


def _check_spec_loading(s: DocSession, out: str) -> None:
    assert out == "Spec is valid\n"
    assert s.ns["spec"].project == "seed-examples"


def _check_spec_creation(s: DocSession, out: str) -> None:
    from llmhub_cli.spec_models import PreferenceLevel, SpecConfig

    spec = s.ns["spec"]
    assert isinstance(spec, SpecConfig)
    assert spec.roles["llm.chat"].preferences.cost is PreferenceLevel.low
    assert s.ns["validate_spec"](spec).valid


def _check_generation(s: DocSession, out: str) -> None:
    from llmhub_cli import load_runtime

    runtime = load_runtime("llmhub.yaml")
    assert set(runtime.roles) == {"llm.inference", "llm.custom", "llm.embedding"}
    assert runtime.roles["llm.inference"].model == "gpt-4o-mini"
    assert runtime.providers["openai"].api_base == s.fake.url


def _check_options(s: DocSession, out: str) -> None:
    from llmhub_cli import load_runtime

    assert s.ns["options"].no_llm
    for env in ("dev", "staging", "prod"):
        assert load_runtime(f"llmhub.{env}.yaml").env == env


def _check_modified(s: DocSession, out: str) -> None:
    from llmhub_cli import load_runtime

    assert load_runtime("llmhub.modified.yaml").roles["llm.custom"].model == "gpt-4o"
    assert load_runtime("llmhub.yaml").roles["llm.custom"].model != "gpt-4o"


def _check_env_configs(s: DocSession, out: str) -> None:
    assert s.ns["runtime"] is s.ns["configs"]["development"]
    assert s.ns["configs"]["production"].env == "prod"


def _check_completion(s: DocSession, out: str) -> None:
    body = _chat_bodies(s)[-1]
    assert body["model"] == "gpt-4o-mini" and body["temperature"] == 0.7
    assert body["messages"][-1]["content"] == "Explain quantum computing"
    assert "echo: Explain quantum computing" in out
    assert s.fake.requests[-1].api_key == SENTINEL


def _check_embedding(s: DocSession, out: str) -> None:
    request = s.fake.requests[-1]
    assert request.path.endswith("/embeddings")
    assert request.body["input"] == ["Hello world", "Goodbye world"]
    assert not {"temperature", "max_tokens"} & set(request.body)
    assert len(s.ns["embeddings"].data) == 2


def _check_hooks(s: DocSession, out: str) -> None:
    assert out.splitlines() == [
        "Calling openai:gpt-4o-mini for role llm.inference",
        "Call succeeded",
    ]


def _check_advanced(s: DocSession, out: str) -> None:
    body = _chat_bodies(s)[-1]
    assert (body["temperature"], body["max_tokens"], body["seed"]) == (1.0, 100, 42)


def _check_errors(s: DocSession, out: str) -> None:
    lines = out.splitlines()
    assert len(lines) == 2, out  # the catalog builds, and strict_env finds OPENAI_API_KEY set
    assert (
        lines[0].startswith("Spec loading failed: invalid-spec.yaml:") and "not found" in lines[0]
    )
    assert lines[1].startswith("Runtime loading failed: missing-config.yaml:")
    assert "not found" in lines[1]


def _check_validation(s: DocSession, out: str) -> None:
    assert s.ns["validation_result"].valid and out == ""


def _check_selection_tool(s: DocSession, out: str) -> None:
    low, high = s.ns["low_cost"], s.ns["high_quality"]
    assert low and all(m.cost_tier <= 2 for m in low)
    assert high and all(m.quality_tier <= 2 and m.quality_tier_known for m in high)


def _check_multi_provider(s: DocSession, out: str) -> None:
    from llmhub_cli import load_runtime

    assert set(load_runtime("llmhub.openai.yaml").roles) == {
        "llm.inference",
        "llm.custom",
        "llm.embedding",
    }


def _check_comparison(s: DocSession, out: str) -> None:
    comparison = s.ns["comparison"]
    assert set(comparison) == {"gpt-4o-mini", "text-embedding-3-small"}
    row = comparison["gpt-4o-mini"]
    assert all(1 <= row[t] <= 5 for t in ("cost_tier", "quality_tier", "reasoning_tier"))
    assert isinstance(row["capabilities"], list) and row["price_input"] > 0


def _check_safe_generate(s: DocSession, out: str) -> None:
    assert set(s.ns["safe_result"].runtime.roles) == {
        "llm.inference",
        "llm.custom",
        "llm.embedding",
    }


def _check_best_model(s: DocSession, out: str) -> None:
    best = s.ns["best"]
    chat = [m for m in s.ns["get_cached_catalog"]().models if m.mode == "chat"]
    assert best.mode == "chat"
    assert (best.quality_tier, best.cost_tier) == min((m.quality_tier, m.cost_tier) for m in chat)


def _check_env_runtime(s: DocSession, out: str) -> None:
    assert s.ns["env_runtime"].env == "dev"


def _check_managed(s: DocSession, out: str) -> None:
    assert _chat_bodies(s)[-1]["messages"] == [{"role": "user", "content": "Hello"}]
    assert s.ns["response"].choices[0].message.content == "echo: Hello"


def _check_restore(s: DocSession, out: str) -> None:
    from llmhub_cli import load_runtime

    assert load_runtime("llmhub.restored.yaml") == load_runtime("llmhub.yaml")


def _check_result_shape(s: DocSession, out: str) -> None:
    assert s.ns["result"].runtime.roles


CHECKS: dict[int, Callable[[DocSession, str], None]] = {
    1: _check_build,
    2: _check_filters,
    3: _check_exploration,
    4: _check_spec_loading,
    5: _check_spec_creation,
    6: _check_generation,
    7: _check_options,
    8: _check_result_shape,
    9: _check_modified,
    10: _check_env_configs,
    11: _check_completion,
    12: _check_embedding,
    13: _check_hooks,
    14: _check_advanced,
    15: _check_errors,
    16: _check_validation,
    17: _check_selection_tool,
    18: _check_multi_provider,
    19: _check_comparison,
    20: _check_safe_generate,
    21: _check_best_model,
    22: _check_env_runtime,
    23: _check_managed,
    24: _check_restore,
}

BLOCKS = doc_blocks()


def test_the_document_has_the_blocks_this_test_accounts_for() -> None:
    assert [b.number for b in BLOCKS] == list(range(1, 25))
    assert set(CHECKS) == {b.number for b in BLOCKS} - set(SKIPPED)
    assert not set(REPLACED) & set(SKIPPED)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{b.number:02d}" for b in BLOCKS])
def test_document_block_runs(block: Block, session: DocSession) -> None:
    if block.number in SKIPPED:
        pytest.skip(SKIPPED[block.number])
    out = session.run_through(block.number)
    CHECKS[block.number](session, out)
