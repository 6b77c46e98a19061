-- int_arena__name_matches
-- grain: one row per arena name x models.dev model it identifies. key: (arena_name, canonical_id).
-- How an arena name is tied to a model (match_rank: lower wins when a model has several names):
--   1 'arena'          the model's match_key equals the arena name's key (direct match);
--   2 'arena_alias'    data/seeds/arena_aliases.csv names the model (kind 'same');
--   3 'arena_undated'  the model's key is the arena name without its snapshot date, that
--                      arena name is the only snapshot of the key in the leaderboards (no
--                      other name is the key plus a date or 4+ digits: 'qwen-vl-max-1119'
--                      makes 'qwen-vl-max-2025-08-13' ambiguous), the undated name itself is not
--                      ranked, and no seed row of kind 'none' vetoes the name (e.g.
--                      'claude-opus-4-5' -> 'claude-opus-4-5-20251101');
--   4 'arena_variant'  the seed names the model, kind 'variant': the arena ranked one
--                      configuration of it (a thinking budget, a reasoning effort).
-- A seed row names one listing (usually the lab's own). With scope 'hosts' every host whose
-- match_key equals that listing's key (the same model id once host decoration is removed)
-- shares the match, as direct matches do: that is how a Claude model on amazon-bedrock or
-- google-vertex-anthropic gets the anthropic listing's score. Scope 'provider' keeps the match
-- on the named provider, for ids that mean different models on different hosts
-- ('deepseek-chat'). Seed rows of kind 'not' reject a pair the rules above would make (with
-- the same scopes); rows of kind 'none' record reviewed names with no certain listing.
with

arena_names as (

    select * from int_arena__names

),

model_keys as (

    select * from int_models__match_keys

),

aliases as (

    select arena_name, provider, model_id, kind, scope
    from seeds.arena_aliases
    where kind in ('same', 'variant')

),

direct as (

    select
        arena_names.arena_name,
        model_keys.canonical_id,
        'arena' as quality_source,
        1 as match_rank
    from arena_names
    inner join model_keys on model_keys.match_key = arena_names.arena_key

),

alias_keys as (

    select
        aliases.arena_name,
        aliases.kind,
        aliases.scope,
        aliases.provider,
        model_keys.match_key
    from aliases
    inner join model_keys
        on model_keys.provider = aliases.provider and model_keys.model_id = aliases.model_id

),

via_alias as (

    select
        alias_keys.arena_name,
        model_keys.canonical_id,
        case when alias_keys.kind = 'variant' then 'arena_variant' else 'arena_alias' end
            as quality_source,
        case when alias_keys.kind = 'variant' then 4 else 2 end as match_rank
    from alias_keys
    inner join model_keys
        on model_keys.match_key = alias_keys.match_key
        and (alias_keys.scope = 'hosts' or model_keys.provider = alias_keys.provider)

),

reviewed_without_listing as (

    select arena_name from seeds.arena_aliases where kind = 'none'

),

snapshot_bases as (

    -- every name that is some key plus a snapshot suffix (a date, or 4+ digits as in
    -- 'qwen-vl-max-1119'), grouped by that key
    select
        regexp_replace(arena_key, '-(\d{4,}|\d{4}-\d{2}-\d{2})$', '') as base_key,
        count(*) as snapshot_count
    from arena_names
    where regexp_matches(arena_key, '-(\d{4,}|\d{4}-\d{2}-\d{2})$')
    group by base_key

),

single_snapshots as (

    select arena_names.arena_name, arena_names.undated_key
    from arena_names
    inner join snapshot_bases on snapshot_bases.base_key = arena_names.undated_key
    where snapshot_bases.snapshot_count = 1
        and arena_names.undated_key not in (select arena_key from arena_names)
        and arena_names.arena_name not in (select arena_name from reviewed_without_listing)

),

via_undated as (

    select
        single_snapshots.arena_name,
        model_keys.canonical_id,
        'arena_undated' as quality_source,
        3 as match_rank
    from single_snapshots
    inner join model_keys on model_keys.match_key = single_snapshots.undated_key

),

unioned as (

    select * from direct
    union all
    select * from via_alias
    union all
    select * from via_undated

),

rejected as (

    -- reviewed pairs that must never match, e.g. a host's undated 'mistral-medium' that is
    -- Mistral Medium 3.1, not the 2023 model LMArena ranked under that name
    select rejections.arena_name, model_keys.canonical_id
    from seeds.arena_aliases as rejections
    inner join model_keys as listed
        on listed.provider = rejections.provider and listed.model_id = rejections.model_id
    inner join model_keys
        on model_keys.match_key = listed.match_key
        and (rejections.scope = 'hosts' or model_keys.provider = rejections.provider)
    where rejections.kind = 'not'

),

final as (

    select arena_name, canonical_id, quality_source, match_rank
    from unioned
    where (arena_name, canonical_id) not in (select (arena_name, canonical_id) from rejected)
    qualify row_number() over (
        partition by arena_name, canonical_id order by match_rank
    ) = 1

)

select * from final
