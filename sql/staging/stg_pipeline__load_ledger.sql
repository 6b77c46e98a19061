-- stg_pipeline__load_ledger
-- grain: one row per source load recorded by pipeline.load_payloads. key: (source, loaded_at).
with

source as (

    select * from raw.load_ledger

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
    from source

)

select * from final
