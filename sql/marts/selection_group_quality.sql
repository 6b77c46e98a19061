-- selection_group_quality
-- grain: one row per underlying model x task. key: (model_group, task).
-- The quality of a model is the same on every host: one figure per model group and task
-- (q, q_low, q_high, basis as in selection_task_quality; default_offset, models'
-- quality_default_offset, for a call with no effort), taken from the listing first in host
-- order (lab, cloud, other, free; then canonical_id) that has one. Read by selection
-- (sql/selection/select_models.sql.j2); computed once per build. For a catalog built before
-- this table, the selection template includes this file.
with

candidates as (

    select * from selection_candidates

),

task_quality as (

    select * from selection_task_quality

),

figures as (
    select
        candidates.model_group,
        task_quality.task,
        arg_min(
            {'q': task_quality.q, 'q_low': task_quality.q_low, 'q_high': task_quality.q_high,
             'basis': task_quality.basis, 'default_offset': candidates.quality_default_offset},
            (candidates.host_rank, candidates.canonical_id)
        ) as figure
    from task_quality
    inner join candidates using (canonical_id)
    group by candidates.model_group, task_quality.task
),

final as (
    select
        model_group,
        task,
        figure.q as q,
        figure.q_low as q_low,
        figure.q_high as q_high,
        figure.basis as basis,
        figure.default_offset as default_offset
    from figures
)

select * from final
