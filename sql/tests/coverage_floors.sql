-- Coverage floors: below these the matching, not the world, has most likely broken (a renamed
-- upstream field, a changed id scheme). Returns one row per floor that is not met.
--   * at least 1000 models;
--   * at least 10% of chat models carry an arena score;
--   * at least 40% of models have a litellm_model;
--   * at least 50% of the 20 best-rated text 'full' arena names are tied to a catalog model;
--   * at least 60% of chat models have a cost tier;
--   * at least 30% of chat models have a calibrated quality_overall (arena, Artificial
--     Analysis, LiveBench or inferred);
--   * at least 20 listings carry a measured speed (Artificial Analysis, lab's own API).
with

counts as (

    select
        count(*) as models,
        count(*) filter (where mode = 'chat') as chat_models,
        count(*) filter (where mode = 'chat' and arena_score is not null) as scored_chat_models,
        count(*) filter (where litellm_model is not null) as callable_models,
        count(*) filter (where mode = 'chat' and cost_tier is not null) as tiered_chat_models,
        count(*) filter (
            where mode = 'chat' and quality_overall is not null
        ) as calibrated_chat_models,
        count(ttft_seconds) as timed_models
    from models

),

top_names as (

    select arena_name
    from stg_lmarena__scores
    where leaderboard = 'text' and category = 'full'
    order by score desc
    limit 20

),

top_coverage as (

    select
        count(*) filter (
            where arena_name in (select arena_name from int_arena__name_matches)
        ) / count(*) as share
    from top_names

),

floors as (

    select 'models' as floor, models::double as measured, 1000.0 as minimum from counts
    union all
    select 'chat models with an arena score (share)',
        scored_chat_models / nullif(chat_models, 0), 0.10
    from counts
    union all
    select 'models with a litellm_model (share)', callable_models / nullif(models, 0), 0.40
    from counts
    union all
    select 'top-20 arena names matched (share)', share, 0.50 from top_coverage
    union all
    select 'chat models with a cost tier (share)',
        tiered_chat_models / nullif(chat_models, 0), 0.60
    from counts
    union all
    select 'chat models with a calibrated quality (share)',
        calibrated_chat_models / nullif(chat_models, 0), 0.30
    from counts
    union all
    select 'listings with a measured speed', timed_models::double, 20.0 from counts

),

final as (

    select floor, measured, minimum from floors where coalesce(measured, 0) < minimum

)

select * from final
