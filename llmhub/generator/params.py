"""Check a role's ``mode_params`` against the model picked for it."""

from __future__ import annotations

from typing import Any

from llmhub.generator.query import CandidateRow

__all__ = ["check_params"]

# Sampling parameters a model without temperature support rejects.
_SAMPLING = ("temperature", "top_p")
_CHAT_ONLY = ("temperature", "top_p", "max_tokens", "stop", "presence_penalty", "frequency_penalty")


def check_params(
    params: dict[str, Any], model: CandidateRow | None, mode: str
) -> tuple[dict[str, Any], list[str]]:
    """The parameters to write for ``model``, and a warning for each one dropped or changed.

    Parameters are kept as given unless the catalog says the model cannot take them:
    ``temperature``/``top_p`` are dropped when ``supports_temperature`` is false,
    ``max_tokens`` is lowered to the model's ``max_output_tokens``, and chat sampling
    parameters are dropped for embedding models.
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
    limit = model.max_output_tokens
    value = out.get("max_tokens")
    if limit and isinstance(value, int) and not isinstance(value, bool) and value > limit:
        out["max_tokens"] = int(limit)
        warnings.append(f"lowered max_tokens {value} to {limit}: the most {name} can produce")
    return dict(sorted(out.items())), warnings
