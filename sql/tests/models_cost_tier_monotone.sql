-- models: a cheaper model never lands in a costlier tier. Returns each pair of adjacent tiers
-- whose price ranges overlap the wrong way (the most expensive model of a tier costs more than
-- the cheapest model of the next tier).
with

tiers as (

    select
        cost_tier,
        min(price_blended_per_million) as cheapest,
        max(price_blended_per_million) as costliest
    from models
    where cost_tier is not null
    group by cost_tier

),

final as (

    select
        lower_tier.cost_tier,
        lower_tier.costliest,
        upper_tier.cost_tier as next_cost_tier,
        upper_tier.cheapest as next_cheapest
    from tiers as lower_tier
    inner join tiers as upper_tier on upper_tier.cost_tier > lower_tier.cost_tier
    where lower_tier.costliest > upper_tier.cheapest

)

select * from final
