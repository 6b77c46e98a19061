-- int_models__match_keys
-- grain: one row per catalog listing (provider x model). key: canonical_id.
-- match_key is the model id with the host's decoration removed, so that the same underlying
-- model reads the same on every host:
--   * lower case, and everything up to the last '/' dropped (openrouter 'anthropic/claude-x',
--     fireworks 'accounts/fireworks/models/x', huggingface 'Qwen/Qwen3-x');
--   * a host's decoration of the lab's id (sql/macros/ids.sql): Bedrock's region and vendor
--     prefixes ('us.', 'anthropic.') and version suffix ('-v1:0'), a vendor written with a
--     dash ('cohere-command-a', 'zai-glm-5-2');
--   * Vertex ids: '@default' (the model's current version) is dropped ('claude-sonnet-5@default'
--     is claude-sonnet-5), '@' before a snapshot date becomes '-' ('claude-sonnet-4@20250514'),
--     and the '-maas' of its partner models ('deepseek-v3.2-maas', 'gpt-oss-20b-maas', served
--     "as a service") is dropped;
--   * Fireworks ids write a version's point as 'p' ('glm-5p2', 'kimi-k2p7-code'): a 'p' between
--     digits becomes '.';
--   * '.' becomes '-' (arena writes 'claude-opus-4-5', hosts write 'claude-opus-4.5').
{% from "ids.sql" import host_undecorated %}
with

models as (

    select canonical_id, provider, model_id from int_models__listings

),

stripped as (

    select
        canonical_id,
        provider,
        model_id,
        regexp_replace(lower(model_id), '^.*/', '') as leaf_id
    from models

),

undecorated as (

    select
        canonical_id,
        provider,
        model_id,
        case
            when provider like 'google-vertex%'
                then regexp_replace(regexp_replace(leaf_id, '@default$', ''), '-maas$', '')
            when provider = 'fireworks-ai'
                then regexp_replace(leaf_id, '(\d)p(\d)', '\1.\2', 'g')
            else leaf_id
        end as leaf_id
    from stripped

),

final as (

    select
        canonical_id,
        provider,
        model_id,
        replace(replace({{ host_undecorated("leaf_id") }}, '@', '-'), '.', '-') as match_key
    from undecorated

)

select * from final
