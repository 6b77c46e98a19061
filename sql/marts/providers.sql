-- providers
-- grain: one row per models.dev provider. key: provider, unique and not null.
-- litellm_provider is the provider's litellm prefix from data/seeds/provider_map.csv (NULL when
-- litellm cannot call it); env_key is the first of env_keys; model_count counts its catalog rows.
with

providers as (

    select * from stg_models_dev__providers

),

provider_map as (

    select provider, nullif(litellm_provider, '') as litellm_provider from seeds.provider_map

),

model_counts as (

    select provider, count(*) as model_count from int_models__listings group by provider

),

final as (

    select
        providers.provider,
        providers.display_name,
        provider_map.litellm_provider,
        providers.env_keys,
        providers.env_key,
        providers.api_base,
        providers.doc_url,
        coalesce(model_counts.model_count, 0) as model_count,
        providers.npm_package
    from providers
    left join provider_map on provider_map.provider = providers.provider
    left join model_counts on model_counts.provider = providers.provider

)

select * from final
