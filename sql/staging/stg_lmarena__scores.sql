-- stg_lmarena__scores
-- grain: one row per leaderboard ('text' | 'vision') x category x arena model name.
-- key: (leaderboard, category, arena_name). score is LMArena's rating; ci_low and ci_high are its
-- 2.5% and 97.5% bounds (the 95% interval).
with

source as (

    select * from raw.lmarena_scores

),

final as (

    select
        leaderboard,
        category,
        arena_name,
        rating as score,
        rating_q025 as ci_low,
        rating_q975 as ci_high
    from source

)

select * from final
