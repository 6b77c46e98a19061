-- int_models__speed
-- grain: one row per models.dev model served by its own lab that Artificial Analysis measured at
-- its default configuration or at its quality_effort.
-- key: canonical_id.
-- ttft_seconds and output_tokens_per_second are Artificial Analysis's medians, measured on the
-- lab's own API (data/seeds/lab_providers.csv maps its creator to that provider). They apply to
-- that host alone: another host runs other hardware, batching and quantisation, so a re-listing
-- (a gateway, Bedrock, Vertex) gets no speed rather than a borrowed one.
-- Artificial Analysis measures one slug per effort ('gpt-5-5' at xhigh, 'gpt-5-5-low', ...), and
-- the time to first token spans 1 s to 100 s across them, so each figure names its variant:
--   ttft_seconds, output_tokens_per_second, speed_variant: the model called with no effort
--     parameter. Where data/seeds/default_efforts.csv gives the lab's default configuration,
--     the slug measured at that variant, else the slug that states no configuration; never
--     another effort (a default with no such slug gives no speed): speed_basis 'default'. For a
--     model the seed does not cover, the model's chosen slug (int_models__quality_matches), else
--     the best-ranked one: speed_basis 'headline' (the lab's default is not on record).
--   quality_effort, effort_ttft_seconds, effort_output_tokens_per_second: the model called with
--     reasoning_effort = quality_effort (int_models__quality), which the generator writes so the
--     call matches the quality figure; NULL where no slug was measured at that effort.
with

matches as (

    select * from int_quality__name_matches where source = 'artificial_analysis'

),

chosen as (

    select * from int_models__quality_matches where source = 'artificial_analysis'

),

names as (

    select * from int_quality__source_names where source = 'artificial_analysis'

),

aa as (

    select * from stg_artificial_analysis__models

),

labs as (

    select * from seeds.lab_providers

),

models as (

    select canonical_id, provider, model_id from int_models__listings

),

quality as (

    select canonical_id, quality_effort from int_models__quality

),

defaults as (

    select
        models.canonical_id,
        string_split(efforts.default_variant, '|') as default_variants
    from models
    inner join seeds.default_efforts as efforts
        on efforts.provider = models.provider
        and regexp_matches(models.model_id, efforts.pattern)
    qualify row_number() over (
        partition by models.canonical_id order by efforts.priority, efforts.pattern
    ) = 1

),

candidates as (

    select
        matches.canonical_id,
        matches.source_name,
        names.variant,
        aa.ttft_seconds,
        aa.output_tokens_per_second,
        coalesce(chosen.source_name = matches.source_name, false) as is_chosen,
        matches.match_rank,
        defaults.default_variants,
        coalesce(list_contains(defaults.default_variants, names.variant), false) as is_default
    from matches
    inner join aa on aa.aa_slug = matches.source_name
    inner join names on names.source_name = matches.source_name
    inner join labs on labs.creator_slug = aa.creator_slug
    inner join models
        on models.canonical_id = matches.canonical_id and models.provider = labs.provider
    left join chosen on chosen.canonical_id = matches.canonical_id
    left join defaults on defaults.canonical_id = matches.canonical_id
    where aa.output_tokens_per_second is not null or aa.ttft_seconds is not null

),

default_speed as (

    select
        canonical_id,
        ttft_seconds,
        output_tokens_per_second,
        variant as speed_variant,
        case when default_variants is null then 'headline' else 'default' end as speed_basis,
        source_name as speed_source_name
    from candidates
    where default_variants is null or is_default or variant is null
    qualify row_number() over (
        partition by canonical_id
        order by is_default desc, is_chosen desc, match_rank, (variant is null) desc, source_name
    ) = 1

),

effort_speed as (

    select
        candidates.canonical_id,
        quality.quality_effort,
        candidates.ttft_seconds as effort_ttft_seconds,
        candidates.output_tokens_per_second as effort_output_tokens_per_second
    from candidates
    inner join quality
        on quality.canonical_id = candidates.canonical_id
        and quality.quality_effort = candidates.variant
    qualify row_number() over (
        partition by candidates.canonical_id
        order by candidates.is_chosen desc, candidates.match_rank, candidates.source_name
    ) = 1

),

measured as (

    select distinct canonical_id from candidates

),

final as (

    select
        measured.canonical_id,
        default_speed.ttft_seconds,
        default_speed.output_tokens_per_second,
        case when default_speed.canonical_id is not null then 'artificial_analysis' end
            as speed_source,
        default_speed.speed_variant,
        default_speed.speed_basis,
        default_speed.speed_source_name,
        effort_speed.quality_effort,
        effort_speed.effort_ttft_seconds,
        effort_speed.effort_output_tokens_per_second
    from measured
    left join default_speed on default_speed.canonical_id = measured.canonical_id
    left join effort_speed on effort_speed.canonical_id = measured.canonical_id
    where default_speed.canonical_id is not null or effort_speed.canonical_id is not null

)

select * from final
