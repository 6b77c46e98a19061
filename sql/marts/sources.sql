-- sources
-- materialized: view
-- grain: one row per source in this build (the newest load of each). key: source.
-- origin is 'live', 'cache' or 'snapshot'; status is 'ok', or 'quarantined' when rows were
-- dropped (message lists them with numbers). data_as_of is when the data itself was current:
-- the fetch time for live data, the upstream commit date for a bundled snapshot, NULL when
-- unknown (litellm's map bundled in the installed package carries no date).
with

ledger as (

    select * from stg_pipeline__load_ledger

),

final as (

    select
        source,
        origin,
        location,
        fetched_at,
        sha256,
        row_count,
        quarantined,
        status,
        message,
        loaded_at,
        data_as_of
    from ledger
    qualify row_number() over (partition by source order by loaded_at desc) = 1

)

select * from final
