-- int_models__quality
-- grain: one row per models.dev model with a measured or inferred quality. key: canonical_id.
-- One calibrated quality per task on the arena scale (arena-equivalent Elo points of the text
-- leaderboard), with its 95% interval: measured (int_models__quality_measured) where any source
-- scores the model, else inferred from its line's predecessor (int_models__quality_inferred).
-- A measured model never takes inferred figures for its missing tasks: NULL means unknown.
-- quality_effort: the reasoning_effort the generator writes so the call runs as the figure was
-- measured: the model's call_effort (int_models__quality_matches: 'low', 'medium' or 'high', the
-- efforts litellm maps on every provider) when a source's figure is at it; NULL otherwise.
-- quality_effort_basis: the effort the figures are of, across the benchmark sources used
-- (int_models__quality_matches): 'headline' when any is at an effort the call does not run at
-- (the lab's default was never measured; 'xhigh', 'max'), else 'effort' when any is at
-- quality_effort, else 'default'; NULL when no benchmark source scores the model (the arena
-- alone). An inferred model's figures are its predecessor's, so its quality_effort, basis,
-- default offset and variant are the predecessor's too: called with no effort, it loses what
-- the predecessor loses, and an inferred figure never beats the measured one it copies. A headline figure overstates the call, so its interval reaches
-- 30 points lower on every task (the typical gap between a model's headline and
-- its default effort on Artificial Analysis's index, on the arena scale), which makes it tie
-- with, rather than beat, models measured as called.
-- quality_default_offset: the points the quality_<task> figures lose when the model is called
-- with no effort parameter (at the lab's default; a role that wants speed is called so), where
-- a source measured both (default_offsets); where no source measured the default, the
-- widening above as the estimate (basis 'effort' or 'headline'); NULL for a 'default' basis.
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

default_offsets as (

    -- What the call with no effort parameter loses against the chosen figures: each source's
    -- overall figure at the lab's default minus its figure at quality_effort, on the arena
    -- scale (the source's calibration slope; the model's age term cancels), averaged over the
    -- sources that measured both. Never above 0.
    select
        matches.canonical_id,
        least(0, avg(lines.slope * (at_default.value - at_effort.value)))
            as quality_default_offset
    from int_models__quality_matches as matches
    inner join int_quality__source_scores as at_effort
        on at_effort.source = matches.source
        and at_effort.source_name = matches.source_name
        and at_effort.task = 'overall'
    inner join int_quality__source_scores as at_default
        on at_default.source = matches.source
        and at_default.source_name = matches.default_source_name
        and at_default.task = 'overall'
    inner join int_quality__calibration as lines
        on lines.source = matches.source and lines.task = 'overall'
    group by matches.canonical_id

),

bases as (

    select
        canonical_id,
        case
            when bool_or(effort_basis = 'headline') then 'headline'
            when bool_or(effort_basis = 'effort') then 'effort'
            else 'default'
        end as effort_basis,
        max(variant_effort) as quality_effort
    from int_models__quality_matches
    group by canonical_id

),

unioned as (

    -- figures_of: the listing whose measured figures these are (the predecessor's, inferred)
    select canonical_id, task, quality, quality_low, quality_high, sources, source_list, variant,
        null::varchar as inferred_from, canonical_id as figures_of
    from measured
    union all
    select inferred.canonical_id, inferred.task, inferred.quality, inferred.quality_low,
        inferred.quality_high, [], ['inferred_lineage'], copied.variant, inferred.inferred_from,
        inferred.predecessor_id
    from inferred
    left join measured as copied
        on copied.canonical_id = inferred.predecessor_id and copied.task = inferred.task
    where inferred.canonical_id not in (select canonical_id from measured_models)

),

{% set tasks = ["overall", "coding", "reasoning", "creative", "agentic", "vision", "instruction_following"] %}
{% set headline_widening = 30 %}

aggregated as (

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
        ) as quality_variant,
        coalesce(max(figures_of) filter (where task = 'overall'), max(figures_of)) as figures_id
    from unioned
    group by canonical_id

),

final as (

    select
        aggregated.* exclude (figures_id) replace (
            {% for task in tasks %}
            aggregated.quality_{{ task }}_low - case
                when bases.effort_basis = 'headline' then {{ headline_widening }} else 0
            end as quality_{{ task }}_low{{ "," if not loop.last }}
            {% endfor %}
        ),
        bases.effort_basis as quality_effort_basis,
        bases.quality_effort,
        coalesce(
            default_offsets.quality_default_offset,
            case
                when bases.effort_basis in ('headline', 'effort') then -{{ headline_widening }}
            end
        ) as quality_default_offset
    from aggregated
    left join bases on bases.canonical_id = aggregated.figures_id
    left join default_offsets on default_offsets.canonical_id = aggregated.figures_id

)

select * from final
