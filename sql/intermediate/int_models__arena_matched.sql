-- int_models__arena_matched
-- grain: one row per models.dev model that has at least one arena name. key: canonical_id.
-- The model's arena name is its best match from int_arena__name_matches: the lowest
-- match_rank, then a name ranked on the text leaderboard, then the higher text 'full' score,
-- then the name (so the choice is deterministic).
with

matches as (

    select * from int_arena__name_matches

),

arena_names as (

    select * from int_arena__names

),

final as (

    select
        matches.canonical_id,
        matches.arena_name,
        matches.quality_source,
        matches.match_rank
    from matches
    inner join arena_names on arena_names.arena_name = matches.arena_name
    qualify row_number() over (
        partition by matches.canonical_id
        order by
            matches.match_rank,
            arena_names.is_in_text desc,
            arena_names.text_full_score desc nulls last,
            matches.arena_name
    ) = 1

)

select * from final
