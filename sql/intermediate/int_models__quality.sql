-- int_models__quality
-- grain: one row per models.dev model with a measured or inferred quality. key: canonical_id.
-- One calibrated quality per task on the arena scale (arena-equivalent Elo points of the text
-- leaderboard), with its 95% interval: measured (int_models__quality_measured) where any source
-- scores the model, else inferred from its line's predecessor (int_models__quality_inferred).
-- A measured model never takes inferred figures for its missing tasks: NULL means unknown.
-- quality_effort: the reasoning_effort that calls the model as its quality figure was measured
-- ('low', 'medium' or 'high', the efforts litellm maps on every provider; the last one named in
-- quality_variant, so 'thinking-64k-high' -> 'high'); NULL for 'xhigh', 'max' or no effort.
-- quality_kind: 'combined' (the arena and/or both benchmark sources), 'artificial_analysis' or
-- 'livebench' (that source alone), 'lmarena' (the arena alone), 'inferred_lineage'.
with

measured as (

    select * from int_models__quality_measured

),

inferred as (

    select * from int_models__quality_inferred

),

measured_models as (

    select distinct canonical_id from measured

),

unioned as (

    select canonical_id, task, quality, quality_low, quality_high, sources, source_list, variant,
        null::varchar as inferred_from
    from measured
    union all
    select canonical_id, task, quality, quality_low, quality_high, [], ['inferred_lineage'],
        null, inferred_from
    from inferred
    where canonical_id not in (select canonical_id from measured_models)

),

{% set tasks = ["overall", "coding", "reasoning", "creative", "agentic", "vision", "instruction_following"] %}

final as (

    select
        canonical_id,
        {% for task in tasks %}
        max(quality) filter (where task = '{{ task }}') as quality_{{ task }},
        max(quality_low) filter (where task = '{{ task }}') as quality_{{ task }}_low,
        max(quality_high) filter (where task = '{{ task }}') as quality_{{ task }}_high,
        {% endfor %}
        list_sort(list_distinct(flatten(list(sources)))) as quality_sources,
        case
            when max(inferred_from) is not null then 'inferred_lineage'
            when len(list_distinct(flatten(list(source_list)))) > 1 then 'combined'
            else any_value(source_list[1])
        end as quality_kind,
        max(inferred_from) as quality_inferred_from,
        coalesce(
            max(variant) filter (where task = 'overall'), max(variant)
        ) as quality_variant
    from unioned
    group by canonical_id

),

with_effort as (

    select
        *,
        nullif(
            list_last(regexp_extract_all(quality_variant, '(^|[^x])(low|medium|high)', 2)), ''
        ) as quality_effort
    from final

)

select * from with_effort
