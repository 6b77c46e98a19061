"""The gateway runtime file: the same roles, each calling the proxy's group of that name.

An application switches from direct calls to the gateway by loading this file instead of
``llmhub.yaml``; its code stays the same. The file declares one provider, ``litellm_proxy``
(litellm's prefix for a LiteLLM Proxy), whose ``api_base`` is the proxy and whose key variable
holds a proxy key, so provider keys live only on the proxy.

Each role keeps its fallbacks as the proxy's ``<role>.fallback-N`` groups, and every request
carries ``disable_fallbacks: true``: the runtime walks the groups itself, exactly as in direct
mode, so a 400 comes back as the 400 it is instead of becoming a fallback in the proxy (which
falls back on any error), and hooks see one attempt per model.
"""

from __future__ import annotations

from llmhub.export.litellm_proxy import fallback_group
from llmhub.runtime.config import FallbackConfig, ProviderConfig, RoleConfig, RuntimeConfig
from llmhub.runtime.gateway import GATEWAY_PROVIDER
from llmhub.runtime.plan import Plan

__all__ = ["DEFAULT_GATEWAY_KEY_ENV", "GATEWAY_PROVIDER", "gateway_runtime"]

DEFAULT_GATEWAY_KEY_ENV = "LITELLM_PROXY_API_KEY"


def gateway_runtime(
    runtime: RuntimeConfig, plans: dict[str, Plan], url: str, key_env: str
) -> RuntimeConfig:
    """A runtime file whose roles call the proxy at ``url`` by group name.

    Call parameters are not repeated: the proxy config holds them per deployment. Prices are
    kept so that cost stays known for streams, whose headers carry none.
    """
    roles: dict[str, RoleConfig] = {}
    for name in sorted(plans):
        plan = plans[name]
        primary = plan.targets[0]
        fallbacks = [
            FallbackConfig(
                provider=GATEWAY_PROVIDER,
                model=fallback_group(name, n),
                params={"disable_fallbacks": True},
                price_input_per_million=t.price_input_per_million,
                price_output_per_million=t.price_output_per_million,
            )
            for n, t in enumerate(plan.targets[1:], 1)
        ]
        source = runtime.roles[name]
        roles[name] = RoleConfig(
            provider=GATEWAY_PROVIDER,
            model=name,
            mode=source.mode,
            params={"disable_fallbacks": True},
            price_input_per_million=primary.price_input_per_million,
            price_output_per_million=primary.price_output_per_million,
            fallbacks=fallbacks,
            reason=f"via the gateway: {primary.litellm_model}"
            + "".join(f", then {t.litellm_model}" for t in plan.targets[1:]),
        )
    return RuntimeConfig(
        project=runtime.project,
        env=runtime.env,
        providers={GATEWAY_PROVIDER: ProviderConfig(env_key=key_env, api_base=url.rstrip("/"))},
        roles=roles,
    )
