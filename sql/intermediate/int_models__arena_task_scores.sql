-- int_models__arena_task_scores
-- grain: one row per models.dev model with an arena name x task the arena scores.
-- key: (canonical_id, task). The arena figure per task (see int_quality__source_scores for the
-- category of each task; 'agentic' has none) with its 95% interval, for the model's chosen arena
-- name (int_models__arena_matched).
with

arena_matches as (

    select * from int_models__arena_matched

),

scores as (

    select * from stg_lmarena__scores

),

tasks as (

    select * from (
        values
            ('overall', 'text', 'full'),
            ('coding', 'text', 'coding'),
            ('reasoning', 'text', 'hard_6'),
            ('creative', 'text', 'creative_writing'),
            ('instruction_following', 'text', 'if'),
            ('vision', 'vision', 'full')
    ) as t (task, leaderboard, category)

),

final as (

    select
        arena_matches.canonical_id,
        tasks.task,
        arena_matches.arena_name,
        scores.score,
        scores.ci_low,
        scores.ci_high
    from arena_matches
    inner join scores on scores.arena_name = arena_matches.arena_name
    inner join tasks
        on tasks.leaderboard = scores.leaderboard and tasks.category = scores.category

)

select * from final
