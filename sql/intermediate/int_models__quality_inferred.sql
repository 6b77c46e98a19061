-- int_models__quality_inferred
-- grain: one row per catalog model with no measured overall quality but a measured
-- predecessor in its model line, x task the predecessor has. key: (canonical_id, task).
-- Inference is the last resort. A model's line and version are int_models__lines'.
-- The predecessor is the measured model of the same line with the highest version not above
-- the model's own among those not released after the model (when models.dev dates both, by the
-- median date of their hosts): version numbers written without their dot ('minimax-m25' is
-- M2.5, 'qwen25' is 2.5) would otherwise let an old model inherit a newer one's figures. The
-- model takes the predecessor's quality per task unchanged (an inferred figure never beats the measured one it
-- copies) with a wider interval: the predecessor's sd and lineage_extra_sd
-- (data/seeds/settings.csv) added in quadrature. predecessor_id is the predecessor's listing the
-- figures come from: int_models__quality takes the effort they were measured at from it.
with

model_keys as (

    select * from int_models__model_keys

),

measured as (

    select * from int_models__quality_measured

),

released as (

    -- a model_key's release date: the median its hosts give (as int_models__quality_matches),
    -- so one host's placeholder (1970-01-01, a year alone read as 1 January) does not decide
    select model_keys.model_key, quantile_disc(listings.release_date, 0.5) as release_date
    from model_keys
    inner join int_models__listings as listings
        on listings.canonical_id = model_keys.canonical_id
    group by model_keys.model_key

),

settings as (

    select value as extra_sd from seeds.settings where name = 'lineage_extra_sd'

),

lines as (

    select model_key, line_key, version from int_models__lines

),

measured_keys as (

    -- one measured listing per model_key: its overall quality stands for the key
    select distinct model_keys.model_key
    from measured
    inner join model_keys on model_keys.canonical_id = measured.canonical_id
    where measured.task = 'overall'

),

line_members as (

    select
        lines.model_key,
        lines.line_key,
        lines.version,
        measured_keys.model_key is not null as is_measured
    from lines
    left join measured_keys on measured_keys.model_key = lines.model_key

),

predecessors as (

    -- Per unmeasured model, the measured keys of its line (pairs inside a line: lines are
    -- short) with a version not above its own and not released after it (where models.dev
    -- dates both); of those, the highest version, then the lowest model_key. A measured key of
    -- the same version counts (a measured preview stands for its release).
    select
        own.model_key,
        own.line_key,
        candidate.model_key as predecessor_key
    from line_members as own
    inner join line_members as candidate
        on candidate.line_key = own.line_key
        and candidate.is_measured
        and len(candidate.version.numbers) + len(candidate.version.dates) > 0
        and candidate.version <= own.version
    left join released as own_date on own_date.model_key = own.model_key
    left join released as candidate_date on candidate_date.model_key = candidate.model_key
    where not own.is_measured and own.line_key <> ''
        and coalesce(candidate_date.release_date <= own_date.release_date, true)
    qualify row_number() over (
        partition by own.model_key order by candidate.version desc, candidate.model_key
    ) = 1

),

predecessor_quality as (

    -- the predecessor's figures: the best-scored listing of its key (hosts share one key)
    select model_keys.model_key, measured.task, measured.quality, measured.quality_low,
        measured.quality_high, measured.canonical_id
    from measured
    inner join model_keys on model_keys.canonical_id = measured.canonical_id
    -- only the keys that are some model's predecessor, not every measured key
    where model_keys.model_key in (select predecessor_key from predecessors)
    qualify row_number() over (
        partition by model_keys.model_key, measured.task
        order by len(measured.sources) desc, measured.canonical_id
    ) = 1

),

final as (

    select
        model_keys.canonical_id,
        predecessor_quality.task,
        predecessor_quality.quality,
        predecessor_quality.quality - 1.96 * sqrt(
            power((predecessor_quality.quality_high - predecessor_quality.quality_low) / 3.92, 2)
            + power(settings.extra_sd, 2)
        ) as quality_low,
        predecessor_quality.quality + 1.96 * sqrt(
            power((predecessor_quality.quality_high - predecessor_quality.quality_low) / 3.92, 2)
            + power(settings.extra_sd, 2)
        ) as quality_high,
        predecessors.predecessor_key as inferred_from,
        predecessor_quality.canonical_id as predecessor_id
    from predecessors
    inner join model_keys on model_keys.model_key = predecessors.model_key
    inner join predecessor_quality on predecessor_quality.model_key = predecessors.predecessor_key
    cross join settings

)

select * from final
