-- selection_task_quality
-- grain: one row per model x task. key: (canonical_id, task).
-- Quality per task in arena-equivalent Elo points, with its interval (q_low, q_high) and
-- where it came from (basis). task is one of overall, coding, reasoning, creative, agentic,
-- vision. 'coding', 'reasoning', 'creative' and 'agentic' fall back to the overall figure when
-- the model has none for the task; 'vision' does not (another leaderboard, another scale).
-- Read by selection (sql/selection/select_models.sql.j2) for the per-task scales and the prior;
-- computed once per build. For a catalog built before this table, the selection template
-- includes this file, with has_quality set from that catalog's columns.
with

{% if has_quality | default(true) %}
quality_wide as (
    select
        canonical_id,
        {% for task in ("overall", "coding", "reasoning", "creative", "agentic", "vision") %}
        quality_{{ task }} as {{ task }},
        quality_{{ task }}_low as {{ task }}_low,
        quality_{{ task }}_high as {{ task }}_high,
        {% endfor %}
        coalesce(quality_source, 'none') as basis
    from models
    where litellm_model is not null and (quality_overall is not null or quality_vision is not null)
),
{% else %}
arena_scores as (
    select
        canonical_id,
        leaderboard,
        category,
        max(score) as score,
        max(ci_low) as ci_low,
        max(ci_high) as ci_high
    from model_scores
    where (leaderboard = 'text'
           and category in ('full', 'coding', 'math', 'hard_6', 'creative_writing'))
       or (leaderboard = 'vision' and category = 'full')
    group by canonical_id, leaderboard, category
),

quality_wide as (
    select
        canonical_id,
        max(score) filter (where leaderboard = 'text' and category = 'full') as overall,
        max(ci_low) filter (where leaderboard = 'text' and category = 'full') as overall_low,
        max(ci_high) filter (where leaderboard = 'text' and category = 'full') as overall_high,
        max(score) filter (where category = 'coding') as coding,
        max(ci_low) filter (where category = 'coding') as coding_low,
        max(ci_high) filter (where category = 'coding') as coding_high,
        avg(score) filter (where category in ('math', 'hard_6')) as reasoning,
        avg(ci_low) filter (where category in ('math', 'hard_6')) as reasoning_low,
        avg(ci_high) filter (where category in ('math', 'hard_6')) as reasoning_high,
        max(score) filter (where category = 'creative_writing') as creative,
        max(ci_low) filter (where category = 'creative_writing') as creative_low,
        max(ci_high) filter (where category = 'creative_writing') as creative_high,
        null::double as agentic,
        null::double as agentic_low,
        null::double as agentic_high,
        max(score) filter (where leaderboard = 'vision') as vision,
        max(ci_low) filter (where leaderboard = 'vision') as vision_low,
        max(ci_high) filter (where leaderboard = 'vision') as vision_high,
        'arena' as basis
    from arena_scores
    group by canonical_id
),
{% endif %}

final as (
    {% for task in ("coding", "reasoning", "creative", "agentic") %}
    select
        canonical_id,
        '{{ task }}' as task,
        coalesce({{ task }}, overall) as q,
        case when {{ task }} is null then overall_low else {{ task }}_low end as q_low,
        case when {{ task }} is null then overall_high else {{ task }}_high end as q_high,
        basis || case when {{ task }} is null then ' (overall)' else ' ({{ task }})' end as basis
    from quality_wide
    where coalesce({{ task }}, overall) is not null
    union all
    {% endfor %}
    select canonical_id, 'overall', overall, overall_low, overall_high, basis || ' (overall)'
    from quality_wide
    where overall is not null
    union all
    select canonical_id, 'vision', vision, vision_low, vision_high, basis || ' (vision)'
    from quality_wide
    where vision is not null
)

select * from final
