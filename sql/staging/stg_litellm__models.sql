-- stg_litellm__models
-- grain: one row per key of litellm's model cost map. key: litellm_key.
-- Prices are converted from USD per token to USD per 1M tokens, and input_cost_per_second (a
-- transcription model's price per second of audio in) to USD per minute, rounded to 9 decimals
-- (float noise away, no real price changed): 2e-07 per token is $0.2, not 0.19999999999999998.
-- On an image_generation or image_edit entry: price_per_image_out, USD per generated image
-- (output_cost_per_image); price_per_image_in, its input_cost_per_image, which litellm's cost
-- calculator charges per image made where no output price is given (xAI's entries), but which is
-- the price of a reference image in where one is (Gemini's: $0.00056 against $0.067 an image
-- made).
-- price_output_image_per_million: USD per 1M image tokens out (output_cost_per_image_token:
-- OpenAI's and Google's token-priced image models). litellm_mode is litellm's own
-- mode ('chat', 'responses', 'embedding', 'image_generation', ...). source_url is the page the
-- entry cites for its prices (the lab's pricing or models page; NULL on entries nobody has
-- checked against the lab since the map began citing sources). input_modalities and
-- output_modalities are the entry's supported_modalities and supported_output_modalities, else
-- what its mode and flags imply: text, plus image with supports_vision, audio with
-- supports_audio_input or an audio_transcription mode; out: audio for audio_speech, image for
-- image_generation, else text. is_retired: the entry's deprecation_date has passed, as of the
-- day of the build.
with

source as (

    select * from raw.litellm_models

),

final as (

    select
        model_key as litellm_key,
        litellm_provider,
        mode as litellm_mode,
        round(input_cost_per_token * 1e6, 9) as price_input_per_million,
        round(output_cost_per_token * 1e6, 9) as price_output_per_million,
        round(cache_read_input_token_cost * 1e6, 9) as price_cache_read_per_million,
        round(cache_creation_input_token_cost * 1e6, 9) as price_cache_write_per_million,
        round(output_cost_per_reasoning_token * 1e6, 9) as price_reasoning_per_million,
        round(input_cost_per_second * 60, 9) as price_input_per_minute,
        case when mode in ('image_generation', 'image_edit') then output_cost_per_image end
            as price_per_image_out,
        case when mode in ('image_generation', 'image_edit') then input_cost_per_image end
            as price_per_image_in,
        round(output_cost_per_image_token * 1e6, 9) as price_output_image_per_million,
        coalesce(max_input_tokens, max_tokens) as max_input_tokens,
        max_output_tokens,
        supports_function_calling,
        supports_tool_choice,
        supports_vision,
        supports_reasoning,
        supports_response_schema,
        supports_prompt_caching,
        supports_pdf_input,
        try_cast(deprecation_date as date) as deprecation_date,
        coalesce(
            try_cast(deprecation_date as date)
                <= coalesce(getvariable('llmhub_as_of')::date, current_date),
            false
        ) as is_retired,
        source_url,
        supported_endpoints,
        coalesce(
            supported_modalities,
            case
                when mode = 'audio_transcription' then ['audio']
                else list_filter(
                    [
                        'text',
                        case when supports_vision then 'image' end,
                        case when supports_audio_input then 'audio' end
                    ],
                    lambda m: m is not null
                )
            end
        ) as input_modalities,
        coalesce(
            supported_output_modalities,
            case mode
                when 'audio_speech' then ['audio']
                when 'image_generation' then ['image']
                else ['text']
            end
        ) as output_modalities
    from source

)

select * from final
