-- sources: one row per source of the build, each with rows and a known status. Returns a row
-- per missing or broken source.
with

expected as (

    select unnest(['litellm', 'lmarena', 'models_dev']) as source

),

final as (

    select expected.source, sources.status, sources.row_count
    from expected
    left join sources on sources.source = expected.source
    where sources.source is null
        or sources.row_count <= 0
        or sources.status not in ('ok', 'quarantined')

)

select * from final
