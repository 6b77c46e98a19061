-- int_quality__calibration
-- grain: one row per calibrated quality source x task. key: (source, task).
-- The fitted line that puts a source's 0-100 figures on the arena scale (arena-equivalent Elo
-- points of the LMArena text leaderboard, 'full' or the task's category; 'agentic' is fitted
-- against 'full', as the arena has no agentic board):
--   arena_equivalent = intercept + slope x figure + slope_years x release_years
-- release_years (int_models__quality_matches) is there because the arena rates newer models
-- higher at equal benchmark scores; a model without a release date takes mean_years.
-- Refitted on every build by least squares with two predictors (closed form from covar_pop).
-- Population: the catalog models that both the source and the reference score, counted once per
-- distinct (source name, reference name) pair, so a model listed by twenty hosts weighs once.
-- Reference, in order of preference:
--   'lmarena'             the arena itself, when it shares >= calibration_min_models pairs with
--                         the source and the figure's slope is positive;
--   'artificial_analysis' (LiveBench only) Artificial Analysis's calibrated figure for the same
--                         model, when the arena shares too few models with LiveBench: sources are
--                         calibrated against one another on the models they share;
--   'prior'               the prior line of data/seeds/settings.csv (quality_prior_*), when no
--                         reference shares enough models (e.g. a build without the arena).
-- n_models, r2, spearman (rank correlation of the line's value with the reference on the
-- population) and residual_sd (Elo points; the interval of a single-source quality) report it.
with

settings as (

    select
        max(value) filter (where name = 'calibration_min_models') as min_models,
        max(value) filter (where name = 'quality_prior_intercept') as prior_intercept,
        max(value) filter (where name = 'quality_prior_slope') as prior_slope,
        max(value) filter (where name = 'quality_prior_slope_years') as prior_slope_years,
        max(value) filter (where name = 'quality_prior_mean_years') as prior_mean_years,
        max(value) filter (where name = 'quality_prior_sd') as prior_sd
    from seeds.settings

),

source_scores as (

    select * from int_quality__source_scores

),

chosen as (

    select * from int_models__quality_matches

),

arena as (

    select * from int_models__arena_task_scores

),

tasks as (

    select * from (
        values ('overall', 'overall'), ('coding', 'coding'), ('reasoning', 'reasoning'),
            ('agentic', 'overall'), ('vision', 'vision'),
            ('instruction_following', 'instruction_following')
    ) as t (task, arena_task)

),

figures as (

    -- each model's figure per source and task
    select
        chosen.canonical_id,
        chosen.source,
        chosen.source_name,
        chosen.release_years,
        source_scores.task,
        source_scores.value
    from chosen
    inner join source_scores
        on source_scores.source = chosen.source and source_scores.source_name = chosen.source_name

),

arena_pairs as (

    select distinct
        figures.source,
        figures.task,
        figures.source_name,
        arena.arena_name as reference_name,
        figures.value as x,
        figures.release_years as t,
        arena.score as y
    from figures
    inner join tasks on tasks.task = figures.task
    inner join arena on arena.canonical_id = figures.canonical_id and arena.task = tasks.arena_task
    where figures.release_years is not null

),

{% macro fit(pairs, group) -%}
    select
        {{ group }},
        count(*) as n_models,
        avg(t) as mean_years,
        (covar_pop(t, t) * covar_pop(x, y) - covar_pop(x, t) * covar_pop(t, y))
            / nullif(covar_pop(x, x) * covar_pop(t, t) - power(covar_pop(x, t), 2), 0) as slope,
        (covar_pop(x, x) * covar_pop(t, y) - covar_pop(x, t) * covar_pop(x, y))
            / nullif(covar_pop(x, x) * covar_pop(t, t) - power(covar_pop(x, t), 2), 0)
            as slope_years,
        avg(x) as mean_x,
        avg(y) as mean_y
    from {{ pairs }}
    group by {{ group }}
{%- endmacro %}

arena_fits as (

    {{ fit("arena_pairs", "source, task") }}

),

{% macro pick(fit, reference) -%}
    {{ fit }}.n_models >= settings.min_models and {{ fit }}.slope > 0
{%- endmacro %}

aa_lines as (

    select
        tasks.task,
        case when {{ pick("fits") }} then 'lmarena' else 'prior' end as reference,
        fits.n_models,
        case when {{ pick("fits") }} then fits.slope else settings.prior_slope end as slope,
        case
            when {{ pick("fits") }} then fits.slope_years else settings.prior_slope_years
        end as slope_years,
        case
            when {{ pick("fits") }} then fits.mean_years else settings.prior_mean_years
        end as mean_years,
        case
            when {{ pick("fits") }}
                then fits.mean_y - fits.slope * fits.mean_x - fits.slope_years * fits.mean_years
            else settings.prior_intercept
        end as intercept
    from tasks
    cross join settings
    left join arena_fits as fits on fits.source = 'artificial_analysis' and fits.task = tasks.task

),

