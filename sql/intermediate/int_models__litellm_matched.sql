-- int_models__litellm_matched
-- grain: one row per models.dev provider x model. key: canonical_id.
-- litellm_provider comes from data/seeds/provider_map.csv. litellm_model is
-- '<litellm_provider>/<model_id>', the string litellm.completion(model=...) routes to that host,
-- or NULL when the provider has no litellm prefix (litellm_model_reason says why).
-- litellm_key is the matching entry of litellm's cost map, looked up as
--   1. the key '<litellm_provider>/<model_id>' (e.g. 'gemini/gemini-2.5-pro'), else
--   2. the key '<model_id>' listed under that provider or one of its variants
--      ('bedrock_converse' for 'bedrock', 'vertex_ai-anthropic_models' for 'vertex_ai', ...);
-- it gives the model's litellm mode. A model missing from the cost map keeps its
-- litellm_model: litellm calls any model id under a provider prefix it knows.
with

models as (

    select canonical_id, provider, model_id from stg_models_dev__models

),

provider_map as (

    select provider, nullif(litellm_provider, '') as litellm_provider, note
    from seeds.provider_map

),

cost_map as (

    select litellm_key, litellm_provider, litellm_mode from stg_litellm__models

),

prefixed as (

    select
        models.canonical_id,
        models.model_id,
        provider_map.litellm_provider,
        provider_map.note as provider_note,
        models.provider,
        provider_map.provider is not null as is_mapped
    from models
    left join provider_map on provider_map.provider = models.provider

),

by_prefixed_key as (

    select prefixed.canonical_id, cost_map.litellm_key, cost_map.litellm_mode, 1 as lookup_rank
    from prefixed
    inner join cost_map
        on cost_map.litellm_key = prefixed.litellm_provider || '/' || prefixed.model_id

),

by_bare_key as (

    select prefixed.canonical_id, cost_map.litellm_key, cost_map.litellm_mode, 2 as lookup_rank
    from prefixed
    inner join cost_map
        on cost_map.litellm_key = prefixed.model_id
        and (
            cost_map.litellm_provider = prefixed.litellm_provider
            or cost_map.litellm_provider like prefixed.litellm_provider || '\_%' escape '\'
            or cost_map.litellm_provider like prefixed.litellm_provider || '-%'
        )

),

best_key as (

    select canonical_id, litellm_key, litellm_mode
    from (select * from by_prefixed_key union all select * from by_bare_key)
    qualify row_number() over (partition by canonical_id order by lookup_rank, litellm_key) = 1

),

final as (

    select
        prefixed.canonical_id,
        prefixed.litellm_provider,
        case
            when prefixed.litellm_provider is not null
                then prefixed.litellm_provider || '/' || prefixed.model_id
        end as litellm_model,
        case
            when prefixed.litellm_provider is null and prefixed.is_mapped
                then 'no litellm provider: ' || prefixed.provider_note
            when prefixed.litellm_provider is null
                then 'no litellm provider prefix for ' || prefixed.provider
                    || ' (data/seeds/provider_map.csv)'
            when best_key.litellm_key is not null
                then 'in the litellm cost map as ' || best_key.litellm_key
            else 'litellm provider ' || prefixed.litellm_provider
                || ' (model not in the litellm cost map)'
        end as litellm_model_reason,
        best_key.litellm_key,
        best_key.litellm_mode
    from prefixed
    left join best_key on best_key.canonical_id = prefixed.canonical_id

)

select * from final
