"""The base of the pydantic models for the files users write (the spec and the runtime file).

Unknown keys are errors (a typo gets a did-you-mean, not a silent no-op), and enum fields keep
their enum members. One base, so the two files follow the same rules.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["StrictModel"]


class StrictModel(BaseModel):
    """A pydantic model that forbids unknown keys."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)
