-- int_models__quality_matches
-- grain: one row per models.dev model x quality source that ranks it. key: (canonical_id, source).
-- The one source name whose figures a model takes from each source: the figure of the effort
-- the call will run at (call_effort, else the seed's default), then the best match_rank
-- (int_quality__name_matches), then the higher overall figure, then the name. Sources list one name per effort ('gpt-5-5' at xhigh,
-- 'gpt-5-5-high', 'gpt-5-5-low'; LiveBench's 'claude-opus-4-8-high-effort' .. '-xhigh-effort'),
-- and the call runs at one of them:
--   call_effort   the reasoning_effort the generator writes (generator/params.py effort_param):
--                 the highest of 'high', 'medium', 'low' any source measured, for a reasoning
--                 model whose first host (lab, cloud, other) is on a litellm provider that takes
--                 it (the list is
--                 generator/query.py EFFORT_PROVIDERS; a test keeps the two equal). A
--                 quality-first role wants the model at its best callable effort, and 'xhigh'
--                 and 'max' are not portable litellm values, so they are never written.
--   effort_basis 'effort': the figure is at call_effort; 'default': at the lab's default
--                 effort (data/seeds/default_efforts.csv), or a name that states no effort
--                 (the source measured the model as served), or, for a model the seed does not
--                 cover, a configuration that names no effort level ('reasoning', 'thinking');
--                 'headline': any other variant ('xhigh', 'max', an effort level the call does
--                 not ask for), used only when the source measured neither the call's effort
--                 nor the default.
-- variant records the configuration the figures came from (int_quality__source_names);
-- default_source_name, for a figure at call_effort, the same source's name at the lab's default.
-- release_years is the model's age marker for calibration: years from 2023-01-01 to the
-- release date Artificial Analysis gives the model's matched slug, else the median release date the hosts give the model (its model_key; one host may list a wrong
-- date), NULL when none gives one.
with

matches as (

    select * from int_quality__name_matches

),

names as (

    select * from int_quality__source_names

),

release_dates as (

    select
        model_keys.canonical_id,
        quantile_disc(models.release_date, 0.5) over (partition by model_keys.model_key)
            as release_date
    from int_models__model_keys as model_keys
    inner join int_models__listings as models on models.canonical_id = model_keys.canonical_id

),

overall as (

    select source, source_name, value from int_quality__source_scores where task = 'overall'

),

efforts as (

    select
        matches.canonical_id,
        matches.source,
        matches.source_name,
        names.variant,
        nullif(list_last(regexp_extract_all(names.variant, '(^|[^x])(low|medium|high)', 2)), '')
            as variant_effort,
        overall.value is not null as has_overall
    from matches
    inner join names
        on names.source = matches.source and names.source_name = matches.source_name
    left join overall
        on overall.source = matches.source and overall.source_name = matches.source_name

),

effort_keys as (

    -- by model, not listing: a model's quality is the same on every host, the figure of the
    -- host a role calls first (its lab's API, else a major cloud, else any), so that host's
    -- provider decides whether the call carries reasoning_effort
    select
        model_keys.model_key,
        arg_min(
            models.supports_reasoning and coalesce(litellm.litellm_provider in (
                'openai', 'azure', 'anthropic', 'gemini', 'vertex_ai', 'bedrock', 'xai'
            ), false),
            case hosted.host_class when 'lab' then 1 when 'cloud' then 2 when 'other' then 3
                else 4 end
        ) as writes_effort
    from int_models__listings as models
    inner join int_models__litellm_matched as litellm
        on litellm.canonical_id = models.canonical_id
    inner join int_models__model_keys as model_keys
        on model_keys.canonical_id = models.canonical_id
    inner join int_models__hosted as hosted on hosted.canonical_id = models.canonical_id
    group by model_keys.model_key

),

writes_effort as (

    select model_keys.canonical_id
    from int_models__model_keys as model_keys
    inner join effort_keys on effort_keys.model_key = model_keys.model_key
    where effort_keys.writes_effort

),

call_efforts as (

    select
        efforts.canonical_id,
        max_by(
            efforts.variant_effort,
            case efforts.variant_effort when 'high' then 3 when 'medium' then 2 else 1 end
        ) as call_effort
    from efforts
    inner join writes_effort on writes_effort.canonical_id = efforts.canonical_id
    where efforts.variant_effort is not null and efforts.has_overall
    group by efforts.canonical_id

),

lab_defaults as (

    select
        model_keys.model_key,
        string_split(seed.default_variant, '|') as default_variants
    from int_models__listings as models
    inner join int_models__model_keys as model_keys
        on model_keys.canonical_id = models.canonical_id
    inner join seeds.default_efforts as seed
        on seed.provider = models.provider
        and regexp_matches(models.model_id, seed.pattern)
    qualify row_number() over (
        partition by model_keys.model_key order by seed.priority, seed.pattern, models.canonical_id
    ) = 1

),

defaults as (

    -- the lab's default applies on every host of the model
    select model_keys.canonical_id, lab_defaults.default_variants
    from int_models__model_keys as model_keys
    inner join lab_defaults on lab_defaults.model_key = model_keys.model_key

),

based as (

    select
        efforts.*,
        case
            when efforts.variant_effort = call_efforts.call_effort then 'effort'
            when list_contains(defaults.default_variants, efforts.variant) then 'default'
            when efforts.variant is null then 'default'
            when defaults.default_variants is null
                and not regexp_matches(efforts.variant, '(minimal|low|medium|high|max)$')
                then 'default'
            else 'headline'
        end as effort_basis,
        coalesce(list_contains(defaults.default_variants, efforts.variant), false)
            as is_seed_default,
        call_efforts.call_effort
    from efforts
    left join call_efforts on call_efforts.canonical_id = efforts.canonical_id
    left join defaults on defaults.canonical_id = efforts.canonical_id

),

default_names as (

    -- the figure of the call with no effort parameter, for a model whose chosen figure is at
    -- call_effort: a role that wants speed calls it so (int_models__quality's offset)
    select canonical_id, source, source_name as default_source_name
    from based
    -- (the call's effort may be the default itself: Gemini thinks at high unless told not to)
    where (effort_basis = 'default' or is_seed_default) and has_overall
    qualify row_number() over (
        partition by canonical_id, source order by is_seed_default desc, source_name
    ) = 1

),

ranked as (

    select
        matches.canonical_id,
        matches.source,
        matches.source_name,
        matches.match_kind,
        names.variant,
        based.effort_basis,
        based.call_effort,
        release_dates.release_date as catalog_release_date
    from matches
    left join release_dates on release_dates.canonical_id = matches.canonical_id
    inner join names
        on names.source = matches.source and names.source_name = matches.source_name
    inner join based
        on based.canonical_id = matches.canonical_id
        and based.source = matches.source
        and based.source_name = matches.source_name
    left join overall
        on overall.source = matches.source and overall.source_name = matches.source_name
    qualify row_number() over (
        partition by matches.canonical_id, matches.source
        order by
            based.has_overall and based.effort_basis = 'effort' desc,
            based.has_overall and based.is_seed_default desc,
            matches.match_rank,
            overall.value desc nulls last,
            matches.source_name
    ) = 1

),

final as (

    select
        ranked.canonical_id,
        ranked.source,
        ranked.source_name,
        ranked.match_kind,
        ranked.variant,
        ranked.effort_basis,
        case when ranked.effort_basis = 'effort' then ranked.call_effort end as variant_effort,
        case when ranked.effort_basis = 'effort' then default_names.default_source_name end
            as default_source_name,
        date_diff(
            'day',
            date '2023-01-01',
            coalesce(
                max(aa.release_date) over (partition by ranked.canonical_id),
                ranked.catalog_release_date
            )
        ) / 365.25 as release_years
    from ranked
    left join stg_artificial_analysis__models as aa
        on ranked.source = 'artificial_analysis' and aa.aa_slug = ranked.source_name
    left join default_names
        on default_names.canonical_id = ranked.canonical_id and default_names.source = ranked.source

)

select * from final
