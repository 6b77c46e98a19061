"""The base of the pydantic models for the files users write (the spec and the runtime file).

Unknown keys are errors (a typo gets a did-you-mean, not a silent no-op), and enum fields keep
their enum members. One base, so the two files follow the same rules; the ``env_key`` rule is
here for the same reason (the spec, the runtime file, ``env check`` and ``export`` share it).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from llmhub.redact import HIDDEN_INPUT, REDACTED, is_secret_key, redact, redact_text

__all__ = ["Number", "StrictModel", "check_env_name", "env_name_problem", "number_only"]

# Matched with ``fullmatch`` (``$`` alone would accept a trailing newline).
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class StrictModel(BaseModel):
    """A pydantic model that forbids unknown keys."""

    # A ValidationError's text never shows the input (it may be a key); llmhub's own messages
    # show a masked copy (``llmhub.yamlio.problems_from_validation``).
    model_config = ConfigDict(extra="forbid", use_enum_values=False, hide_input_in_errors=True)

    def __repr_args__(self) -> Any:
        # repr() and str() show credentials as ***: a hand-edited file, or a model built in
        # code, may hold one (``llmhub.redact``), and reprs end up in logs and tracebacks.
        for name, value in super().__repr_args__():
            if name is not None and is_secret_key(name) and value is not None:
                yield name, REDACTED
                continue
            shown = redact(value)
            # Unchanged values keep their own type in the repr (an enum member, not its string).
            yield name, value if shown == value else shown


def env_name_problem(value: object) -> str | None:
    """What is wrong with ``value`` as an ``env_key`` (None when it is a variable name).

    A key pasted where its variable's name belongs (``sk-proj-…``, ``AKIA…``, anything with
    ``-``, ``/`` or ``+``) is refused; the message never repeats the value.
    """
    if not isinstance(value, str) or not _ENV_NAME.fullmatch(value):
        return (
            "not an environment variable name (letters, digits and _): put the key in an "
            "environment variable and write that variable's name here, e.g. OPENAI_API_KEY"
        )
    if redact_text(value) != value:
        return (
            "looks like an API key, not the name of the variable that holds it: put the key "
            "in an environment variable and write that variable's name here, e.g. OPENAI_API_KEY"
        )
    return None


def check_env_name(value: str | None) -> str | None:
    """A pydantic validator for ``env_key`` fields: ``env_name_problem``, input hidden."""
    if value is None:
        return None
    problem = env_name_problem(value)
    if problem is not None:
        raise PydanticCustomError(HIDDEN_INPUT, problem)
    return value


def number_only(value: Any) -> Any:
    """A pydantic before-validator for number fields: YAML ``true`` is not 1 and ``"60"`` is not
    60. Both files refuse them alike, so a quoted number is an error, not a silent coercion."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"must be a number, not {type(value).__name__}")
    return value


# A number field of a file users write (bounds go in the field's own ``Field``).
Number = Annotated[float, BeforeValidator(number_only)]
