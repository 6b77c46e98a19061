-- int_models__quality_scores
-- grain: one row per models.dev model x quality source x task. key: (canonical_id, source, task).
-- Every source's figure for a model, kept side by side so a query can show where the sources
-- disagree: value is the source's own figure (arena Elo for 'lmarena', 0-100 otherwise), quality
-- the same figure on the arena scale (int_quality__calibration; the arena's own score as is),
-- sd its standard deviation in Elo points (the arena's from its 95% interval, a calibrated
-- source's from its fit's residual_sd), source_name the name the source ranks it under and
-- variant the configuration it was measured in.
-- Agreement between the benchmark sources: each is fitted to the arena on its own, and the two
-- lines still disagree on average for some tasks where they score the same models (on the
-- bundled data Artificial Analysis's coding figures sit about 35 points above LiveBench's, its
-- reasoning and instruction-following figures 25-30 below). A model one source alone scores
-- would then win or lose by which source happened to score it. So, per task, each benchmark
-- source is moved half the mean gap toward the other, the gap taken over the models both score
-- (one pair per model_key, the mean of each source's figures of it; at least
-- calibration_min_models of them, else no move). agreement_offset is that move (0 for the
-- arena, whose own scores are the scale); quality includes it.
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

per_key as (

    select
        model_keys.model_key,
        calibrated.task,
        calibrated.source,
        avg(calibrated.quality) as quality
    from calibrated
    inner join int_models__model_keys as model_keys
        on model_keys.canonical_id = calibrated.canonical_id
    group by model_keys.model_key, calibrated.task, calibrated.source

),

gaps as (

    -- mean (Artificial Analysis - LiveBench) on the models both score, per task
    select aa.task, avg(aa.quality - lb.quality) as gap
    from per_key as aa
    inner join per_key as lb
        on lb.model_key = aa.model_key and lb.task = aa.task and lb.source = 'livebench'
    where aa.source = 'artificial_analysis'
    group by aa.task
    having count(*) >= (
        select max(value) from seeds.settings where name = 'calibration_min_models'
    )

),

shifts as (

    select task, 'artificial_analysis' as source, -gap / 2 as shift from gaps
    union all
    select task, 'livebench', gap / 2 from gaps

),

agreed as (

    select
        calibrated.canonical_id,
        calibrated.source,
        calibrated.task,
        calibrated.source_name,
        calibrated.variant,
        calibrated.value,
        calibrated.quality + coalesce(shifts.shift, 0) as quality,
        calibrated.sd,
        coalesce(shifts.shift, 0) as agreement_offset
    from calibrated
    left join shifts on shifts.task = calibrated.task and shifts.source = calibrated.source

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
        greatest((ci_high - ci_low) / 3.92, 1.0) as sd,
        0.0 as agreement_offset
    from arena

),

final as (

    select * from arena_scores
    union all
    select * from agreed

)

select * from final
