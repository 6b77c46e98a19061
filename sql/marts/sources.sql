-- sources
-- materialized: view
-- grain: one row per source in this build (the newest load of each). key: source.
-- origin is 'live', 'cache' or 'snapshot'; status is 'ok', or 'quarantined' when rows were
-- dropped (message lists them with numbers). data_as_of is when the data itself was current:
-- the fetch time for live data, the upstream commit date for a bundled snapshot, NULL when
-- unknown (litellm's map bundled in the installed package carries no date).
-- matched_share: the share of the source's own entries tied to at least one catalog model
-- (arena names on the text or vision boards, Artificial Analysis slugs, LiveBench model rows);
-- NULL for models_dev (it is the catalog) and litellm (it is matched per host, see
-- models.litellm_model_reason). license and attribution come from data/seeds/source_info.csv
-- and travel with the data: "Data: Artificial Analysis, https://artificialanalysis.ai".
with

ledger as (

    select * from stg_pipeline__load_ledger

),

info as (

    select * from seeds.source_info

),

matched as (

    select
        'lmarena' as source,
        count(*) filter (
            where arena_name in (select arena_name from int_arena__name_matches)
        ) / nullif(count(*), 0) as matched_share
    from int_arena__names
    union all
    select
        names.source,
        count(*) filter (
            where (names.source, names.source_name) in (
                select (source, source_name) from int_quality__name_matches
            )
        ) / nullif(count(*), 0)
    from int_quality__source_names as names
    group by names.source

),

latest as (

    select *
    from ledger
    qualify row_number() over (partition by source order by loaded_at desc) = 1

),

final as (

    select
        latest.source,
        latest.origin,
        latest.location,
        latest.fetched_at,
        latest.sha256,
        latest.row_count,
        latest.quarantined,
        latest.status,
        latest.message,
        latest.loaded_at,
        latest.data_as_of,
        matched.matched_share,
        info.license,
        info.attribution,
        info.homepage
    from latest
    left join matched on matched.source = latest.source
    left join info on info.source = latest.source

)

select * from final
