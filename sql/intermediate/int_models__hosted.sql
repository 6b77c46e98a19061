-- int_models__hosted
-- grain: one row per catalog listing (provider x model). key: canonical_id.
-- Who makes a model and where it is hosted, for "pick the model, then the host":
-- base_model_id: the model id without host path, vendor prefix, ':tag' or Bedrock '-v1:0'
--   suffix, lower case ('openrouter/anthropic/claude-sonnet-4.5' -> 'claude-sonnet-4.5').
-- model_group: the underlying model shared across hosts: base_model_id without a date or
--   '-latest' suffix, with '4.5' spelled '4-5' ('claude-haiku-4.5' = 'claude-haiku-4-5-20251001').
-- model_lab: the models.dev provider id of the lab that makes it (data/seeds/model_labs.csv).
-- host_class: 'lab' (the lab's own API), 'cloud' (bedrock, vertex, azure), 'free' (free tiers,
--   trials, subscription plans, local: data/seeds/hosts.csv), else 'other'. host_region: the
--   one region a regional endpoint serves ('china': alibaba-cn, minimax-cn, moonshotai-cn,
--   zhipuai), NULL for a global API; of two hosts of one class, the global one comes first.
-- is_free_listing: a listing with no real per-token price: a 'free' host, a ':free' or
--   '*-plan' listing, or a price of 0.
-- is_lab_deprecated: the lab deprecated this model (a deprecated row of the same model_group
--   on its lab's own API; a deprecated dated snapshot deprecates only that snapshot):
--   deprecated on every host.
-- supports_structured_output: models.dev's flag, else litellm's supports_response_schema when
--   models.dev leaves it unset; structured_output_source says which ('models.dev', 'litellm',
--   'unknown').
{% from "ids.sql" import host_undecorated %}
with

models as (

    select * from int_models__listings

),

litellm_matches as (

    select canonical_id, litellm_key from int_models__litellm_matched

),

litellm_models as (

    select litellm_key, supports_response_schema from stg_litellm__models

),

arena_matches as (

    select canonical_id, arena_name from int_models__arena_matched

),

hosts as (

    select provider, host_class, nullif(region, '') as region from seeds.hosts

),

based as (

    select
        models.canonical_id,
        models.provider,
        models.model_id,
        models.is_deprecated,
        models.price_input_per_million,
        models.price_output_per_million,
        models.structured_output_declared,
        models.listing_source,
        -- the host's decoration (sql/macros/ids.sql), then any ':tag' and '@version'
        regexp_replace(
            regexp_replace(
                {{ host_undecorated("lower(regexp_extract(models.model_id, '([^/]+)$', 1))") }},
                ':.*$',
                ''
            ),
            '@.*$',
            ''
        ) as base_model_id
    from models

),

grouped as (

    select
        *,
        regexp_replace(
            regexp_replace(base_model_id, '-([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2}|latest)$', ''),
            '([0-9])\.([0-9])',
            '\1-\2',
            'g'
        ) as model_group,
        regexp_matches(base_model_id, '-([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2})$')
            as is_dated_snapshot
    from based

),

base_ids as (

    select distinct base_model_id from grouped

),

-- A lab pattern read from a column is compiled for every pair it is tested on (1,767 base ids
-- x 14 patterns: 0.11 s); a pattern written into the SQL is compiled once. So the patterns of
-- seeds.model_labs are rendered in as literals (create_views reads them from the build's own
-- seeds), one test per pattern, and a base id takes the least lab whose pattern it matches.
{%- set lab_patterns = seed_rows("model_labs", "pattern", "lab") %}
base_labs as (

    select
        base_model_id,
        {%- if lab_patterns %}
        least(
            {%- for pattern, lab in lab_patterns %}
            case when regexp_matches(base_model_id, {{ pattern | literal }}) then {{ lab | literal }} end
            {{- "," if not loop.last }}
            {%- endfor %}
        ) as model_lab
        {%- else %}
        null::varchar as model_lab
        {%- endif %}
    from base_ids

),

with_lab as (

    select
        grouped.canonical_id,
        -- a listing only litellm's cost map has is on a lab's own API or a major cloud: on a
        -- lab's, when no pattern names its maker, the lab that sells it made it (Lyria,
        -- pplx-embed)
        coalesce(
            base_labs.model_lab,
            case when grouped.listing_source = 'litellm' and hosts.host_class = 'lab'
                then grouped.provider end
        ) as model_lab
    from grouped
    left join base_labs on base_labs.base_model_id = grouped.base_model_id
    left join hosts on hosts.provider = grouped.provider

),

classed as (

    select
        grouped.*,
        arena_matches.arena_name,
        with_lab.model_lab,
        case
            when hosts.host_class = 'lab' and grouped.provider like with_lab.model_lab || '%'
                then 'lab'
            when hosts.host_class = 'lab' then 'other'
            else coalesce(hosts.host_class, 'other')
        end as host_class,
        hosts.region as host_region,
        litellm_models.supports_response_schema
    from grouped
    left join with_lab on with_lab.canonical_id = grouped.canonical_id
    left join hosts on hosts.provider = grouped.provider
    left join arena_matches on arena_matches.canonical_id = grouped.canonical_id
    left join litellm_matches on litellm_matches.canonical_id = grouped.canonical_id
    left join litellm_models on litellm_models.litellm_key = litellm_matches.litellm_key

),

lab_deprecations as (

    -- what deprecated rows on the lab's own API deprecate: the whole model_group (every
    -- snapshot and alias of the model) when an undated row is deprecated or every lab row of
    -- the group is; else only the deprecated dated snapshots themselves (gpt-audio-mini-2025-10-06
    -- going away leaves the active gpt-audio-mini alias and later snapshots as they are)
    select model_group, null::varchar as dated_id
    from classed
    where host_class = 'lab'
    group by model_group
    having bool_or(is_deprecated and not is_dated_snapshot) or bool_and(is_deprecated)
    union all
    select distinct null, base_model_id
    from classed
    where host_class = 'lab' and is_deprecated

),

final as (

    select
        classed.canonical_id,
        classed.base_model_id,
        classed.model_group,
        classed.model_lab,
        classed.host_class,
        classed.host_region,
        classed.host_class = 'free'
            or classed.model_id like '%:free'
            or classed.provider like '%-plan%'
            or coalesce(classed.price_input_per_million, 1) = 0
            and coalesce(classed.price_output_per_million, 0) = 0 as is_free_listing,
        exists (
            select 1 from lab_deprecations
            where lab_deprecations.model_group = classed.model_group
                or lab_deprecations.dated_id = classed.base_model_id
        ) as is_lab_deprecated,
        coalesce(
            classed.structured_output_declared, classed.supports_response_schema, false
        ) as supports_structured_output,
        case
            when classed.structured_output_declared is not null then 'models.dev'
            when classed.supports_response_schema is not null then 'litellm'
            else 'unknown'
        end as structured_output_source
    from classed

)

select * from final
