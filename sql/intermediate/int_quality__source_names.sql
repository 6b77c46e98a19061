-- int_quality__source_names
-- grain: one row per quality source x name it ranks. key: (source, source_name).
-- source is 'artificial_analysis' (an Artificial Analysis slug) or 'livebench' (a LiveBench
-- model variant). Keys are written the way int_models__model_keys writes catalog ids
-- (lower case, '.' -> '-', Claude's old word order normalised):
--   full_key       the whole name;
--   base_key       the name without its effort suffix ('gpt-5-5-high' -> 'gpt-5-5',
--                  'claude-opus-4-8-xhigh-effort' -> 'claude-opus-4-8'); '-max' stays in LiveBench names
--                  ('gpt-5.1-codex-max' is a model). Artificial Analysis
--                  suffixes are stripped only when the display name states a configuration in
--                  parentheses ('GPT-5.5 (high)'): 'mistral-medium' and 'qwen3-max' are models;
--   undated_key    base_key without a full snapshot date, when the source ranks exactly one
--                  dated snapshot of it and not the undated name itself (else NULL);
--   openrouter_key the leaf of Artificial Analysis's openrouter_api_id, as a key;
--   variant        the effort the figure was measured at: the stripped suffix, or the effort
--                  stated in Artificial Analysis's display name ('GPT-5.5 (xhigh)' -> 'xhigh');
--                  NULL when the name states none.
with

aa as (

    select * from stg_artificial_analysis__models

),

lb as (

    select distinct lb_model from stg_livebench__scores

),

aa_keys as (

    select
        'artificial_analysis' as source,
        aa_slug as source_name,
        regexp_replace(
            replace(lower(aa_slug), '.', '-'),
            '^claude-(\d+(?:-\d+)?)-(opus|sonnet|haiku)',
            'claude-\2-\1'
        ) as full_key,
        lower(regexp_extract(aa_name, '\(([^)]*)\)', 1)) as configuration,
        case
            when openrouter_api_id is not null
                then regexp_replace(
                    replace(regexp_replace(lower(openrouter_api_id), '^.*/', ''), '.', '-'),
                    '^claude-(\d+(?:-\d+)?)-(opus|sonnet|haiku)',
                    'claude-\2-\1'
                )
        end as openrouter_key
    from aa

),

aa_names as (

    select
        source,
        source_name,
        full_key,
        case
            when configuration <> ''
                then regexp_replace(
                    full_key,
                    '-(non-reasoning(-low-effort|-high-effort)?|reasoning(-low|-medium)?|thinking|adaptive|minimal|low|medium|high|xhigh|max)$',
                    ''
                )
            else full_key
        end as base_key,
        openrouter_key,
        case
            when configuration like '%non-reasoning%' then 'non-reasoning'
            when regexp_matches(configuration, '\b(minimal|low|medium|xhigh|high|max)\b')
                then regexp_extract(configuration, '\b(minimal|low|medium|xhigh|high|max)\b', 1)
            when configuration like '%reasoning%' then 'reasoning'
        end as variant
    from aa_keys

),

lb_keys as (

    select
        'livebench' as source,
        lb_model as source_name,
        regexp_replace(
            replace(lower(lb_model), '.', '-'),
            '^claude-(\d+(?:-\d+)?)-(opus|sonnet|haiku)',
            'claude-\2-\1'
        ) as full_key
    from lb

),

lb_names as (

    select
        source,
        source_name,
        full_key,
        regexp_replace(
            full_key,
            '(-(non-reasoning|nothinking|highthinking|thinking|base|auto|\d+k|minimal|low|medium|xhigh|high|effort|reasoning))+$',
            ''
        ) as base_key,
        null::varchar as openrouter_key,
        nullif(
            regexp_extract(
                full_key,
                '(-(non-reasoning|nothinking|highthinking|thinking|base|auto|\d+k|minimal|low|medium|xhigh|high|effort|reasoning))+$',
                0
            ),
            ''
        ) as suffix
    from lb_keys

),

unioned as (

    select source, source_name, full_key, base_key, openrouter_key, variant from aa_names
    union all
    select
        source,
        source_name,
        full_key,
        base_key,
        openrouter_key,
        regexp_replace(
            regexp_replace(suffix, '^-', ''), '-effort$', ''
        ) as variant
    from lb_names

),

dated as (

    select
        source,
        source_name,
        regexp_replace(base_key, '-(\d{8}|\d{4}-\d{2}-\d{2})$', '') as undated_key,
        base_key
    from unioned
    where regexp_matches(base_key, '-(\d{8}|\d{4}-\d{2}-\d{2})$')

),

single_snapshots as (

    select source, undated_key
    from dated
    group by source, undated_key
    having count(distinct base_key) = 1

),

undated as (

    select dated.source, dated.source_name, dated.undated_key
    from dated
    inner join single_snapshots
        on single_snapshots.source = dated.source
        and single_snapshots.undated_key = dated.undated_key
    where not exists (
        select 1 from unioned
        where unioned.source = dated.source and unioned.base_key = dated.undated_key
    )

),

final as (

    select
        unioned.source,
        unioned.source_name,
        unioned.full_key,
        unioned.base_key,
        undated.undated_key,
        unioned.openrouter_key,
        unioned.variant
    from unioned
    left join undated
        on undated.source = unioned.source and undated.source_name = unioned.source_name

)

select * from final
