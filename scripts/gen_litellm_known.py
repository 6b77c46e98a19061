"""Write ``llmhub/litellm_known.py`` and ``llmhub/litellm_refused.py``: litellm's facts as data.

    python scripts/gen_litellm_known.py           # rewrite both modules
    python scripts/gen_litellm_known.py --check   # exit 1 and show the drift (CI, tests)

The runtime must not import litellm to load a file, and ``generate`` must not import it at all
(it takes seconds). So the facts llmhub checks against are read from litellm here, once, and
kept as Python literals: the provider prefixes it routes, the call parameters it knows per call
mode, and the parameters it refuses for a given chat or embedding model. Run this after upgrading
litellm; ``tests/test_litellm_known.py`` fails until you do.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import inspect
import json
import logging
import os
import subprocess
import sys
import typing
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "llmhub"

# Options litellm takes on every call, whatever the mode (retries, passthrough, dropping).
COMMON_OPTIONS = (
    "additional_drop_params",
    "allowed_openai_params",
    "api_version",
    "drop_params",
    "extra_body",
    "extra_headers",
    "max_retries",
    "metadata",
    "num_retries",
    "timeout",
)
# Arguments llmhub fills in itself, or that are no call parameter at all.
NOT_PARAMS = frozenset(
    {
        "api_key",
        "aspeech",
        "client",
        "custom_llm_provider",
        "file",
        "input",
        "kwargs",
        "litellm_call_id",
        "logger_fn",
        "messages",
        "model",
        "model_list",
        "prompt",
        "self",
        "shared_session",
    }
)
# Values the probes pass, one parameter at a time, to ask litellm whether a model takes it.
PROBES: dict[str, dict[str, typing.Any]] = {
    "chat": {
        "frequency_penalty": 0.1,
        "logprobs": True,
        "max_completion_tokens": 16,
        "max_tokens": 16,
        "n": 1,
        "presence_penalty": 0.1,
        "reasoning_effort": "low",
        "response_format": {"type": "json_object"},
        "seed": 1,
        "stop": ["###"],
        "temperature": 0.5,
        "top_k": 5,
        "top_p": 0.5,
    },
    "embedding": {"dimensions": 8, "encoding_format": "float", "user": "llmhub"},
}


def _signature(function: typing.Any) -> set[str]:
    return set(inspect.signature(function).parameters)


@functools.cache
def known_facts() -> dict[str, typing.Any]:
    """Read the facts from the installed litellm (slow: imports it and probes every model)."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    quiet = logging.getLogger("LiteLLM")
    level = quiet.level
    with warnings.catch_warnings():
        # litellm's import and probes warn about things that do not matter here.
        warnings.simplefilter("ignore")
        quiet.setLevel(logging.ERROR)
        try:
            return _read_litellm()
        finally:
            quiet.setLevel(level)


def _read_litellm() -> dict[str, typing.Any]:
    import litellm
    from litellm import constants

    litellm.suppress_debug_info = True
    providers = sorted(str(getattr(p, "value", p)) for p in litellm.provider_list)
    chat = _signature(litellm.completion) | set(constants.OPENAI_CHAT_COMPLETION_PARAMS)
    for provider in providers:
        # Each provider's own extras (top_k, thinking, safety_settings...) are known names too.
        try:
            chat |= set(
                litellm.get_supported_openai_params(model="", custom_llm_provider=provider) or ()
            )
        except Exception:  # a provider that needs a real model name: no extras
            continue
    embedding = _signature(litellm.embedding) | set(constants.OPENAI_EMBEDDING_PARAMS)
    image = _signature(litellm.image_generation) | set(
        typing.get_args(litellm.OpenAIImageGenerationOptionalParams)
    )
    audio = (
        _signature(litellm.transcription)
        | _signature(litellm.speech)
        | set(constants.OPENAI_TRANSCRIPTION_PARAMS)
    )
    params = {
        mode: sorted((names | set(COMMON_OPTIONS)) - NOT_PARAMS)
        for mode, names in (
            ("chat", chat),
            ("embedding", embedding),
            ("image", image),
            ("audio", audio),
        )
    }
    return {
        "PROVIDERS": providers,
        "CALL_PARAMS": params,
        "REFUSED": {mode: _refused(litellm, mode, set(providers)) for mode in PROBES},
    }


