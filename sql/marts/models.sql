-- models: the catalog.
-- grain: one row per catalog listing (provider x model). key: canonical_id ('<provider>/<model_id>'),
-- unique and not null.
-- mode, price_blended_per_million (3 input : 1 output, data/seeds/settings.csv) and cost_tier
--   (quintiles of the blended price over chat models with a price, 1 = cheapest): see
--   int_models__priced. price_per_audio_minute (USD per minute of audio in) and its basis: a
--   transcription model's price, the unit a transcription role ranks on; price_per_image (USD
--   per generated image) and its basis: an image generation model's (int_models__priced).
-- quality_tier, reasoning_tier, creative_tier, coding_tier (1 = best .. 5, NULL when the model
--   has no arena name): quintiles of the text leaderboard categories 'full', 'hard_6',
--   'creative_writing', 'coding' over the arena names the catalog offers (int_arena__score_tiers).
-- arena_score, arena_ci_low, arena_ci_high: text leaderboard, category 'full'.
-- quality_source: 'arena' (direct), 'arena_alias' (data/seeds/arena_aliases.csv),
--   'arena_undated' (undated id of a single dated arena snapshot), 'arena_variant' (the arena
--   ranked a configuration of the model), 'arena_vision' (the model's arena name is ranked on
--   the vision leaderboard only: no text score and no arena tiers; its vision scores are in
--   model_scores), or 'none' (see int_arena__name_matches). A model the arena does not rank
--   takes its quality's kind instead (int_models__quality): 'combined' (Artificial Analysis and
--   LiveBench), 'artificial_analysis', 'livebench', or 'inferred_lineage' (a predecessor's
--   figures, named in quality_inferred_from); 'none' when nothing scores it.
-- model_key: the underlying model shared across hosts (int_models__model_keys).
-- model_line, line_rank: the model's line ('gpt-#-sol') and its version's place in it, 1 for
--   the newest the catalog lists; NULL when the id has no version (int_models__lines).
-- listing_source: 'models.dev', or 'litellm' for a lab API listing only litellm's cost map has
--   yet (GPT-6, Claude Opus 5.5, the labs' transcription and speech models): its flags, limits
--   and prices are litellm's; its release_date is the snapshot date in its id, else its first
--   snapshot's date in the cost map, else the median
--   date models.dev's listings of the same model give, else Artificial Analysis's date for the
--   slug matched to it, else NULL (int_models__listings, litellm_release below); its
--   open_weights is what the model's models.dev listings say (on_hosts below).
-- open_weights: what the lab's own models.dev listing of the model says, where the lab lists
--   it (lab_weights below: the weights are the model's, not a host's), else the listing's own
--   flag.
-- quality_<task>, quality_<task>_low, quality_<task>_high for task in overall, coding,
--   reasoning, creative, agentic, vision, instruction_following: the calibrated quality in
--   arena-equivalent Elo points with its 95% interval, NULL when unknown (int_models__quality;
--   the fit is int_quality__calibration, each source's own figure int_models__quality_scores).
-- quality_sources: 'source:name' of every figure behind the qualities (e.g.
--   'artificial_analysis:gpt-5-5', 'lmarena:gpt-5.1-high'); quality_variant: the effort the
--   overall figure was measured at ('xhigh'; NULL when the source states none).
--   quality_effort: the reasoning_effort ('low', 'medium', 'high') the generator writes so the
--   call runs at the effort the figures were measured at; quality_effort_basis: 'effort' (figures at
--   quality_effort), 'default' (at the lab's default effort, the call with no effort
--   parameter), 'headline' (at an effort the call cannot ask for, 'xhigh' or 'max', as the
--   default was never measured; its interval reaches 30 points lower), NULL when no benchmark
--   source scores the model; quality_default_offset: the points the figures lose when the
--   call sets no effort (a latency: low role), NULL when not measured (int_models__quality).
-- ttft_seconds, output_tokens_per_second, speed_source, speed_variant: measured speed on the
--   lab's own API, that host only, of the model called with no effort parameter: the lab's
--   default configuration (data/seeds/default_efforts.csv), named in speed_variant;
--   speed_basis 'default', or 'headline' where the seed does not give the lab's default and the
--   figure is Artificial Analysis's headline configuration.
--   effort_ttft_seconds, effort_output_tokens_per_second: the same, called at quality_effort
--   (int_models__speed).
-- is_deprecated: models.dev marks the listing deprecated, or the lab deprecated the underlying
--   model (int_models__lab_status), which every re-listing shares, or the deprecation_date
--   litellm's cost map gives the entry it is called through has passed as of the build.
-- deprecation_date: that cost-map date, passed or to come (NULL when the map gives none); the
--   selection counts a listing retiring within settings.retiring_within_days as deprecated.
-- litellm_model: '<litellm_provider>/<model_id>', NULL with litellm_model_reason when litellm
--   has no provider for the host or knows the model only in a lab's subscription plan;
--   litellm_support: 'cost_map', 'passthrough', 'plan_only' or 'no_provider'
--   (int_models__litellm_matched).
-- tags: reasoning, tools, vision, audio-input, pdf, structured-output, open-weights,
--   long-context (>= long_context_min_tokens), free (blended price 0), deprecated.
-- supports_structured_output: models.dev's flag, else litellm's when models.dev leaves it
--   unset (structured_output_source). is_deprecated: also true on every host of a model its
--   lab deprecated. base_model_id, model_group, model_lab, host_class, is_free_listing: see
--   int_models__hosted (host order and free tiers, data/seeds/hosts.csv).
with

models as (

    select * from int_models__listings

),

providers as (

    select provider, env_key from stg_models_dev__providers

),

litellm_matches as (

    select * from int_models__litellm_matched

),

cost_map_dates as (

    -- the deprecation date litellm's cost map gives the entry a listing is called through: a
    -- host's own retirement (Together retired MiniMax M3 on 2026-11-06, while models.dev still
    -- lists it), passed as of the build (stg_litellm__models.is_retired) or to come
    select litellm_matches.canonical_id, entries.deprecation_date, entries.is_retired
    from litellm_matches
    inner join stg_litellm__models as entries on entries.litellm_key = litellm_matches.litellm_key
    where entries.deprecation_date is not null

),

priced as (

    select * from int_models__priced

),

arena_matches as (

    select * from int_models__arena_matched

),

arena_tiers as (

    select * from int_models__arena_tiers

),

hosted as (

    select * from int_models__hosted

),

model_keys as (

    select canonical_id, model_key from int_models__model_keys

),

lines as (

    select model_key, line_key, line_rank from int_models__lines

),

quality as (

    select * from int_models__quality

),

speed as (

    select * from int_models__speed

),

lab_status as (

    select * from int_models__lab_status

),

on_hosts as (

    -- what the models.dev listings of a model say, for a litellm-only listing that does not:
    -- whether its weights are open, and its release date (the median the hosts give)
    select
        model_keys.model_key,
        bool_or(listings.open_weights) as open_weights,
        quantile_disc(listings.release_date, 0.5) as release_date
    from int_models__listings as listings
    inner join model_keys on model_keys.canonical_id = listings.canonical_id
    where listings.listing_source = 'models.dev'
    group by model_keys.model_key

),

lab_weights as (

    -- whether the weights are open is the model's, not a host's: the lab's own listing says it
    -- where there is one (Together lists Qwen3.6-Plus as open; Alibaba's and nine other
    -- listings say closed, and it is: an API-only model)
    select model_keys.model_key, bool_or(listings.open_weights) as open_weights
    from int_models__listings as listings
    inner join model_keys on model_keys.canonical_id = listings.canonical_id
    inner join hosted on hosted.canonical_id = listings.canonical_id
    where hosted.host_class = 'lab' and listings.listing_source = 'models.dev'
        and listings.open_weights is not null
    group by model_keys.model_key

),

litellm_release as (

    -- A litellm-only listing whose id carries no snapshot date takes the median date the
    -- models.dev listings of the same model give (hosts that list it already), else the release
    -- date Artificial Analysis gives the slug matched to it: dates a source published, never
    -- made up.
    select
        listings.canonical_id,
        coalesce(on_hosts.release_date, measured.release_date) as release_date
    from int_models__listings as listings
    inner join model_keys on model_keys.canonical_id = listings.canonical_id
    left join on_hosts on on_hosts.model_key = model_keys.model_key
    left join (
        select matches.canonical_id, max(aa.release_date) as release_date
        from int_models__quality_matches as matches
        inner join stg_artificial_analysis__models as aa on aa.aa_slug = matches.source_name
        where matches.source = 'artificial_analysis'
        group by matches.canonical_id
    ) as measured on measured.canonical_id = listings.canonical_id
    where listings.listing_source = 'litellm' and listings.release_date is null

),

settings as (

    select value as long_context_min_tokens
    from seeds.settings
    where name = 'long_context_min_tokens'

),

final as (

    select
        models.canonical_id,
        models.provider,
        models.model_id,
        litellm_matches.litellm_provider,
        litellm_matches.litellm_model,
        litellm_matches.litellm_model_reason,
        litellm_matches.litellm_support,
        models.family,
        models.display_name,
        priced.mode,
        models.supports_reasoning,
        models.supports_tool_call,
        hosted.supports_structured_output,
        models.supports_temperature,
        models.supports_attachment,
        models.input_modalities,
        models.output_modalities,
        models.context_tokens,
        models.max_output_tokens,
        models.price_input_per_million,
        models.price_output_per_million,
        models.price_cache_read_per_million,
        models.price_cache_write_per_million,
        models.price_reasoning_per_million,
        priced.price_blended_per_million,
        priced.cost_tier,
        arena_tiers.quality_tier,
        arena_tiers.reasoning_tier,
        arena_tiers.creative_tier,
        arena_tiers.coding_tier,
        arena_tiers.arena_score,
        arena_tiers.arena_ci_low,
        arena_tiers.arena_ci_high,
        arena_matches.arena_name,
        case
            when arena_matches.quality_source is null then coalesce(quality.quality_kind, 'none')
            when arena_tiers.arena_score is null then 'arena_vision'
            else arena_matches.quality_source
        end as quality_source,
        models.knowledge_cutoff,
        coalesce(models.release_date, litellm_release.release_date) as release_date,
        models.last_updated,
        coalesce(lab_weights.open_weights, models.open_weights, on_hosts.open_weights) as open_weights,
        models.status,
        models.is_deprecated or hosted.is_lab_deprecated
            or coalesce(lab_status.is_lab_deprecated, false)
            or coalesce(cost_map_dates.is_retired, false) as is_deprecated,
        cost_map_dates.deprecation_date,
        providers.env_key,
        list_filter(
            [
                case when models.supports_reasoning then 'reasoning' end,
                case when models.supports_tool_call then 'tools' end,
                case when list_contains(models.input_modalities, 'image') then 'vision' end,
                case when list_contains(models.input_modalities, 'audio') then 'audio-input' end,
                case when list_contains(models.input_modalities, 'pdf') then 'pdf' end,
                case when hosted.supports_structured_output then 'structured-output' end,
                case
                    when coalesce(lab_weights.open_weights, models.open_weights, on_hosts.open_weights)
                        then 'open-weights'
                end,
                case
                    when models.context_tokens >= settings.long_context_min_tokens
                        then 'long-context'
                end,
                case when priced.price_blended_per_million = 0 then 'free' end,
                case
                    when models.is_deprecated or hosted.is_lab_deprecated
                        or coalesce(lab_status.is_lab_deprecated, false)
                        or coalesce(cost_map_dates.is_retired, false)
                        then 'deprecated'
                end
            ],
            lambda tag: tag is not null
        ) as tags,
        models.max_input_tokens,
        models.price_input_audio_per_million,
        models.price_output_audio_per_million,
        priced.price_per_audio_minute,
        priced.price_per_audio_minute_basis,
        priced.price_per_image,
        priced.price_per_image_basis,
        models.has_experimental_modes,
        hosted.structured_output_source,
        hosted.base_model_id,
        hosted.model_group,
        hosted.model_lab,
        hosted.host_class,
        hosted.host_region,
        hosted.is_free_listing,
        models.listing_source,
        model_keys.model_key,
        lines.line_key as model_line,
        lines.line_rank,
        quality.quality_overall,
        quality.quality_overall_low,
        quality.quality_overall_high,
        quality.quality_coding,
        quality.quality_coding_low,
        quality.quality_coding_high,
        quality.quality_reasoning,
        quality.quality_reasoning_low,
        quality.quality_reasoning_high,
        quality.quality_creative,
        quality.quality_creative_low,
        quality.quality_creative_high,
        quality.quality_agentic,
        quality.quality_agentic_low,
        quality.quality_agentic_high,
        quality.quality_vision,
        quality.quality_vision_low,
        quality.quality_vision_high,
        quality.quality_instruction_following,
        quality.quality_instruction_following_low,
        quality.quality_instruction_following_high,
        coalesce(quality.quality_sources, []::varchar[]) as quality_sources,
        quality.quality_inferred_from,
        quality.quality_variant,
        quality.quality_effort,
        quality.quality_effort_basis,
        quality.quality_default_offset,
        speed.ttft_seconds,
        speed.output_tokens_per_second,
        speed.speed_source,
        speed.speed_variant,
        speed.speed_basis,
        speed.effort_ttft_seconds,
        speed.effort_output_tokens_per_second
    from models
    cross join settings
    left join providers on providers.provider = models.provider
    left join litellm_matches on litellm_matches.canonical_id = models.canonical_id
    left join cost_map_dates on cost_map_dates.canonical_id = models.canonical_id
    left join priced on priced.canonical_id = models.canonical_id
    left join arena_matches on arena_matches.canonical_id = models.canonical_id
    left join arena_tiers on arena_tiers.arena_name = arena_matches.arena_name
    left join hosted on hosted.canonical_id = models.canonical_id
    left join model_keys on model_keys.canonical_id = models.canonical_id
    left join quality on quality.canonical_id = models.canonical_id
    left join speed on speed.canonical_id = models.canonical_id
    left join lab_status on lab_status.model_key = model_keys.model_key
    left join litellm_release on litellm_release.canonical_id = models.canonical_id
    left join on_hosts on on_hosts.model_key = model_keys.model_key
    left join lab_weights on lab_weights.model_key = model_keys.model_key
    left join lines on lines.model_key = model_keys.model_key

)

select * from final
