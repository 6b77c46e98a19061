-- stg_livebench__scores
-- grain: one row per LiveBench model variant x task. key: (lb_model, task).
-- score is LiveBench's 0-100 task score; category is the task's LiveBench category
-- (Reasoning, Coding, Agentic Coding, Mathematics, Data Analysis, Language, IF).
with

scores as (

    select * from raw.livebench_scores

),

categories as (

    select * from raw.livebench_categories

),

final as (

    select
        scores.model as lb_model,
        scores.task,
        categories.category,
        scores.score
    from scores
    left join categories on categories.task = scores.task

)

select * from final