def _refused(litellm: typing.Any, mode: str, providers: set[str]) -> dict[str, str]:
    # Asks litellm's own parameter mapping, model by model, which parameters it refuses (it
    # raises UnsupportedParamsError unless drop_params): the rules live in its code, not its
    # data. A probe that fails otherwise says nothing, and llmhub keeps the parameter.
    from litellm.exceptions import UnsupportedParamsError
    from litellm.utils import get_optional_params, get_optional_params_embeddings

    mapping = get_optional_params if mode == "chat" else get_optional_params_embeddings
    refused: dict[str, str] = {}
    for key, info in litellm.model_cost.items():
        provider = info.get("litellm_provider")
        if info.get("mode") != mode or provider not in providers:
            continue
        model = key.removeprefix(f"{provider}/")
        bad = []
        for name, value in PROBES[mode].items():
            try:
                mapping(model=model, custom_llm_provider=provider, **{name: value})
            except UnsupportedParamsError:
                bad.append(name)
            except Exception:  # litellm cannot say
                continue
        if bad:
            refused[f"{provider}/{model}"] = " ".join(bad)
    return dict(sorted(refused.items()))


def _q(text: str) -> str:
    return json.dumps(text)


def _ruff_format(lines: list[str], name: str) -> str:
    # Through ruff format, so the file passes `ruff format --check` and --check compares text.
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", f"llmhub/{name}", "-"],
        input="\n".join(lines),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return formatted.stdout


def render(facts: dict[str, typing.Any]) -> dict[str, str]:
    """The text of each generated module (by file name, under ``llmhub/``) for ``facts``."""
    known = [
        '"""What litellm knows, as data: generated by ``scripts/gen_litellm_known.py``; do not edit.',
        "",
        "``PROVIDERS``: the provider prefixes litellm routes (``litellm.provider_list``).",
        "``CALL_PARAMS``: the call parameters litellm knows, by call mode (its call signatures,",
        "its OpenAI parameter lists, and every provider's supported extras for chat).",
        "Plain literals, so reading them costs nothing and never imports litellm; the runtime",
        "imports this module, so it holds only what loading a runtime file needs to be small.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "PROVIDERS = frozenset(",
        "    [",
        *[f"        {_q(p)}," for p in facts["PROVIDERS"]],
        "    ]",
        ")",
        "",
        "CALL_PARAMS = {",
    ]
    for mode, names in facts["CALL_PARAMS"].items():
        known += [
            f"    {_q(mode)}: frozenset(",
            "        [",
            *[f"            {_q(n)}," for n in names],
        ]
        known += ["        ]", "    ),"]
    known += ["}", ""]
    refused = [
        '"""Parameters litellm refuses per model: generated by ``scripts/gen_litellm_known.py``.',
        "",
        "One line per model: ``mode provider/model param param ...``, the parameters litellm's",
        "own mapping raises ``UnsupportedParamsError`` for on that model (probed one at a time),",
        "so a call with them fails before it reaches the provider. One string, not a dict: it",
        "compiles in a millisecond and ``llmhub.generator.params`` looks a model up with ``find``.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        'REFUSED = """',
    ]
    for mode, models in facts["REFUSED"].items():
        for model, names in models.items():
            if any(c.isspace() or c in '\\"' for c in model):
                raise ValueError(f"a model name the line format cannot hold: {model!r}")
            refused.append(f"{mode} {model} {names}")
    refused += ['"""', ""]
    return {
        "litellm_known.py": _ruff_format(known, "litellm_known.py"),
        "litellm_refused.py": _ruff_format(refused, "litellm_refused.py"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument(
        "--dir", type=Path, default=PACKAGE, help="the folder of the modules to write or check"
    )
    args = parser.parse_args(argv)
    drifted = 0
    for name, text in render(known_facts()).items():
        path = args.dir / name
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current == text:
            continue
        if not args.check:
            path.write_text(text, encoding="utf-8")
            continue
        drifted += 1
        diff = difflib.unified_diff(
            current.splitlines(), text.splitlines(), str(path), "installed litellm", lineterm=""
        )
        print("\n".join(list(diff)[:60]))
        print(f"{path}: drifted from the installed litellm; run scripts/gen_litellm_known.py")
    return 1 if drifted else 0


if __name__ == "__main__":
    sys.exit(main())
