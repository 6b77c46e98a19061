-- int_arena__name_matches
-- grain: one row per arena name x models.dev model it identifies. key: (arena_name, canonical_id).
-- How an arena name is tied to a model (match_rank: lower wins when a model has several names):
--   1 'arena'          the model's match_key equals the arena name's key (direct match);
--   2 'arena_alias'    data/seeds/arena_aliases.csv names the model (kind 'same');
--   3 'arena_undated'  the model's key is the arena name without its snapshot date, and that
--                      arena name is the only dated snapshot of the key in the leaderboards
--                      while the undated name itself is not ranked (e.g. 'claude-opus-4-5'
--                      -> 'claude-opus-4-5-20251101');
--   4 'arena_variant'  the seed names the model, kind 'variant': the arena ranked one
--                      configuration of it (a thinking budget, a reasoning effort).
-- A seed row names the lab's own listing; every host whose match_key equals that listing's key
-- (the same model id after removing host decoration) shares the match: that is how a Claude
-- model on amazon-bedrock or google-vertex-anthropic gets the anthropic listing's score.
with

arena_names as (

    select * from int_arena__names

),

model_keys as (

    select * from int_models__match_keys

),

aliases as (

    select arena_name, provider, model_id, kind from seeds.arena_aliases where model_id <> ''

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
    inner join model_keys on model_keys.match_key = alias_keys.match_key

),

single_snapshots as (

    select arena_name, undated_key
    from arena_names
    where undated_key is not null
        and undated_key not in (select arena_key from arena_names)
    qualify count(*) over (partition by undated_key) = 1

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

final as (

    select arena_name, canonical_id, quality_source, match_rank
    from unioned
    qualify row_number() over (
        partition by arena_name, canonical_id order by match_rank
    ) = 1

)

select * from final
