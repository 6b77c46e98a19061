"""The runtime side of llmhub: read ``llmhub.yaml`` and call models by role.

Importing this package loads pydantic and PyYAML only; litellm is imported on the first call.

    from llmhub.runtime import LLMHub

    hub = LLMHub()  # ./llmhub.yaml, or $LLMHUB_CONFIG
    reply = hub.completion("llm.inference", [{"role": "user", "content": "Hi"}])
    print(reply.choices[0].message.content, reply.llmhub.model)
"""

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
