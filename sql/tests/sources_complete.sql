-- sources: one row per source of the build, each with rows, a known status, a license and an
-- attribution line. Returns a row
-- per missing or broken source.
with

expected as (

    select unnest(
        ['artificial_analysis', 'litellm', 'livebench', 'lmarena', 'models_dev']
    ) as source

),

final as (

    select expected.source, sources.status, sources.row_count
    from expected
    left join sources on sources.source = expected.source
    where sources.source is null
        or sources.row_count <= 0
        or sources.status not in ('ok', 'quarantined')
        or sources.license is null
        or sources.attribution is null

)

select * from final
