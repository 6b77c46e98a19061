-- models: a higher arena score never gets a worse quality tier. Returns offending tier pairs.
with

tiers as (

    select quality_tier, min(arena_score) as lowest, max(arena_score) as highest
    from models
    where quality_tier is not null
    group by quality_tier

),

final as (

    select
        better.quality_tier,
        better.lowest,
        worse.quality_tier as worse_quality_tier,
        worse.highest as worse_highest
    from tiers as better
    inner join tiers as worse on worse.quality_tier > better.quality_tier
    where worse.highest > better.lowest

)

select * from final
