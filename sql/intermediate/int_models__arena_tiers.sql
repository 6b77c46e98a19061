-- int_models__arena_tiers
-- grain: one row per arena name that is some catalog model's chosen name. key: arena_name.
-- The text-leaderboard tier per category that the models mart exposes, and the 'full' score
-- with its 95% interval: quality_tier = 'full', reasoning_tier = 'hard_6' (hard prompts),
-- creative_tier = 'creative_writing', coding_tier = 'coding' (int_arena__score_tiers).
with

text_tiers as (

    select * from int_arena__score_tiers where leaderboard = 'text'

),

final as (

    select
        arena_name,
        max(tier) filter (where category = 'full') as quality_tier,
        max(tier) filter (where category = 'hard_6') as reasoning_tier,
        max(tier) filter (where category = 'creative_writing') as creative_tier,
        max(tier) filter (where category = 'coding') as coding_tier,
        max(score) filter (where category = 'full') as arena_score,
        max(ci_low) filter (where category = 'full') as arena_ci_low,
        max(ci_high) filter (where category = 'full') as arena_ci_high
    from text_tiers
    group by arena_name

)

select * from final
