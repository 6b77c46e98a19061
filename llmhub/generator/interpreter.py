"""LLM-assisted reading of role descriptions, with a cache so reruns are offline and stable.

When an interpreter model is configured (the spec's ``interpreter:`` block, or the environment
variables ``LLMHUB_INTERPRETER_MODEL`` / ``LLMHUB_INTERPRETER_API_BASE``), each distinct role
description is sent once to that model through litellm, which must answer with ``RoleNeeds`` as
JSON. Answers are cached in a small JSON file keyed by (model, description) — by default
``interpreter-cache.json`` beside the catalog; the catalog itself stays read-only during
``generate`` because it is replaced as a whole by every refresh. Without an interpreter, when it
fails, or with ``no_llm``, the keyword heuristic in ``needs.py`` reads the description instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from llmhub.errors import InputError
from llmhub.fsutil import atomic_write_text, read_previous_bytes
from llmhub.generator.needs import RoleNeeds, heuristic_needs
from llmhub.redact import redact_text
from llmhub.spec.models import InterpreterSpec

__all__ = ["INTERPRETER_ENV", "NeedsReading", "interpreter_from", "read_needs"]

INTERPRETER_ENV = "LLMHUB_INTERPRETER_MODEL"
INTERPRETER_BASE_ENV = "LLMHUB_INTERPRETER_API_BASE"
INTERPRETER_CACHE_ENV = "LLMHUB_INTERPRETER_CACHE"

PROMPT = (
    "You read the description of a job an LLM will do in an application and answer with JSON "
    'only, no prose: {"task": "general"|"coding"|"reasoning"|"creative", "tools": bool '
    '(the job calls tools/functions), "vision": bool (it reads images), "context_min": int|null '
    '(tokens of context it needs, only if the description implies long inputs), "fast": '
    "bool (it needs replies within about a second: real time, instant, as the user types), "
    '"latency_seconds": number|null (the reply time it states, in seconds: "under a second" '
    '= 1, "within 300 ms" = 0.3; at most 60; null if none), "cheap": bool (it should be cheap: '
    '"a small model is enough", "stay cheap", "on a tight budget")}.'
)

# Fields an interpreter answer cached before they were asked about lacks (read by keywords).
_LATER_FIELDS = ("fast", "latency_seconds", "cheap")


@dataclass(frozen=True)
class NeedsReading:
    """The needs read from one description, and which reader produced them."""

    needs: RoleNeeds
    source: str  # e.g. "keyword heuristic" or "interpreter openai/gpt-4o-mini (cached)"
    warning: str | None = None


def interpreter_from(spec_interpreter: InterpreterSpec | None) -> InterpreterSpec | None:
    """The configured interpreter: the spec's, else the environment's, else None."""
    if spec_interpreter is not None:
        return spec_interpreter
    model = os.environ.get(INTERPRETER_ENV)
    if not model:
        return None
    api_base = os.environ.get(INTERPRETER_BASE_ENV) or None
    try:
        return InterpreterSpec(model=model, api_base=api_base)
    except ValidationError as exc:
        problem = exc.errors()[0]
    # Raised outside the except block: no __context__ leading back to the value.
    from llmhub.errors import InputError

    field = INTERPRETER_BASE_ENV if problem["loc"][:1] == ("api_base",) else INTERPRETER_ENV
    raise InputError(
        problem["msg"].removeprefix("Value error, "),
        field=field,
        fix=f"fix or unset ${field}; the interpreter's key belongs in the variable its "
        "`env_key` names (spec `interpreter:` block)",
    )


def default_cache_path(catalog_path: Path) -> Path:
    """``$LLMHUB_INTERPRETER_CACHE``, else ``interpreter-cache.json`` beside the catalog."""
    env = os.environ.get(INTERPRETER_CACHE_ENV)
    return Path(env) if env else catalog_path.with_name("interpreter-cache.json")


def _key(model: str, description: str) -> str:
    return hashlib.sha256(f"{model}\0{description}".encode()).hexdigest()


def _load_cache(path: Path) -> dict[str, dict]:
    # A cache that is a device or FIFO ($LLMHUB_INTERPRETER_CACHE=/dev/zero) is never read.
    try:
        raw = read_previous_bytes(path, fix="point $LLMHUB_INTERPRETER_CACHE at a file")
        data = json.loads(raw) if raw is not None else {}
    except (OSError, ValueError, InputError):
        return {}
    return data if isinstance(data, dict) else {}


def _parse_answer(text: str) -> RoleNeeds:
    # Models like to wrap JSON in a code fence; take the outermost object.
    match = re.search(r"\{.*\}", text, re.DOTALL)
    if not match:
        raise ValueError("the answer holds no JSON object")
    return RoleNeeds.model_validate(json.loads(match.group(0)))


def _ask(interpreter: InterpreterSpec, description: str, timeout: float) -> RoleNeeds:
    from llmhub.runtime.backend import load

    # heavy (~1 s): only when an interpreter is configured and the cache misses; load() also
    # silences litellm's banner, which it printed to stdout (a `generate --dry-run > file` got
    # it in the YAML when the interpreter's model was unknown)
    litellm = load()

    key = os.environ.get(interpreter.env_key) if interpreter.env_key else None
    response = litellm.completion(
        model=interpreter.model,
        messages=[
            {"role": "system", "content": PROMPT},
            {"role": "user", "content": description},
        ],
        api_base=interpreter.api_base,
        api_key=key or ("not-needed" if interpreter.api_base else None),
        temperature=0,
        timeout=timeout,
        num_retries=0,
    )
    return _parse_answer(response.choices[0].message.content or "")


def _describe_failure(exc: Exception, interpreter: InterpreterSpec) -> str:
    from llmhub.runtime.secrets import scrub

    first = str(exc).splitlines()[0][:200] if str(exc) else ""
    # Provider errors can echo the key back ("Incorrect API key provided: sk-..."): never print it.
    key = os.environ.get(interpreter.env_key) if interpreter.env_key else None
    return scrub(f"{type(exc).__name__}: {first}", extra=[key])


def read_needs(
    descriptions: Iterable[str],
    interpreter: InterpreterSpec | None,
    cache_path: Path | None,
    *,
    no_llm: bool = False,
    timeout: float = 20.0,
) -> dict[str, NeedsReading]:
    """Needs for each distinct description, by interpreter (cached) or keyword heuristic."""
    out: dict[str, NeedsReading] = {}
    wanted = sorted(set(descriptions))
    if no_llm or interpreter is None or cache_path is None:
        reason = "keyword heuristic" + (" (--no-llm)" if no_llm and interpreter else "")
        return {d: NeedsReading(heuristic_needs(d), reason) for d in wanted}
    cache = _load_cache(cache_path)
    # The model as shown in messages, reasons and the cache: a key pasted into
    # LLMHUB_INTERPRETER_MODEL (``sk-…``) is never repeated.
    label = redact_text(interpreter.model)
    changed = False
    failed: str | None = None
    for description in wanted:
        if not description.strip():
            out[description] = NeedsReading(heuristic_needs(description), "keyword heuristic")
            continue
        key = _key(interpreter.model, description)
        entry = cache.get(key)
        if isinstance(entry, dict):
            try:
                needs = RoleNeeds.model_validate(entry.get("needs"))
            except ValidationError:
                pass
            else:
                missing = [f for f in _LATER_FIELDS if f not in (entry.get("needs") or {})]
                if missing:
                    # cached before the interpreter was asked about speed or price: keep the
                    # reading (no call on a rerun), and take those from the keywords
                    keywords = heuristic_needs(description)
                    needs = needs.model_copy(update={f: getattr(keywords, f) for f in missing})
                out[description] = NeedsReading(needs, f"interpreter {label} (cached)")
                continue
        if failed is None:
            try:
                needs = _ask(interpreter, description, timeout)
            except Exception as exc:  # any provider failure means: fall back, and say why
                failed = _describe_failure(exc, interpreter)
            else:
                cache[key] = {
                    "model": label,
                    "description": description,
                    "needs": needs.model_dump(mode="json"),
                }
                changed = True
                out[description] = NeedsReading(needs, f"interpreter {label}")
                continue
        out[description] = NeedsReading(
            heuristic_needs(description),
            "keyword heuristic (interpreter unavailable)",
            f"interpreter {label} failed ({failed}); used the keyword heuristic",
        )
    if changed:
        # A cache that cannot be written only costs a call next time.
        with contextlib.suppress(OSError, InputError):
            atomic_write_text(cache_path, json.dumps(cache, indent=1, sort_keys=True) + "\n")
    return out
