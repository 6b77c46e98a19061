-- int_models__quality_scores
-- grain: one row per models.dev model x quality source x task. key: (canonical_id, source, task).
-- Every source's figure for a model, kept side by side so a query can show where the sources
-- disagree: value is the source's own figure (arena Elo for 'lmarena', 0-100 otherwise), quality
-- the same figure on the arena scale (int_quality__calibration; the arena's own score as is),
-- sd its standard deviation in Elo points (the arena's from its 95% interval, a calibrated
-- source's from its fit's residual_sd), source_name the name the source ranks it under and
-- variant the configuration it was measured in.
with

arena as (

    select * from int_models__arena_task_scores

),

chosen as (

    select * from int_models__quality_matches

),

source_scores as (

    select * from int_quality__source_scores

),

lines as (

    select * from int_quality__calibration

),

calibrated as (

    select
        chosen.canonical_id,
        chosen.source,
        source_scores.task,
        chosen.source_name,
        chosen.variant,
        source_scores.value,
        lines.intercept + lines.slope * source_scores.value
            + lines.slope_years * coalesce(chosen.release_years, lines.mean_years) as quality,
        lines.residual_sd as sd
    from chosen
    inner join source_scores
        on source_scores.source = chosen.source and source_scores.source_name = chosen.source_name
    inner join lines on lines.source = chosen.source and lines.task = source_scores.task

),

arena_scores as (

    select
        canonical_id,
        'lmarena' as source,
        task,
        arena_name as source_name,
        null::varchar as variant,
        score as value,
        score as quality,
        greatest((ci_high - ci_low) / 3.92, 1.0) as sd
    from arena

),

final as (

    select * from arena_scores
    union all
    select * from calibrated

)

select * from final
