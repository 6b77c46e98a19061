"""Which providers a role may use, as the spec writes them (no catalog needed)."""

from __future__ import annotations

from llmhub.spec.models import RoleSpec, SpecConfig

__all__ = ["allowed_providers"]


def allowed_providers(spec: SpecConfig, role: RoleSpec) -> tuple[str, ...] | None:
    """The provider names a role may use, as written in the spec; None means any."""
    if role.force_provider:
        return (role.force_provider,)
    if role.preferences.providers is not None:
        names = list(role.preferences.providers)
    elif spec.defaults and spec.defaults.providers is not None:
        names = list(spec.defaults.providers)
    elif spec.providers:
        names = list(spec.providers)
    else:
        return None
    if spec.providers:
        # Only enabled providers are candidates; an undeclared one counts as enabled (warned).
        names = [n for n in names if spec.providers.get(n) is None or spec.providers[n].enabled]
    return tuple(names)
