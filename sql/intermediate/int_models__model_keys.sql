-- int_models__model_keys
-- grain: one row per catalog listing (provider x model). key: canonical_id.
-- model_key names the underlying model, shared by every host that serves it. It is the
-- match_key (int_models__match_keys: host decoration removed), with two more steps:
--   * Claude's old word order is normalised ('claude-4-5-haiku' -> 'claude-haiku-4-5');
--   * a full snapshot date ('-20250929', '-2025-11-13') is dropped when it is the only dated
--     snapshot of that key in the whole catalog: the undated id is then an alias of that one
--     snapshot ('claude-sonnet-4-5-20250929' and 'claude-sonnet-4-5' are one model). When a key
--     has two or more dated snapshots ('gpt-4o-2024-05-13', 'gpt-4o-2024-08-06') each keeps
--     its date, so dated versions never collapse into one another.
with

match_keys as (

    select * from int_models__match_keys

),

normalised as (

    select
        canonical_id,
        provider,
        model_id,
        match_key,
        regexp_replace(
            match_key, '^claude-(\d+(?:-\d+)?)-(opus|sonnet|haiku)', 'claude-\2-\1'
        ) as ordered_key
    from match_keys

),

dated as (

    select
        canonical_id,
        ordered_key,
        regexp_replace(ordered_key, '-(\d{8}|\d{4}-\d{2}-\d{2})$', '') as undated_key
    from normalised
    where regexp_matches(ordered_key, '-(\d{8}|\d{4}-\d{2}-\d{2})$')

),

single_snapshots as (

    select undated_key
    from dated
    group by undated_key
    having count(distinct ordered_key) = 1

),

final as (

    select
        normalised.canonical_id,
        normalised.provider,
        normalised.model_id,
        normalised.match_key,
        coalesce(single_snapshots.undated_key, normalised.ordered_key) as model_key
    from normalised
    left join dated on dated.canonical_id = normalised.canonical_id
    left join single_snapshots on single_snapshots.undated_key = dated.undated_key

)

select * from final
