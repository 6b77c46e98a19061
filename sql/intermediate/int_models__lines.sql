-- int_models__lines
-- grain: one row per underlying model (int_models__model_keys). key: model_key.
-- A model line is the model_key with its snapshot date and a '-preview'/'-exp' tag taken out
-- and its version, one number or several, written '#' ('claude-opus-4-8', 'claude-opus-4-5'
-- and 'claude-opus-5' are the line 'claude-opus-#'; 'gpt-5-6-sol' and 'gpt-6-sol' are
-- 'gpt-#-sol'; 'gemini-3-1-flash-lite' and its preview are one line). A size word ('8b',
-- 'a22b', '8x22b', 'e4b': parameters, total or active) is part of the line, not of the
-- version: 'qwen3-8b' and 'qwen3-6-27b' are different models, never one line. The version is
-- the list of the other numbers, then the dates ('20250929', '2025-09-29', and a word of 4 to
-- 8 digits: '0905', '2512', '251201'): versions compare first, so 'kimi-k2-6' is after
-- 'kimi-k2-0905' and 'kimi-k3' follows 'kimi-k2-6', and a new dated snapshot follows the old
-- one. Words are split on '-' and ':' ('qwen3-8b:thinking' has the size word '8b').
-- line_rank: 1 for the highest version of its line in the catalog, 2 for the next, and so on
-- (equal versions share a rank); NULL when the key has no line or no version. It tells the
-- newer of two models apart where no release date does (litellm's cost map dates none of the
-- lab API models only it lists yet: 'gpt-6-1-sol' is after 'gpt-6-sol'). The lineage
-- inference (int_models__quality_inferred) reads line_key and version.
with

lines as (

    select
        model_key,
        regexp_replace(
            regexp_replace(
                array_to_string(
                    list_transform(
                        tokens,
                        lambda t: case
                            when regexp_full_match(t, '[ae]?\d+(x\d+)?b') then t
                            else regexp_replace(t, '\d+', '#', 'g')
                        end
                    ),
                    '-'
                ),
                '#(-#)+', '#', 'g'
            ),
            '-+$', ''
        ) as line_key,
        {
            'numbers': list_transform(
                flatten(
                    list_transform(
                        list_filter(
                            words,
                            lambda t: not regexp_full_match(t, '[ae]?\d+(x\d+)?b')
                                and not regexp_full_match(t, '\d{4,8}')
                        ),
                        lambda t: regexp_extract_all(t, '\d+')
                    )
                ),
                lambda n: n::bigint
            ),
            'dates': list_transform(
                list_filter(words, lambda t: regexp_full_match(t, '\d{4,8}')), lambda n: n::bigint
            )
        } as version
    from (
        select
            model_key,
            -- a date, written 'YYYY-MM-DD', '20250929', '0905', '2512' or '251201', is one word
            string_split_regex(
                regexp_replace(model_key, '(\d{4})-(\d{2})-(\d{2})', '\1\2\3', 'g'), '[-:]'
            ) as words,
            string_split_regex(
                regexp_replace(
                    model_key, '-(\d{8}|\d{4}-\d{2}-\d{2}|preview|exp)(?:-|$)', '-', 'g'
                ),
                '[-:]'
            ) as tokens
        -- per distinct key (a third of the listings): the regexes are the costly part
        from (select distinct model_key from int_models__model_keys)
    )

),

final as (

    select
        model_key,
        line_key,
        version,
        case
            when is_versioned
                then dense_rank() over (partition by line_key, is_versioned order by version desc)
        end as line_rank
    from (
        select
            *, line_key <> '' and len(version.numbers) + len(version.dates) > 0 as is_versioned
        from lines
    )

)

select * from final
