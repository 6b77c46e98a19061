-- int_models__quality_matches
-- grain: one row per models.dev model x quality source that ranks it. key: (canonical_id, source).
-- The one source name whose figures a model takes from each source: the best match_rank
-- (int_quality__name_matches), then the higher overall figure, then the name. With several
-- effort variants of one model ('gpt-5-5', 'gpt-5-5-high', 'gpt-5-5-low'), the name that is the
-- model itself wins (rank 1, Artificial Analysis's headline configuration); among variants only
-- (LiveBench lists 'claude-opus-4-8-high-effort' .. '-xhigh-effort'), the best-scoring one.
-- variant records the configuration the figures came from (int_quality__source_names).
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
    inner join stg_models_dev__models as models on models.canonical_id = model_keys.canonical_id

),

overall as (

    select source, source_name, value from int_quality__source_scores where task = 'overall'

),

ranked as (

    select
        matches.canonical_id,
        matches.source,
        matches.source_name,
        matches.match_kind,
        names.variant,
        release_dates.release_date as catalog_release_date
    from matches
    left join release_dates on release_dates.canonical_id = matches.canonical_id
    inner join names
        on names.source = matches.source and names.source_name = matches.source_name
    left join overall
        on overall.source = matches.source and overall.source_name = matches.source_name
    qualify row_number() over (
        partition by matches.canonical_id, matches.source
        order by matches.match_rank, overall.value desc nulls last, matches.source_name
    ) = 1

),

final as (

    select
        ranked.canonical_id,
        ranked.source,
        ranked.source_name,
        ranked.match_kind,
        ranked.variant,
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

)

select * from final
