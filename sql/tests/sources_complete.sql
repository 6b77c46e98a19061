-- sources: every source of the pipeline has its row in this build (what each row holds is in
-- sql/marts/_contracts.yml). Returns a row per missing source.
with

expected as (

    select unnest(
        ['artificial_analysis', 'litellm', 'livebench', 'lmarena', 'models_dev']
    ) as source

),

final as (

    select expected.source
    from expected
    left join sources on sources.source = expected.source
    where sources.source is null

)

select * from final
