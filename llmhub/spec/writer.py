"""Write a spec back to YAML: ``save_spec`` (atomic, checked) and ``dump_spec`` (the text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llmhub.fsutil import atomic_write_text
from llmhub.spec.models import SpecConfig

__all__ = ["dump_spec", "save_spec"]

# Empty under these keys is the default: leaving them out keeps the file short, loads the same.
_OMIT_WHEN_EMPTY = frozenset({"preferences", "requires", "mode_params"})


def dump_spec(spec: SpecConfig, *, escape_unicode: bool = False) -> str:
    """The YAML text of ``spec``: unset fields left out, keys in the models' order.

    ``escape_unicode`` writes non-ASCII characters as escapes (exact, but harder to read).
    """
    import yaml

    if not isinstance(spec, SpecConfig):
        raise TypeError(f"dump_spec takes a SpecConfig, not {type(spec).__name__}")
    body = _compact(spec.model_dump(mode="json", exclude_none=True))
    return yaml.safe_dump(body, sort_keys=False, allow_unicode=not escape_unicode, width=100)


def save_spec(spec: SpecConfig, path: str | Path) -> None:
    """Write ``spec`` to ``path`` atomically; ``load_spec(path)`` gives an equal spec back.

    Raises:
        SpecError: the spec would not load back (e.g. an impossible requirement set in code);
            nothing is written, and a file already at ``path`` is left as it was.
    """
    from llmhub.spec.loader import parse_spec

    text = dump_spec(spec)
    # The same checks load_spec runs, before anything is written.
    if parse_spec(text, str(path)) != spec:
        # YAML reads some characters written raw (NEL, line separators) as line breaks;
        # escaped, every string comes back exactly.
        text = dump_spec(spec, escape_unicode=True)
    atomic_write_text(path, text)


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if not (k in _OMIT_WHEN_EMPTY and v == {})}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value
