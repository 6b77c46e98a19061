-- int_quality__source_scores
-- grain: one row per quality source x source name x task. key: (source, source_name, task).
-- Every figure a source gives for a task, on its own 0-100 scale (Artificial Analysis's 0-1
-- benchmark fractions are multiplied by 100), before calibration. metric names the upstream
-- field. Tasks and the metric each source contributes:
--   task                   lmarena (text board unless said)  artificial_analysis     livebench
--   overall                full                              intelligence_index      mean of category means
--   coding                 coding                            coding_index            Coding
--   reasoning              hard_6                            gpqa                    mean of Reasoning, Mathematics
--   creative               creative_writing                  -                       -
--   agentic                - (calibrated against full)       agentic_index           Agentic Coding
--   vision                 vision board full                 mmmu_pro                -
--   instruction_following  if                                ifbench                 IF
-- LiveBench's overall is its own published method: the mean of the category means, each the
-- mean of its tasks (a model missing a task has no figure for that category).
with

aa as (

    select * from stg_artificial_analysis__models

),

lb as (

    select * from stg_livebench__scores

),

aa_long as (

    select 'artificial_analysis' as source, aa_slug as source_name, task, metric, value
    from (
        select aa_slug, 'overall' as task, 'intelligence_index' as metric, intelligence_index as value from aa
        union all
        select aa_slug, 'coding', 'coding_index', coding_index from aa
        union all
        select aa_slug, 'agentic', 'agentic_index', agentic_index from aa
        union all
        select aa_slug, 'reasoning', 'gpqa', 100 * gpqa from aa
        union all
        select aa_slug, 'instruction_following', 'ifbench', 100 * ifbench from aa
        union all
        select aa_slug, 'vision', 'mmmu_pro', 100 * mmmu_pro from aa
    )
    where value is not null

),

lb_categories as (

    select
        lb_model,
        category,
        case when count(score) = count(*) then avg(score) end as category_score
    from lb
    where category is not null
    group by lb_model, category

),

lb_tasks as (

    select lb_model, 'overall' as task, 'overall' as metric,
        case when count(category_score) = count(*) then avg(category_score) end as value
    from lb_categories
    group by lb_model
    union all
    select lb_model, 'coding', 'Coding', category_score
    from lb_categories where category = 'Coding'
    union all
    select lb_model, 'agentic', 'Agentic Coding', category_score
    from lb_categories where category = 'Agentic Coding'
    union all
    select lb_model, 'instruction_following', 'IF', category_score
    from lb_categories where category = 'IF'
    union all
    select lb_model, 'reasoning', 'Reasoning, Mathematics',
        case when count(category_score) = 2 then avg(category_score) end
    from lb_categories where category in ('Reasoning', 'Mathematics')
    group by lb_model

),

lb_long as (

    select 'livebench' as source, lb_model as source_name, task, metric, value
    from lb_tasks
    where value is not null

),

final as (

    select * from aa_long
    union all
    select * from lb_long

)

select * from final
