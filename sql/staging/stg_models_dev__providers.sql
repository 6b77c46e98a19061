-- stg_models_dev__providers
-- grain: one row per models.dev provider. key: provider (unique, not null).
-- Renames the raw provider fields; env_key is the provider's first API-key variable.
with

source as (

    select * from raw.models_dev_providers

),

final as (

    select
        provider_id as provider,
        name as display_name,
        coalesce(env, []::varchar[]) as env_keys,
        env[1] as env_key,
        api as api_base,
        npm as npm_package,
        doc as doc_url
    from source

)

select * from final
