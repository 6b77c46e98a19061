-- int_quality__name_matches
-- grain: one row per quality source x source name x models.dev model it identifies.
-- key: (source, source_name, canonical_id).
-- How a source name (int_quality__source_names) is tied to catalog models (int_models__model_keys),
-- match_rank orders them (lower is stronger). Rules 1, 2 and 4 are evidence and always count.
-- The looser rules count only when no stronger one names the source name: 'kimi-k2-thinking'
-- is that model, not 'kimi-k2' thinking; 'undated' only when nothing else matched. One
-- exception: a name that is its base plus an effort level ('-high', '-xhigh-effort') also
-- matches the base model, since an effort never names a separate model:
--   1 'direct'      the whole name's key is the model_key;
--   2 'alias'       data/seeds/quality_aliases.csv names the listing (kind 'same');
--   3 'variant'     the name minus its effort suffix is the model_key ('gpt-5-5-high');
--   4 'openrouter'  Artificial Analysis's openrouter_api_id is the model_key, and that id is the
--                   name's base key or extends it ('gemini-3-flash' -> 'gemini-3-flash-preview',
--                   'gemma-4-31b' -> 'gemma-4-31b-it'); an id that drops part of the name is
--                   ignored ('gpt-5-2-codex' carries 'openai/gpt-5.2': a sibling, not the model);
--   5 'undated'     the name minus its snapshot date is the model_key, the source ranks no other
--                   snapshot of it and not the undated name ('gpt-5.1-2025-11-13-high' -> gpt-5.1).
-- Every rule works on model_key, so every host of a model shares its match. Seed rows of kind
-- 'not' reject a pair any rule would make. Siblings (-mini, -nano, -flash, -lite, -pro, -codex)
-- differ in their keys and never match one another.
with

names as (

    select * from int_quality__source_names

),

model_keys as (

    select * from int_models__model_keys

),

aliases as (

    select * from seeds.quality_aliases

),

direct as (

    select names.source, names.source_name, model_keys.canonical_id, 'direct' as match_kind, 1 as match_rank
    from names
    inner join model_keys on model_keys.model_key = names.full_key

),

alias_keys as (

    select aliases.source, aliases.source_name, aliases.kind, aliases.scope, aliases.provider, listed.model_key
    from aliases
    inner join model_keys as listed
        on listed.provider = aliases.provider and listed.model_id = aliases.model_id

),

via_alias as (

    select alias_keys.source, alias_keys.source_name, model_keys.canonical_id, 'alias' as match_kind, 2 as match_rank
    from alias_keys
    inner join model_keys
        on model_keys.model_key = alias_keys.model_key
        and (alias_keys.scope = 'hosts' or model_keys.provider = alias_keys.provider)
    where alias_keys.kind = 'same'

),

via_variant as (

    select names.source, names.source_name, model_keys.canonical_id, 'variant' as match_kind, 3 as match_rank
    from names
    inner join model_keys on model_keys.model_key = names.base_key
    where names.base_key <> names.full_key

),

via_openrouter as (

    select names.source, names.source_name, model_keys.canonical_id, 'openrouter' as match_kind, 4 as match_rank
    from names
    inner join model_keys on model_keys.model_key = names.openrouter_key
    where names.openrouter_key = names.base_key
        or starts_with(names.openrouter_key, names.base_key || '-')

),

via_undated as (

    select names.source, names.source_name, model_keys.canonical_id, 'undated' as match_kind, 5 as match_rank
    from names
    inner join model_keys on model_keys.model_key = names.undated_key

),

unioned as (

    select * from direct
    union all
    select * from via_alias
    union all
    select * from via_variant
    union all
    select * from via_openrouter
    union all
    select * from via_undated

),

rejected as (

    select alias_keys.source, alias_keys.source_name, model_keys.canonical_id
    from alias_keys
    inner join model_keys
        on model_keys.model_key = alias_keys.model_key
        and (alias_keys.scope = 'hosts' or model_keys.provider = alias_keys.provider)
    where alias_keys.kind = 'not'

),

kept as (

    select *
    from unioned
    where (source, source_name, canonical_id) not in (
        select (source, source_name, canonical_id) from rejected
    )

),

evidence as (

    -- names tied to a model by the name itself, a curated alias or the source's own id
    select distinct source, source_name from kept where match_kind in ('direct', 'alias', 'openrouter')

),

effort_variants as (

    -- names that differ from their base only by an effort level: an effort never names a
    -- separate model, so the base model is matched even where a host lists the effort as an id
    select source, source_name
    from names
    where regexp_matches(full_key, '-(minimal|low|medium|high|xhigh)(-effort)?$')

),

final as (

    select kept.source, kept.source_name, kept.canonical_id, kept.match_kind, kept.match_rank
    from kept
    where kept.match_kind in ('direct', 'alias', 'openrouter')
        or (
            kept.match_kind = 'variant'
            and (
                (kept.source, kept.source_name) in (select (source, source_name) from effort_variants)
                or (kept.source, kept.source_name) not in (select (source, source_name) from evidence)
            )
        )
        or (
            kept.match_kind = 'undated'
            and (kept.source, kept.source_name) not in (
                select (source, source_name) from kept where match_kind <> 'undated'
            )
        )
    qualify row_number() over (
        partition by kept.source, kept.source_name, kept.canonical_id order by kept.match_rank
    ) = 1

)

select * from final
