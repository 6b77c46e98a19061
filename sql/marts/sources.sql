-- sources
-- materialized: view
-- grain: one row per source in this build (the newest load of each). key: source.
-- origin is 'live', 'cache' or 'snapshot'; status is 'ok', or 'quarantined' when rows were
-- dropped (message lists them with numbers).
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
        loaded_at
    from ledger
    qualify row_number() over (partition by source order by loaded_at desc) = 1

)

select * from final
