-- int_models__match_keys
-- grain: one row per catalog listing (provider x model). key: canonical_id.
-- match_key is the model id with the host's decoration removed, so that the same underlying
-- model reads the same on every host:
--   * lower case, and everything up to the last '/' dropped (openrouter 'anthropic/claude-x',
--     fireworks 'accounts/fireworks/models/x', huggingface 'Qwen/Qwen3-x');
--   * Bedrock ids: the region prefix ('us.', 'eu.', 'global.', ...), the vendor prefix
--     ('anthropic.', 'meta.', ...) and the version suffix ('-v1:0') dropped;
--   * Vertex ids: '@' before a snapshot date becomes '-' ('claude-sonnet-4@20250514');
--   * '.' becomes '-' (arena writes 'claude-opus-4-5', hosts write 'claude-opus-4.5').
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

final as (

    select
        canonical_id,
        provider,
        model_id,
        replace(
            replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(leaf_id, '^(us|eu|apac|au|ca|jp|us-gov|global)\.', ''),
                        '^(anthropic|meta|amazon|mistral|cohere|ai21|deepseek|qwen|openai|writer|moonshot|moonshotai|minimax|google|nvidia|zai)\.',
                        ''
                    ),
                    '-v\d+:\d+$',
                    ''
                ),
                '@',
                '-'
            ),
            '.',
            '-'
        ) as match_key
    from stripped

)

select * from final
