-- int_models__speed
-- grain: one row per models.dev model served by its own lab that Artificial Analysis measured.
-- key: canonical_id.
-- ttft_seconds and output_tokens_per_second are Artificial Analysis's medians, measured on the
-- lab's own API (data/seeds/lab_providers.csv maps its creator to that provider). They apply to
-- that host alone: another host runs other hardware, batching and quantisation, so a re-listing
-- (a gateway, Bedrock, Vertex) gets no speed rather than a borrowed one. The figure comes from the
-- model's chosen Artificial Analysis slug (int_models__quality_matches), or, when that slug has
-- no speed, from the best-ranked other slug matched to the model that has one; speed_variant
-- records its configuration (a reasoning effort changes the time to first token).
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

    select canonical_id, provider from stg_models_dev__models

),

candidates as (

    select
        matches.canonical_id,
        matches.source_name,
        names.variant,
        aa.ttft_seconds,
        aa.output_tokens_per_second,
        coalesce(chosen.source_name = matches.source_name, false) as is_chosen,
        matches.match_rank
    from matches
    inner join aa on aa.aa_slug = matches.source_name
    inner join names on names.source_name = matches.source_name
    inner join labs on labs.creator_slug = aa.creator_slug
    inner join models
        on models.canonical_id = matches.canonical_id and models.provider = labs.provider
    left join chosen on chosen.canonical_id = matches.canonical_id
    where aa.output_tokens_per_second is not null or aa.ttft_seconds is not null

),

final as (

    select
        canonical_id,
        ttft_seconds,
        output_tokens_per_second,
        'artificial_analysis' as speed_source,
        variant as speed_variant,
        source_name as speed_source_name
    from candidates
    qualify row_number() over (
        partition by canonical_id
        order by is_chosen desc, match_rank, (variant is null) desc, source_name
    ) = 1

)

select * from final
