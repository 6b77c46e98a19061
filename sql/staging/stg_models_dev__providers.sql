-- stg_models_dev__providers
-- grain: one row per models.dev provider. key: provider (unique, not null).
-- Renames the raw provider fields. env_key is the variable that holds the provider's API key,
-- what llmhub passes to litellm as api_key: the first of its variables whose name ends in
-- KEY, TOKEN or PAT or holds BEARER_TOKEN, but not an AWS access key pair. models.dev lists
-- a cloud's other settings first (Azure's AZURE_RESOURCE_NAME before AZURE_API_KEY,
-- Bedrock's AWS_ACCESS_KEY_ID before its API key AWS_BEARER_TOKEN_BEDROCK), so the first
-- variable is not always the key. NULL when none is a key: Vertex AI signs in with Google's
-- application credentials, which litellm finds itself.
with

source as (

    select * from raw.models_dev_providers

),

final as (

    select
        provider_id as provider,
        name as display_name,
        coalesce(env, []::varchar[]) as env_keys,
        list_filter(
            env,
            lambda v: regexp_matches(v, '(KEY|TOKEN|PAT)$|BEARER_TOKEN')
                and v not in ('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY')
        )[1] as env_key,
        api as api_base,
        npm as npm_package,
        doc as doc_url
    from source

)

select * from final
