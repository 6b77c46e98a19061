-- int_arena__names
-- grain: one row per arena model name found in any leaderboard. key: arena_name.
-- arena_key is the name in lower case with '.' as '-' (compared with int_models__match_keys).
-- undated_key is arena_key without a trailing snapshot date ('-20251101' or '-2025-09-23'),
-- NULL when the name carries no such date.
with

scores as (

    select * from stg_lmarena__scores

),

names as (

    select
        arena_name,
        bool_or(leaderboard = 'text') as is_in_text,
        bool_or(leaderboard = 'vision') as is_in_vision,
        max(score) filter (where leaderboard = 'text' and category = 'full') as text_full_score,
        max(score) filter (where leaderboard = 'vision' and category = 'full') as vision_full_score
    from scores
    group by arena_name

),

final as (

    select
        arena_name,
        replace(lower(arena_name), '.', '-') as arena_key,
        case
            when regexp_matches(arena_name, '-(\d{8}|\d{4}-\d{2}-\d{2})$')
                then regexp_replace(replace(lower(arena_name), '.', '-'), '-(\d{8}|\d{4}-\d{2}-\d{2})$', '')
        end as undated_key,
        is_in_text,
        is_in_vision,
        text_full_score,
        vision_full_score
    from names

)

select * from final
