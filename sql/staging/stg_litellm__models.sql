-- stg_litellm__models
-- grain: one row per key of litellm's model cost map. key: litellm_key.
-- Prices are converted from USD per token to USD per 1M tokens. litellm_mode is litellm's own
-- mode ('chat', 'responses', 'embedding', 'image_generation', ...).
with

source as (

    select * from raw.litellm_models

),

final as (

    select
        model_key as litellm_key,
        litellm_provider,
        mode as litellm_mode,
        input_cost_per_token * 1e6 as price_input_per_million,
        output_cost_per_token * 1e6 as price_output_per_million,
        cache_read_input_token_cost * 1e6 as price_cache_read_per_million,
        cache_creation_input_token_cost * 1e6 as price_cache_write_per_million,
        output_cost_per_reasoning_token * 1e6 as price_reasoning_per_million,
        coalesce(max_input_tokens, max_tokens) as max_input_tokens,
        max_output_tokens,
        supports_function_calling,
        supports_tool_choice,
        supports_vision,
        supports_reasoning,
        supports_response_schema,
        supports_prompt_caching,
        try_cast(deprecation_date as date) as deprecation_date
    from source

)

select * from final
