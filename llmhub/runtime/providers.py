"""The provider prefixes litellm routes (``openai/…``, ``anthropic/…``), known without importing it.

``load_runtime`` refuses a role whose provider litellm would not route, so the mistake shows up
when the file is loaded, naming its line, not as a 400 at call time that skips the fallbacks.
The list is litellm's ``provider_list``, generated into ``llmhub.litellm_known`` by
``scripts/gen_litellm_known.py``; when litellm is already imported its own list is used too, and
``tests/test_litellm_known.py`` fails when the generated list drifts from the installed litellm.
"""

from __future__ import annotations

import sys

from llmhub.litellm_known import PROVIDERS

__all__ = ["KNOWN_PROVIDERS", "is_known_provider"]

# litellm's provider_list, kept as data (see llmhub.litellm_known) so loading needs no litellm.
KNOWN_PROVIDERS = PROVIDERS


def is_known_provider(name: str) -> bool:
    """Whether litellm routes models under the prefix ``name``."""
    if name in KNOWN_PROVIDERS:
        return True
    litellm = sys.modules.get("litellm")
    known = getattr(litellm, "provider_list", None) if litellm is not None else None
    return known is not None and name in {str(getattr(p, "value", p)) for p in known}
