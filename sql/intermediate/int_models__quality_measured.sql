-- int_models__quality_measured
-- grain: one row per models.dev model x task with at least one measured figure.
-- key: (canonical_id, task).
-- The combined quality: the inverse-variance weighted mean of every source's calibrated figure
-- (int_models__quality_scores), so the arena's tight interval dominates where it ranks a model
-- and the two benchmark sources share the weight elsewhere. The interval is the wider of
--   * the combined 95% interval, quality +- 1.96 / sqrt(sum of weights), and
--   * the span of the sources' own figures (their disagreement),
-- so it always contains the point and every source's figure.
-- sources lists 'source:source_name' for each figure used, in source order; variant is the
-- configuration of the heaviest non-arena figure (NULL when the arena alone scores the task).
with

scores as (

    select * from int_models__quality_scores

),

final as (

    select
        canonical_id,
        task,
        sum(quality / (sd * sd)) / sum(1 / (sd * sd)) as quality,
        least(
            sum(quality / (sd * sd)) / sum(1 / (sd * sd)) - 1.96 / sqrt(sum(1 / (sd * sd))),
            min(quality)
        ) as quality_low,
        greatest(
            sum(quality / (sd * sd)) / sum(1 / (sd * sd)) + 1.96 / sqrt(sum(1 / (sd * sd))),
            max(quality)
        ) as quality_high,
        -- A source figures once per model x task (the key of int_models__quality_scores), so
        -- sorting the 'source:name' texts orders them by source: list_sort costs a third of
        -- an ordered aggregate (list(... order by ...)), which sorts every group on its own.
        list_sort(list(source || ':' || source_name)) as sources,
        list_sort(list(source)) as source_list,
        arg_max(variant, 1 / (sd * sd)) filter (where source <> 'lmarena') as variant
    from scores
    group by canonical_id, task

)

select * from final
