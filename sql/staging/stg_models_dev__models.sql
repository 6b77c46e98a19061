-- stg_models_dev__models
-- grain: one row per models.dev provider x model. key: canonical_id = provider || '/' || model_id.
-- Casts dates ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD' upstream) to DATE on the first day of the
-- period they name, and fills the status models.dev leaves out with 'active'. Prices stay in
-- USD per 1M tokens, rounded to 9 decimals (the API's 0.7999999999999999 is $0.8), and limits
-- in tokens, as published.
{%- macro partial_date(column) %}
        case
            when {{ column }} similar to '\d{4}' then try_cast({{ column }} || '-01-01' as date)
            when {{ column }} similar to '\d{4}-\d{2}' then try_cast({{ column }} || '-01' as date)
            else try_cast({{ column }} as date)
        end
{%- endmacro %}
with

source as (

    select * from raw.models_dev_models

),

final as (

    select
        provider_id || '/' || model_id as canonical_id,
        provider_id as provider,
        model_id,
        coalesce(name, model_id) as display_name,
        family,
        coalesce(reasoning, false) as supports_reasoning,
        coalesce(tool_call, false) as supports_tool_call,
        coalesce(structured_output, false) as supports_structured_output,
        coalesce(temperature, true) as supports_temperature,
        coalesce(attachment, false) as supports_attachment,
        coalesce(input_modalities, ['text']) as input_modalities,
        coalesce(output_modalities, ['text']) as output_modalities,
        limit_context as context_tokens,
        limit_input as max_input_tokens,
        limit_output as max_output_tokens,
        round(cost_input, 9) as price_input_per_million,
        round(cost_output, 9) as price_output_per_million,
        round(cost_cache_read, 9) as price_cache_read_per_million,
        round(cost_cache_write, 9) as price_cache_write_per_million,
        round(cost_reasoning, 9) as price_reasoning_per_million,
        round(cost_input_audio, 9) as price_input_audio_per_million,
        round(cost_output_audio, 9) as price_output_audio_per_million,
        knowledge as knowledge_cutoff_text,
        {{ partial_date("knowledge") }} as knowledge_cutoff,
        {{ partial_date("release_date") }} as release_date,
        {{ partial_date("last_updated") }} as last_updated,
        open_weights,
        lower(coalesce(status, 'active')) as status,
        lower(coalesce(status, '')) = 'deprecated' as is_deprecated,
        experimental is not null as has_experimental_modes,
        -- the flag as published: NULL when models.dev leaves it unset (the models mart then
        -- takes litellm's supports_response_schema)
        structured_output as structured_output_declared
    from source

)

select * from final
