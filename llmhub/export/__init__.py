"""Export llmhub's roles to other tools: today, a LiteLLM Proxy config and a gateway runtime file.

Example::

    from pathlib import Path
    from llmhub.export import ExportOptions, export_litellm_proxy, write_exports

    options = ExportOptions(Path("llmhub.yaml"), Path("litellm.config.yaml"))
    write_exports(export_litellm_proxy(options))
"""

from llmhub.export.core import (
    ExportedFile,
    ExportOptions,
    ExportResult,
    export_litellm_proxy,
    write_exports,
)
from llmhub.export.gateway import gateway_runtime
from llmhub.export.litellm_proxy import build_proxy_config, load_checked_runtime

__all__ = [
    "ExportOptions",
    "ExportResult",
    "ExportedFile",
    "build_proxy_config",
    "export_litellm_proxy",
    "gateway_runtime",
    "load_checked_runtime",
    "write_exports",
]
