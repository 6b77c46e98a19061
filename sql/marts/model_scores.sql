-- model_scores
-- grain: one row per catalog model x leaderboard x category in which its arena name is ranked.
-- key: (canonical_id, leaderboard, category), unique and not null.
-- Each model carries the scores of its one chosen arena name (int_models__arena_matched), so
-- every host of the same model has the same rows. tier: see int_arena__score_tiers (1 = best).
with

matches as (

    select * from int_models__arena_matched

),

tiers as (

    select * from int_arena__score_tiers

),

final as (

    select
        matches.canonical_id,
        tiers.leaderboard,
        tiers.category,
        matches.arena_name,
        tiers.score,
        tiers.ci_low,
        tiers.ci_high,
        matches.quality_source,
        tiers.tier
    from matches
    inner join tiers on tiers.arena_name = matches.arena_name

)

select * from final
