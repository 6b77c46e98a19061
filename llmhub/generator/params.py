"""Check a role's ``mode_params`` against the model picked for it."""

from __future__ import annotations

from functools import cache
from typing import Any

from llmhub.generator.query import EFFORT_PROVIDERS, CandidateRow, RoleQuery
from llmhub.litellm_refused import REFUSED
from llmhub.spec.params import ALIASES

__all__ = [
    "EFFORT_PROVIDERS",
    "call_effort",
    "check_params",
    "effort_param",
    "litellm_refuses",
    "with_effort",
]


def effort_param(
    params: dict[str, Any],
    model: CandidateRow | None,
    *,
    writes_effort: bool = True,
    written: str | None = None,
) -> str | None:
    """The `reasoning_effort` to write so the call matches the quality figure used.

    When the catalog's quality for the model was measured at an effort litellm maps on every
    provider ("low", "medium", "high"; models.quality_effort, chosen at refresh time from the
    sources' effort variants), the call must ask for that effort; only for reasoning models on
    a provider whose litellm route takes the parameter, never over the spec's own value, and
    only where the role's plan allows it (generator/plan.py writes_effort: a quality-first role
    that does not want speed). ``written`` is an effort the plan writes whatever the model's
    measured one (generator/plan.py fast_thinking_effort), on the same models. Never where
    litellm refuses ``reasoning_effort`` for the model.
    """
    if model is None or "reasoning_effort" in params or not model.supports_reasoning:
        return None
    if not (writes_effort or written):
        return None
    if model.litellm_provider not in EFFORT_PROVIDERS:
        return None
    # a call litellm refuses the parameter for fails before it leaves (a 400: no fallback)
    if "reasoning_effort" in litellm_refuses(model.mode, f"{model.litellm_provider}/{model.model}"):
        return None
    return written or model.quality_effort


def call_effort(row: CandidateRow, query: RoleQuery) -> str | None:
    """The ``reasoning_effort`` the role's call of ``row`` sets (None: none, so it runs at the
    lab's default): the spec's own where it sets one and litellm takes it for the model
    (check_params drops it where litellm refuses it), else what ``effort_param`` writes."""
    if not row.supports_reasoning:
        return None
    if query.spec_effort is not None:
        refused = litellm_refuses(row.mode, f"{row.litellm_provider}/{row.model}")
        return None if "reasoning_effort" in refused else query.spec_effort
    return effort_param({}, row, writes_effort=query.writes_effort, written=query.written_effort)


def with_effort(
    params: dict[str, Any],
    mode_params: dict[str, Any],
    model: CandidateRow | None,
    *,
    writes_effort: bool,
    written: str | None = None,
) -> dict[str, Any]:
    """``params`` with the ``reasoning_effort`` of ``effort_param`` added where it gives one:
    the quality figure ``model`` was ranked on is the model at that effort, so its call (the
    pick's or a fallback's) runs at it."""
    effort = effort_param(mode_params, model, writes_effort=writes_effort, written=written)
    if effort is None:
        return params
    return dict(sorted({**params, "reasoning_effort": effort}.items()))


# Sampling parameters a model without temperature support rejects.
_SAMPLING = ("temperature", "top_p")
_CHAT_ONLY = ("temperature", "top_p", "max_tokens", "stop", "presence_penalty", "frequency_penalty")


# Cached: a run asks about the same few models for every role and fallback, and each lookup
# scans the whole table.
@cache
def litellm_refuses(mode: str, model: str) -> tuple[str, ...]:
    """The parameters litellm refuses for ``model`` (``provider/model``) in a ``mode`` call."""
    head = f"\n{mode} {model} "
    start = REFUSED.find(head)
    if start < 0:
        return ()
    end = REFUSED.find("\n", start + 1)
    return tuple(REFUSED[start + len(head) : end].split())


def check_params(
    params: dict[str, Any], model: CandidateRow | None, mode: str
) -> tuple[dict[str, Any], list[str]]:
    """The parameters to write for ``model``, and a warning for each one dropped or changed.

    Parameters are kept as given unless the catalog says the model cannot take them:
    ``temperature``/``top_p`` are dropped when ``supports_temperature`` is false,
    ``max_tokens`` is lowered to the model's ``max_output_tokens``, chat sampling
    parameters are dropped for embedding models, and so are parameters litellm refuses for
    the model (``llmhub.litellm_refused.REFUSED``).
    """
    out = dict(params)
    warnings: list[str] = []
    if model is None:
        return out, warnings
    name = f"{model.litellm_provider}/{model.model}"
    if model.supports_temperature is False:
        for key in _SAMPLING:
            if key in out:
                del out[key]
                warnings.append(f"dropped {key}: {name} does not accept it (catalog)")
    if mode == "embedding":
        for key in _CHAT_ONLY:
            if key in out:
                del out[key]
                warnings.append(f"dropped {key}: not a parameter of embedding calls")
    # litellm refuses some parameters for some models (dimensions for text-embedding-ada-002,
    # frequency_penalty for Claude): such a call fails before it reaches the provider.
    refused = litellm_refuses(model.mode, name)
    for key in [k for k in out if ALIASES.get(k, k) in refused]:
        del out[key]
        warnings.append(f"dropped {key}: litellm refuses {ALIASES.get(key, key)} for {name}")
    limit = model.max_output_tokens
    value = out.get("max_tokens")
    if limit and isinstance(value, int) and not isinstance(value, bool) and value > limit:
        out["max_tokens"] = int(limit)
        warnings.append(f"lowered max_tokens {value} to {limit}: the most {name} can produce")
    return dict(sorted(out.items())), warnings
