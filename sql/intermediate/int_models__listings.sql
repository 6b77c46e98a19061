-- int_models__listings
-- grain: one row per catalog listing: a provider x model. key: canonical_id.
-- Every listing the catalog offers: models.dev's (stg_models_dev__models), and the lab API
-- listings only litellm's cost map has (int_models__litellm_matched says which keys and why).
-- listing_source says which. A litellm-only listing takes its columns from the cost-map entry:
-- flags, limits and prices as litellm publishes them (supports_temperature is true, as litellm
-- does not say), its modalities (stg_litellm__models), status 'deprecated' once the entry's
-- deprecation_date has passed, else 'active'; display_name is the model id, and release_date
-- is the snapshot date in the id ('gpt-4o-mini-tts-2025-12-15', 'claude-opus-4-6-20260205'),
-- else the earliest snapshot date of the same id on any host in the cost map (the alias
-- 'gpt-audio' exists since its first snapshot 'gpt-audio-2025-08-28', and a re-seller that listed
-- it in 2026 does not make it a 2026 model; 'gpt-6-luna' since Azure's 'gpt-6-luna-2026-09-22':
-- a snapshot id carries the lab's date whoever lists it), else NULL: litellm publishes no
-- release dates, so no other date is made up.
with

models_dev as (

    select * from stg_models_dev__models

),

litellm_only as (

    select canonical_id, litellm_key from int_models__litellm_matched
    where listing_source = 'litellm'

),

cost_map as (

    select * from stg_litellm__models

),

snapshot_dates as (

    -- every cost-map key that ends in a snapshot date: the model id it is a snapshot of (the
    -- key's last path part, 'azure/us/gpt-6-luna-2026-09-22' -> 'gpt-6-luna'), and the date
    select
        lower(regexp_extract(
            litellm_key, '(^|/)([^/]*)-(\d{4}-\d{2}-\d{2}|20\d{6})$', 2
        )) as alias_id,
        coalesce(
            try_strptime(regexp_extract(litellm_key, '-(\d{4}-\d{2}-\d{2})$', 1), '%Y-%m-%d'),
            try_strptime(regexp_extract(litellm_key, '-(20\d{6})$', 1), '%Y%m%d')
        )::date as snapshot_date
    from cost_map
    where regexp_matches(litellm_key, '-(\d{4}-\d{2}-\d{2}|20\d{6})$')

),

first_snapshots as (

    select alias_id, min(snapshot_date) as first_snapshot_date
    from snapshot_dates
    where snapshot_date is not null
    group by all

),

from_litellm as (

    select
        litellm_only.canonical_id,
        split_part(litellm_only.canonical_id, '/', 1) as provider,
        litellm_only.canonical_id[strpos(litellm_only.canonical_id, '/') + 1:] as model_id,
        cost_map.*,
        first_snapshots.first_snapshot_date
    from litellm_only
    inner join cost_map on cost_map.litellm_key = litellm_only.litellm_key
    left join first_snapshots
        on first_snapshots.alias_id = lower(
            litellm_only.canonical_id[strpos(litellm_only.canonical_id, '/') + 1:]
        )

),

final as (

    select models_dev.*, 'models.dev' as listing_source
    from models_dev

    union all by name

    select
        canonical_id,
        provider,
        model_id,
        model_id as display_name,
        null::varchar as family,
        coalesce(supports_reasoning, false) as supports_reasoning,
        coalesce(supports_function_calling, false) as supports_tool_call,
        coalesce(supports_response_schema, false) as supports_structured_output,
        true as supports_temperature,
        coalesce(supports_vision or supports_pdf_input, false) as supports_attachment,
        list_concat(
            input_modalities, case when supports_pdf_input then ['pdf'] else [] end
        ) as input_modalities,
        output_modalities,
        max_input_tokens as context_tokens,
        max_input_tokens,
        max_output_tokens,
        price_input_per_million,
        price_output_per_million,
        price_cache_read_per_million,
        price_cache_write_per_million,
        price_reasoning_per_million,
        null::double as price_input_audio_per_million,
        null::double as price_output_audio_per_million,
        null::varchar as knowledge_cutoff_text,
        null::date as knowledge_cutoff,
        coalesce(
            try_strptime(regexp_extract(model_id, '-(\d{4}-\d{2}-\d{2})$', 1), '%Y-%m-%d'),
            try_strptime(regexp_extract(model_id, '-(20\d{6})$', 1), '%Y%m%d'),
            first_snapshot_date
        )::date as release_date,
        null::date as last_updated,
        null::boolean as open_weights,
        case when is_retired then 'deprecated' else 'active' end as status,
        is_retired as is_deprecated,
        false as has_experimental_modes,
        -- unset as models.dev would leave it: the models mart then names litellm as the source
        null::boolean as structured_output_declared,
        'litellm' as listing_source
    from from_litellm

)

select * from final