aa_calibrated as (

    select
        figures.canonical_id,
        figures.source_name,
        figures.task,
        aa_lines.intercept + aa_lines.slope * figures.value
            + aa_lines.slope_years * coalesce(figures.release_years, aa_lines.mean_years)
            as quality
    from figures
    inner join aa_lines on aa_lines.task = figures.task
    where figures.source = 'artificial_analysis'

),

aa_pairs as (

    -- LiveBench figures against Artificial Analysis's calibrated figure for the same model
    select distinct
        'livebench' as source,
        figures.task,
        figures.source_name,
        aa_calibrated.source_name as reference_name,
        figures.value as x,
        figures.release_years as t,
        aa_calibrated.quality as y
    from figures
    inner join aa_calibrated
        on aa_calibrated.canonical_id = figures.canonical_id and aa_calibrated.task = figures.task
    where figures.source = 'livebench' and figures.release_years is not null

),

aa_fits as (

    {{ fit("aa_pairs", "source, task") }}

),

lb_lines as (

    select
        tasks.task,
        case
            when {{ pick("arena_fit") }} then 'lmarena'
            when {{ pick("aa_fit") }} then 'artificial_analysis'
            else 'prior'
        end as reference,
        case when {{ pick("arena_fit") }} then arena_fit.n_models else aa_fit.n_models end
            as n_models,
        case
            when {{ pick("arena_fit") }} then arena_fit.slope
            when {{ pick("aa_fit") }} then aa_fit.slope
            else settings.prior_slope
        end as slope,
        case
            when {{ pick("arena_fit") }} then arena_fit.slope_years
            when {{ pick("aa_fit") }} then aa_fit.slope_years
            else settings.prior_slope_years
        end as slope_years,
        case
            when {{ pick("arena_fit") }} then arena_fit.mean_years
            when {{ pick("aa_fit") }} then aa_fit.mean_years
            else settings.prior_mean_years
        end as mean_years,
        case
            when {{ pick("arena_fit") }}
                then arena_fit.mean_y - arena_fit.slope * arena_fit.mean_x
                    - arena_fit.slope_years * arena_fit.mean_years
            when {{ pick("aa_fit") }}
                then aa_fit.mean_y - aa_fit.slope * aa_fit.mean_x
                    - aa_fit.slope_years * aa_fit.mean_years
            else settings.prior_intercept
        end as intercept
    from tasks
    cross join settings
    left join arena_fits as arena_fit
        on arena_fit.source = 'livebench' and arena_fit.task = tasks.task
    left join aa_fits as aa_fit on aa_fit.task = tasks.task

),

lines as (

    select 'artificial_analysis' as source, * from aa_lines
    union all
    select 'livebench' as source, * from lb_lines

),

population as (

    -- the pairs each line was fitted on, with the line's value for each
    select pairs.source, pairs.task, pairs.y,
        lines.intercept + lines.slope * pairs.x + lines.slope_years * pairs.t as fitted
    from (
        select *, 'lmarena' as reference from arena_pairs
        union all
        select *, 'artificial_analysis' as reference from aa_pairs
    ) as pairs
    inner join lines
        on lines.source = pairs.source and lines.task = pairs.task
        and lines.reference = pairs.reference

),

fit_quality as (

    select
        source,
        task,
        corr(fitted_rank, y_rank) as spearman,
        1 - sum(power(y - fitted, 2)) / nullif(sum(power(y - mean_y, 2)), 0) as r2,
        sqrt(sum(power(y - fitted, 2)) / nullif(count(*) - 3, 0)) as residual_sd
    from (
        select *,
            rank() over (partition by source, task order by fitted) as fitted_rank,
            rank() over (partition by source, task order by y) as y_rank,
            avg(y) over (partition by source, task) as mean_y
        from population
    )
    group by source, task

),

final as (

    select
        lines.source,
        lines.task,
        lines.reference,
        lines.reference = 'prior' as is_prior,
        coalesce(lines.n_models, 0) as n_models,
        lines.intercept,
        lines.slope,
        lines.slope_years,
        lines.mean_years,
        fit_quality.r2,
        fit_quality.spearman,
        case
            when lines.reference <> 'prior' then greatest(fit_quality.residual_sd, 1.0)
            else settings.prior_sd
        end as residual_sd
    from lines
    cross join settings
    left join fit_quality on fit_quality.source = lines.source and fit_quality.task = lines.task

)

select * from final
