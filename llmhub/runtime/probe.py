"""One real call through the runtime, for ``llmhub test``: who answered, tokens, cost, latency."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from llmhub.errors import EnvVarMissingError, ProviderCallError
from llmhub.runtime.hooks import CallResult
from llmhub.runtime.hub import LLMHub

__all__ = ["AttemptReport", "ProbeReport", "probe_role"]

DEFAULT_PROMPT = "Reply with one short sentence: which model are you?"


@dataclass(frozen=True)
class AttemptReport:
    """One attempt of the probe call, as the after-call hook saw it."""

    attempt: int
    provider: str
    model: str
    success: bool
    error: str | None
    duration_ms: float


@dataclass(frozen=True)
class ProbeReport:
    """The outcome of ``probe_role``."""

    role: str
    mode: str
    provider: str
    model: str
    attempt: int
    fallback_reason: str | None
    answer: str
    prompt_tokens: int | None
    completion_tokens: int | None
    cost_usd: float | None
    latency_ms: float
    attempts: list[AttemptReport] = field(default_factory=list)


def probe_role(
    role: str,
    prompt: str | None = None,
    config_path: str | Path | None = None,
    env_file: str | Path | None = None,
) -> ProbeReport:
    """Call ``role`` once (chat, or embedding for embedding roles) and report what happened.

    Raises:
        UnknownRoleError, ConfigError, EnvVarMissingError: bad input (exit 2).
        ProviderCallError: the call failed (``AllAttemptsFailedError`` lists each attempt).
    """
    results: list[CallResult] = []
    hub = LLMHub(config_path=config_path, on_after_call=results.append, env_file=env_file)
    plan = hub.resolve(role)
    # Before litellm is imported (seconds): with no key for any model of the role, no call can work.
    missing = [t for t in plan.targets if t.env_key and not os.environ.get(t.env_key)]
    if missing and len(missing) == len(plan.targets):
        raise EnvVarMissingError(
            sorted({t.env_key for t in missing if t.env_key}),
            providers=sorted({t.provider for t in missing}),
        )
    text = prompt or DEFAULT_PROMPT
    hub.warmup()  # the latency shown is the call's, not litellm's import
    start = time.perf_counter()
    try:
        if plan.mode == "embedding":
            response = hub.embedding(role, text)
            answer = f"{len(response.data[0]['embedding'])}-dimensional vector"
        else:
            response = hub.completion(role, [{"role": "user", "content": text}])
            answer = response.choices[0].message.content or ""
    except ProviderCallError:
        raise
    except Exception as exc:
        if not type(exc).__module__.startswith(("litellm", "openai", "httpx")):
            raise  # a bug, not a provider failure: keep the traceback
        from llmhub.runtime.backend import describe

        name, message = describe(exc)
        target = plan.targets[len(results) - 1] if results else plan.targets[0]
        raise ProviderCallError(
            f"role {role!r}: {target.litellm_model} failed: {name}: {message}",
            fix="this error is not retried; check the role's params and the model name",
        ) from None
    latency = (time.perf_counter() - start) * 1000
    final = results[-1]
    info = response.llmhub
    return ProbeReport(
        role=role,
        mode=plan.mode,
        provider=info.provider,
        model=info.model,
        attempt=info.attempt,
        fallback_reason=info.fallback_reason,
        answer=answer,
        prompt_tokens=final.usage.prompt_tokens,
        completion_tokens=final.usage.completion_tokens,
        cost_usd=final.cost_usd,
        latency_ms=latency,
        attempts=[_attempt(r) for r in results],
    )


def _attempt(r: CallResult) -> AttemptReport:
    error = None
    if r.error is not None:
        from llmhub.runtime.backend import describe

        error = "{}: {}".format(*describe(r.error))
    return AttemptReport(r.attempt, r.provider, r.model, r.success, error, r.duration_ms)
