"""Write ``llmhub/litellm_known.py``: what the installed litellm knows, as data llmhub reads fast.

    python scripts/gen_litellm_known.py           # rewrite llmhub/litellm_known.py
    python scripts/gen_litellm_known.py --check   # exit 1 and show the drift (CI, tests)

The runtime must not import litellm to load a file, and ``generate`` must not import it at all
(it takes seconds). So the facts llmhub checks against are read from litellm here, once, and
kept as Python literals: the provider prefixes it routes, the call parameters it knows per call
mode, and the embedding parameters it refuses for a given model. Run this after upgrading
litellm; ``tests/test_litellm_known.py`` fails until you do.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import inspect
import json
import os
import subprocess
import sys
import typing
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "llmhub" / "litellm_known.py"

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
# Values the embedding probe passes, one parameter at a time.
EMBEDDING_PROBES = {"dimensions": 8, "encoding_format": "float", "user": "llmhub"}


def _signature(function: typing.Any) -> set[str]:
    return set(inspect.signature(function).parameters)


@functools.cache
def known_facts() -> dict[str, typing.Any]:
    """Read the facts from the installed litellm (slow: imports it and probes every model)."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    with warnings.catch_warnings():
        # litellm's import and probes warn about things that do not matter here.
        warnings.simplefilter("ignore")
        return _read_litellm()


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
        "EMBEDDING_REFUSED": _embedding_refused(litellm, set(providers)),
    }


def _embedding_refused(litellm: typing.Any, providers: set[str]) -> dict[str, list[str]]:
    # Asks litellm's own parameter mapping, model by model, which embedding parameters it
    # refuses (it raises UnsupportedParamsError): the rules live in its code, not its data.
    from litellm.exceptions import UnsupportedParamsError
    from litellm.utils import get_optional_params_embeddings

    refused: dict[str, list[str]] = {}
    for key, info in litellm.model_cost.items():
        provider = info.get("litellm_provider")
        if info.get("mode") != "embedding" or provider not in providers:
            continue
        model = key.removeprefix(f"{provider}/")
        bad = []
        for name, value in EMBEDDING_PROBES.items():
            try:
                get_optional_params_embeddings(
                    model=model, custom_llm_provider=provider, **{name: value}
                )
            except UnsupportedParamsError:
                bad.append(name)
            except Exception:  # litellm cannot say: llmhub keeps the parameter
                continue
        if bad:
            refused[f"{provider}/{model}"] = bad
    return dict(sorted(refused.items()))


def _q(text: str) -> str:
    return json.dumps(text)


def render(facts: dict[str, typing.Any]) -> str:
    """The module text for ``facts``."""
    lines = [
        '"""What litellm knows, as data: generated by ``scripts/gen_litellm_known.py``; do not edit.',
        "",
        "``PROVIDERS``: the provider prefixes litellm routes (``litellm.provider_list``).",
        "``CALL_PARAMS``: the call parameters litellm knows, by call mode (its call signatures,",
        "its OpenAI parameter lists, and every provider's supported extras for chat).",
        "``EMBEDDING_REFUSED``: for ``provider/model``, the embedding parameters litellm refuses.",
        "Plain literals, so reading them costs nothing and never imports litellm.",
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
        lines += [
            f"    {_q(mode)}: frozenset(",
            "        [",
            *[f"            {_q(n)}," for n in names],
        ]
        lines += ["        ]", "    ),"]
    lines += ["}", "", "EMBEDDING_REFUSED = {"]
    for model, names in facts["EMBEDDING_REFUSED"].items():
        values = ", ".join(_q(n) for n in names) + ("," if len(names) == 1 else "")
        lines.append(f"    {_q(model)}: ({values}),")
    lines += ["}", ""]
    # Through ruff format, so the file passes `ruff format --check` and --check compares text.
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(TARGET), "-"],
        input="\n".join(lines),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return formatted.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--module", type=Path, default=TARGET, help="the module to write or check")
    args = parser.parse_args(argv)
    text = render(known_facts())
    current = args.module.read_text(encoding="utf-8") if args.module.is_file() else ""
    if args.check:
        if current == text:
            return 0
        diff = difflib.unified_diff(
            current.splitlines(),
            text.splitlines(),
            str(args.module),
            "installed litellm",
            lineterm="",
        )
        print("\n".join(list(diff)[:60]))
        print(
            f"{args.module}: drifted from the installed litellm; run scripts/gen_litellm_known.py"
        )
        return 1
    args.module.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
