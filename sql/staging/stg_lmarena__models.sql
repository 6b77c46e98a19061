-- stg_lmarena__models
-- grain: one row per arena model name listed in LMArena's scatterplot data. key: arena_name.
-- The lab (organization) and display name behind an arena name; prices are not used (strings,
-- per image for image models).
with

source as (

    select * from raw.lmarena_scatterplot

),

final as (

    select
        arena_name,
        display_name,
        organization,
        license,
        is_hidden
    from source

)

select * from final
