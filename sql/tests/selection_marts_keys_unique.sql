-- selection marts: canonical_id keys selection_candidates, (canonical_id, task) keys
-- selection_task_quality and (model_group, task) keys selection_group_quality, none of them
-- null. Returns the keys that break it.
with

candidates as (

    select 'selection_candidates' as mart, canonical_id as key, count(*) as n
    from selection_candidates
    group by canonical_id

),

task_quality as (

    select 'selection_task_quality' as mart, canonical_id || ' x ' || task as key, count(*) as n
    from selection_task_quality
    group by canonical_id, task

),

group_quality as (

    select 'selection_group_quality' as mart, model_group || ' x ' || task as key, count(*) as n
    from selection_group_quality
    group by model_group, task

),

final as (

    select * from candidates
    union all
    select * from task_quality
    union all
    select * from group_quality

)

select * from final
where key is null or n > 1
