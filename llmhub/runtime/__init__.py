"""The runtime side of llmhub: read ``llmhub.yaml`` and call models by role.

Importing this package loads pydantic and PyYAML only; litellm is imported on the first call.

    from llmhub.runtime import LLMHub

    hub = LLMHub()  # ./llmhub.yaml, or $LLMHUB_CONFIG
    reply = hub.completion("llm.inference", [{"role": "user", "content": "Hi"}])
    print(reply.choices[0].message.content, reply.llmhub.model)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmhub._lazy import lazy_namespace

# name -> module that defines it; loaded on first use, so that reading or writing
# llmhub.yaml (the generator) does not import the call machinery (asyncio, threads).
_EXPORTS: dict[str, str] = {
    "CallContext": "llmhub.runtime.hooks",
    "CallResult": "llmhub.runtime.hooks",
    "FallbackConfig": "llmhub.runtime.config",
    "LLMHub": "llmhub.runtime.hub",
    "LLMMode": "llmhub.runtime.config",
    "Plan": "llmhub.runtime.plan",
    "ProviderConfig": "llmhub.runtime.config",
    "ResponseInfo": "llmhub.runtime.hooks",
    "RoleConfig": "llmhub.runtime.config",
    "RoleDefaultsConfig": "llmhub.runtime.config",
    "RuntimeConfig": "llmhub.runtime.config",
    "Target": "llmhub.runtime.plan",
    "Usage": "llmhub.runtime.hooks",
    "dump_runtime": "llmhub.runtime.config",
    "load_runtime": "llmhub.runtime.config",
    "parse_runtime": "llmhub.runtime.config",
    "save_runtime": "llmhub.runtime.config",
}

if TYPE_CHECKING:
    from llmhub.runtime.config import (
        FallbackConfig,
        LLMMode,
        ProviderConfig,
        RoleConfig,
        RoleDefaultsConfig,
        RuntimeConfig,
        dump_runtime,
        load_runtime,
        parse_runtime,
        save_runtime,
    )
    from llmhub.runtime.hooks import CallContext, CallResult, ResponseInfo, Usage
    from llmhub.runtime.hub import LLMHub
    from llmhub.runtime.plan import Plan, Target

__all__ = [
    "CallContext",
    "CallResult",
    "FallbackConfig",
    "LLMHub",
    "LLMMode",
    "Plan",
    "ProviderConfig",
    "ResponseInfo",
    "RoleConfig",
    "RoleDefaultsConfig",
    "RuntimeConfig",
    "Target",
    "Usage",
    "dump_runtime",
    "load_runtime",
    "parse_runtime",
    "save_runtime",
]


__getattr__, __dir__ = lazy_namespace(__name__, _EXPORTS, __all__)
