-- int_arena__score_tiers
-- grain: one row per leaderboard x category x arena name that is the chosen arena name of at
-- least one catalog model. key: (leaderboard, category, arena_name).
-- tier: quintile by rank of score within (leaderboard, category), 1 = best, over that
-- population (the arena names the catalog can offer, each counted once however many hosts
-- serve it):  tier = 1 + floor(tier_count * (rank - 1) / count). Equal scores share a tier,
-- and a higher score never gets a worse tier.
with

scores as (

    select * from stg_lmarena__scores

),

chosen as (

    select distinct arena_name from int_models__arena_matched

),

settings as (

    select value::integer as tier_count from seeds.settings where name = 'tier_count'

),

population as (

    select scores.*
    from scores
    inner join chosen on chosen.arena_name = scores.arena_name

),

final as (

    select
        population.leaderboard,
        population.category,
        population.arena_name,
        population.score,
        population.ci_low,
        population.ci_high,
        (
            1 + floor(
                settings.tier_count
                * (rank() over (partition by leaderboard, category order by score desc) - 1)
                / count(*) over (partition by leaderboard, category)
            )
        )::integer as tier
    from population
    cross join settings

)

select * from final
