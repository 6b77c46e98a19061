-- selection_candidates
-- grain: one row per listing litellm can call (a `models` row with a litellm_model).
-- key: canonical_id.
-- The role-independent half of selection (sql/selection/select_models.sql.j2), computed once
-- per build instead of on every `llmhub generate`: flags with their defaults, the underlying
-- model (model_group), the host class and its rank, whether the model has a first-party
-- listing, the price a role ranks the listing on (unit_price, in price_unit: per 1M tokens
-- blended, per 1M tokens in for an embedding model, per audio minute for a transcription model,
-- or per image for an image generation model) and the cost signal (that price on a
-- log scale: 1 = free, 0 = the dearest callable listing of its unit). Nothing here reads weights.py; the size class and preview flag, which do,
-- stay in the selection query. For a catalog built before this table, the selection template
-- includes this file, with has_hosts / has_quality / has_speed set from that catalog's columns.
with

callable_models as (
    select
        canonical_id,
        provider,
        model_id,
        litellm_provider,
        litellm_model,
        mode,
        coalesce(supports_reasoning, false) as supports_reasoning,
        coalesce(supports_tool_call, false) as supports_tool_call,
        coalesce(supports_structured_output, false) as supports_structured_output,
        supports_temperature,
        coalesce(input_modalities, []::varchar[]) as input_modalities,
        coalesce(output_modalities, []::varchar[]) as output_modalities,
        context_tokens,
        max_output_tokens,
        price_input_per_million,
        price_output_per_million,
        price_blended_per_million,
        {% if has_unit_prices | default(true) %}
        -- the price a role ranks the listing on: a transcription model's is per minute of audio
        -- in (models.price_per_audio_minute), the one unit every transcriber has; an image
        -- generation model's per image made (models.price_per_image); any other listing's is
        -- the blended price per 1M tokens, but an embedding model's is per 1M tokens in: it
        -- writes no tokens, so a 3:1 blend with its (zero) output price would understate it
        case
            when is_transcriber then price_per_audio_minute
            when is_image_maker then price_per_image
            when mode = 'embedding' then price_input_per_million
            else price_blended_per_million
        end as unit_price,
        case
            when is_transcriber then 'audio minute'
            when is_image_maker then 'image'
            when mode = 'embedding' then '1M input'
            else '1M blended'
        end as price_unit,
        {% else %}
        price_blended_per_million as unit_price,
        '1M blended' as price_unit,
        {% endif %}
        coalesce(open_weights, false) as open_weights,
        -- deprecated, or retiring within settings.retiring_within_days of the build (the cost
        -- map's deprecation_date): a new pick should not break within a month
        coalesce(is_deprecated, false) or coalesce(status, 'active') = 'deprecated'
            {% if has_deprecation_dates | default(true) %}
            or coalesce(
                deprecation_date <= coalesce(getvariable('llmhub_as_of')::date, current_date)
                    + coalesce((
                    select try_cast(value as integer) from seeds.settings
                    where name = 'retiring_within_days'
                ), 30),
                false
            )
            {% endif %}
            as is_deprecated,
        {% if has_deprecation_dates | default(true) %}deprecation_date,{% else %}null::date as deprecation_date,{% endif %}
        release_date,
        {% if has_lines | default(true) %}line_rank,{% else %}null::bigint as line_rank,{% endif %}
        {% if has_lines | default(true) %}model_line,{% else %}null::varchar as model_line,{% endif %}
        env_key,
        arena_score,
        quality_source,
        {% if has_hosts | default(true) %}
        -- the underlying model: the catalog's model_key when it has one
        {% if has_quality | default(true) %}coalesce(model_key, model_group, canonical_id){% else %}coalesce(model_group, canonical_id){% endif %} as model_group,
        coalesce(host_class, 'other') as host_class,
        model_lab,
        {% if has_regions | default(true) %}host_region,{% else %}null::varchar as host_region,{% endif %}
        coalesce(is_free_listing, false) or unit_price is null as is_unpriced_or_free,
        coalesce(is_free_listing, false) as is_free_listing,
        {% else %}
        canonical_id as model_group,
        'other' as host_class,
        null::varchar as model_lab,
        null::varchar as host_region,
        coalesce(price_blended_per_million, 0) = 0 as is_unpriced_or_free,
        coalesce(price_blended_per_million = 0, false) as is_free_listing,
        {% endif %}
        {% if has_quality | default(true) %}quality_variant,{% else %}null::varchar as quality_variant,{% endif %}
        {% if has_quality | default(true) %}quality_inferred_from,{% else %}null::varchar as quality_inferred_from,{% endif %}
        {% if has_speed | default(true) %}
        ttft_seconds,
        output_tokens_per_second,
        {% else %}
        null::double as ttft_seconds,
        null::double as output_tokens_per_second,
        {% endif %}
        {% if has_effort_speed | default(true) %}
        speed_variant,
        speed_basis,
        quality_effort,
        quality_effort_basis,
        quality_default_offset,
        effort_ttft_seconds,
        effort_output_tokens_per_second
        {% else %}
        null::varchar as speed_variant,
        null::varchar as speed_basis,
        null::varchar as quality_effort,
        null::varchar as quality_effort_basis,
        null::double as quality_default_offset,
        null::double as effort_ttft_seconds,
        null::double as effort_output_tokens_per_second
        {% endif %}
    from (
        select
            *,
            coalesce(
                mode = 'audio' and list_contains(input_modalities, 'audio')
                    and list_contains(output_modalities, 'text'),
                false
            ) as is_transcriber,
            coalesce(mode = 'image' and list_contains(output_modalities, 'image'), false)
                as is_image_maker
        from models
    )
    where litellm_model is not null
),

-- The dearest callable listing per price unit; a price per audio minute or per image counts per
-- 1,000 minutes or images, so that its log scale spans what a price per 1M tokens does.
price_ranges as (
    select
        price_unit,
        case when price_unit in ('audio minute', 'image') then 1000 else 1 end as unit_scale,
        max(unit_price) as unit_high
    from callable_models
    group by price_unit
),

-- Models with a first-party listing (the lab's own API or a major cloud), and whether one is at
-- a known price. A role that does not admit free tiers is never given a free or unpriced one
-- (Gemma 4 on Google's API has no price), so to that role the model is a re-seller's; a role
-- that admits them (opted in, or `priced` relaxed) reads is_reseller_only_with_free.
first_party as (
    select model_group, bool_or(not is_unpriced_or_free) as has_priced
    from callable_models
    where host_class in ('lab', 'cloud')
    group by model_group
),

-- A listing not measured for speed: the measured speed of the same model on its lab's own API
-- (a re-listing: Bedrock, Vertex, a gateway), else on the same provider of the model whose
-- quality it copies (an inferred model), else of its nearest older measured sibling in its line
-- (models.model_line, a greater line_rank), named in lineage_speed_from. The selection estimates
-- its latency from these before any class median: Gemini 3.8 Flash copies Gemini 3.5 Flash's
-- quality, and 3.5 Flash takes 25.8 s to its first token; Claude Opus 4.8, measured for quality
-- but not for speed, is timed as Opus 4.7 (1.6 s), not as the median large model. The lab's
-- figure stays an estimate on another host (other hardware, batching and quantisation: see
-- int_models__speed), but a better one than a class median: Kimi K2.7 Code, measured at 3.1 s
-- on Moonshot's API, was estimated at the median's 2.0 s on DeepInfra and beat a faster model.
lineage_speed as (
    select
        unmeasured.canonical_id,
        predecessor.model_group as lineage_speed_from,
        predecessor.ttft_seconds as lineage_ttft_seconds,
        predecessor.output_tokens_per_second as lineage_output_tokens_per_second,
        predecessor.effort_ttft_seconds as lineage_effort_ttft_seconds,
        predecessor.effort_output_tokens_per_second as lineage_effort_output_tokens_per_second
    from callable_models as unmeasured
    inner join callable_models as predecessor
        on predecessor.mode = unmeasured.mode
        and (
            -- the same model, as the lab serves it: not for a listing that says it does not
            -- reason, which the lab's thinking default would time (Gemma 4 on Vercel)
            (
                predecessor.model_group = unmeasured.model_group
                and predecessor.host_class = 'lab'
                and predecessor.supports_reasoning = unmeasured.supports_reasoning
            )
            or (
                predecessor.provider = unmeasured.provider
                and (
                    predecessor.model_group = unmeasured.quality_inferred_from
                    or (
                        predecessor.model_line = unmeasured.model_line
                        and predecessor.line_rank > unmeasured.line_rank
                    )
                )
            )
        )
    where unmeasured.ttft_seconds is null and unmeasured.effort_ttft_seconds is null
        and (predecessor.ttft_seconds is not null or predecessor.effort_ttft_seconds is not null)
    qualify row_number() over (
        partition by unmeasured.canonical_id
        order by
            predecessor.model_group = unmeasured.model_group desc,
            coalesce(predecessor.model_group = unmeasured.quality_inferred_from, false) desc,
            predecessor.line_rank,
            predecessor.canonical_id
    ) = 1
),

listings as (
    select
        callable_models.*,
        lineage_speed.* exclude (canonical_id),
        not coalesce(first_party.has_priced, false) as is_reseller_only,
        first_party.model_group is null as is_reseller_only_with_free,
        lower(callable_models.provider) as provider_key,
        lower(callable_models.litellm_provider) as litellm_provider_key,
        case callable_models.host_class
            when 'lab' then 0 when 'cloud' then 1 when 'other' then 2 else 3
        end as host_rank,
        {% if has_marts | default(true) %}
        -- the cloud that is the usual home of its lab's models (data/seeds/hosts.csv
        -- partner_lab: Azure for OpenAI's, Bedrock and Vertex for Anthropic's)
        exists (
            select 1 from seeds.hosts as partners
            where partners.provider = callable_models.provider
                and partners.partner_lab = callable_models.model_lab
        ) as is_partner_cloud,
        {% else %}
        false as is_partner_cloud,
        {% endif %}
        1 - ln(1 + unit_scale * unit_price) / ln(1 + nullif(unit_scale * unit_high, 0))
            as cost_signal
    from callable_models
    inner join price_ranges using (price_unit)
    left join first_party using (model_group)
    left join lineage_speed using (canonical_id)
),

-- Numbers for the selection query, which joins, groups and sorts role x listing rows on them
-- instead of on names: model_key follows canonical_id order (so a tie broken on it falls as on
-- the name), group_key numbers the model groups, provider_group and litellm_group the provider
-- spellings, and host_order is a listing's place among its model's listings (host order, a
-- global API before a regional one, then the cheapest, then its lab's partner cloud, then
-- canonical_id: the order in which a role prefers them).
final as (
    select
        *,
        row_number() over (order by canonical_id) as model_key,
        dense_rank() over (order by model_group) as group_key,
        count(*) over (partition by model_group) > 1 as has_other_hosts,
        case
            when provider_key is not null then dense_rank() over (order by provider_key)
        end as provider_group,
        dense_rank() over (order by litellm_provider) as litellm_group,
        row_number() over (
            partition by model_group
            order by host_rank, host_region is not null, coalesce(unit_price, 'infinity'::double),
                is_partner_cloud desc, canonical_id
        ) as host_order
    from listings
)

select * exclude (model_lab, is_partner_cloud) from final
