-- int_models__litellm_matched
-- grain: one row per catalog listing (int_models__listings). key: canonical_id.
-- listing_source: 'models.dev' for models.dev's listings; 'litellm' for a lab API listing only
-- litellm's cost map has (below).
-- litellm_provider comes from data/seeds/provider_map.csv. litellm_model is
-- '<litellm_provider>/<model_id>', the string litellm.completion(model=...) routes to that host,
-- or NULL when the provider has no litellm prefix (litellm_model_reason says why).
-- litellm_key is the matching entry of litellm's cost map, looked up as
--   1. the key '<litellm_provider>/<model_id>' (e.g. 'gemini/gemini-2.5-pro'), else
--   2. the key '<model_id>' listed under that provider or one of its variants
--      ('bedrock_converse' for 'bedrock', 'vertex_ai-anthropic_models' for 'vertex_ai', ...);
-- it gives the model's litellm mode.
-- litellm_support says how far litellm vouches for the call:
--   'cost_map'     litellm's cost map lists the model under this provider (litellm_key);
--   'passthrough'  it does not, but litellm sends any model id under a provider prefix it
--                  knows as given (a new OpenAI model works as 'openai/<id>' before the map
--                  lists it), and the host's own list, through models.dev, names the model;
--   'plan_only'    the host is a lab whose subscription plan litellm reaches through another
--                  provider (data/seeds/plan_providers.csv: chatgpt for openai), and the cost
--                  map lists the model id only there and under no API provider: the model is
--                  served in the plan, not the API, so litellm_model is NULL and the reason
--                  names the plan entry (openai/gpt-5.3-codex-spark is chatgpt/... only);
--   'no_provider'  litellm has no prefix for the host.
-- litellm-only listings: models.dev's provider lists trail the labs by months, while litellm's
-- cost map is updated when a lab publishes a model (GPT-5.6 and 6, Claude Opus 5.5, Gemini 4,
-- the labs' transcription, speech and image models). A cost-map key becomes a listing of its
-- own, '<lab provider>/<model id>' with litellm_support 'cost_map', when:
--   * its litellm provider is the prefix of a lab's own API (data/seeds/lab_providers.csv, host
--     class 'lab' in data/seeds/hosts.csv) that models.dev lists as a provider (its key variable
--     and endpoint): what the lab sells at the lab's price; or it is one under which the cost
--     map lists a major cloud (data/seeds/cloud_cost_map.csv: azure, bedrock and
--     bedrock_converse, vertex_ai and its per-family lists), and the entry re-lists a model a
--     lab's own API sells: '<cloud provider>/<model id>' (azure/gpt-6-luna,
--     amazon-bedrock/us.anthropic.claude-opus-5-5, google-vertex/gemini-3.5-transcribe), what
--     a team bound to its cloud can call;
--   * its mode is one llmhub selects for (chat, responses, embedding, audio_transcription,
--     audio_speech, image_generation);
--   * the entry cites the page its prices come from (source_url): the map keeps hundreds of
--     entries for models the labs retired years ago without a deprecation date (Perplexity's
--     pplx-70b-chat, DeepSeek's deepseek-coder), and the entries checked against a lab's page
--     since the map began citing sources are the ones that describe what the lab sells today;
--   * its model id is a plain id: no fine-tune template ('ft:'), no size or quality path
--     ('1024-x-1024/gpt-image-1.5'), no moving alias ('-latest');
--   * for transcription, speech and image models, the entry's supported_endpoints (when it
--     gives them) include the mode's own endpoint: 'gpt-realtime-whisper' is reached over a
--     realtime socket only, which litellm.transcription() cannot call; a transcriber whose id
--     says 'realtime' is left out whatever endpoints it lists, as a realtime model streams
--     over a socket (Mistral's realtime Voxtral);
--   * no models.dev listing matched the key, and neither the host's models.dev list nor the
--     cost map has the same id once a snapshot date ('-2026-03-05', '-20260416', '-0825') is
--     dropped ('gpt-5.4-2026-03-05' is models.dev's 'gpt-5.4'; 'gpt-4o-mini-transcribe' stands
--     for its two dated snapshots): a dated twin of a listed model adds nothing to choose from.
--     A twin whose deprecation_date has passed is kept (deprecated: never picked), so the
--     lab's deprecation reaches the snapshot's other hosts, and so is an active twin of a
--     retired undated id.
-- A key listed both with and without the provider prefix, or spelt with '.' and with '-'
-- ('mistral-medium-3.5', 'mistral-medium-3-5') or with a trailing '.0' ('mistral-large-4-0'),
-- is one listing: the prefixed key, then the first in key order.
{% from "ids.sql" import host_undecorated %}
{#- an id without its snapshot date: lower case, '.' as '-' #}
{%- macro undated_id(column) -%}
regexp_replace(replace(lower({{ column }}), '.', '-'), '-(\d{8}|\d{4}-\d{2}-\d{2}|\d{4})$', '')
{%- endmacro %}
{#- an id as compared across hosts: undated, and no trailing '-0' #}
{%- macro compared_id(column) -%}
regexp_replace({{ undated_id(column) }}, '-0$', '')
{%- endmacro %}
with

models as (

    select canonical_id, provider, model_id from stg_models_dev__models

),

provider_map as (

    select provider, nullif(litellm_provider, '') as litellm_provider, note
    from seeds.provider_map

),

cost_map as (

    select litellm_key, litellm_provider, litellm_mode from stg_litellm__models

),

prefixed as (

    select
        models.canonical_id,
        models.model_id,
        provider_map.litellm_provider,
        provider_map.note as provider_note,
        models.provider,
        provider_map.provider is not null as is_mapped
    from models
    left join provider_map on provider_map.provider = models.provider

),

by_prefixed_key as (

    select prefixed.canonical_id, cost_map.litellm_key, cost_map.litellm_mode, 1 as lookup_rank
    from prefixed
    inner join cost_map
        on cost_map.litellm_key = prefixed.litellm_provider || '/' || prefixed.model_id

),

by_bare_key as (

    select prefixed.canonical_id, cost_map.litellm_key, cost_map.litellm_mode, 2 as lookup_rank
    from prefixed
    inner join cost_map
        on cost_map.litellm_key = prefixed.model_id
        and (
            cost_map.litellm_provider = prefixed.litellm_provider
            or cost_map.litellm_provider like prefixed.litellm_provider || '\_%' escape '\'
            or cost_map.litellm_provider like prefixed.litellm_provider || '-%'
        )

),

plans as (

    select * from seeds.plan_providers

),

-- model ids the cost map lists under a lab's plan provider and under no API provider
plan_only as (

    select
        prefixed.canonical_id,
        min(cost_map.litellm_key) as plan_key,
        any_value(plans.note) as plan_note
    from prefixed
    inner join plans on plans.provider = prefixed.provider
    inner join cost_map
        on cost_map.litellm_provider = plans.litellm_provider
        and regexp_replace(cost_map.litellm_key, '^.*/', '') = prefixed.model_id
    where not exists (
        select 1 from cost_map as api
        where regexp_replace(api.litellm_key, '^.*/', '') = prefixed.model_id
            and coalesce(api.litellm_provider, '') not in (select litellm_provider from plans)
    )
    group by prefixed.canonical_id

),

listing_hosts as (

    -- the hosts whose cost-map entries become listings, the litellm provider that calls each,
    -- and the cost-map provider the entries are listed under: a lab's own API (its own
    -- provider), and the major clouds (data/seeds/cloud_cost_map.csv: Bedrock's Converse
    -- entries, Vertex AI's per-family lists); models.dev's provider entry gives the host's key
    -- variable and endpoint
    select
        labs.provider,
        provider_map.litellm_provider,
        provider_map.litellm_provider as listed_as,
        false as is_cloud
    from seeds.lab_providers as labs
    inner join seeds.hosts as hosts on hosts.provider = labs.provider and hosts.host_class = 'lab'
    inner join provider_map on provider_map.provider = labs.provider
    inner join stg_models_dev__providers as listed on listed.provider = labs.provider
    where provider_map.litellm_provider is not null

    union all

    select
        clouds.provider,
        provider_map.litellm_provider,
        clouds.litellm_provider as listed_as,
        true as is_cloud
    from seeds.cloud_cost_map as clouds
    inner join seeds.hosts as hosts
        on hosts.provider = clouds.provider and hosts.host_class = 'cloud'
    inner join provider_map on provider_map.provider = clouds.provider
    inner join stg_models_dev__providers as listed on listed.provider = clouds.provider
    where provider_map.litellm_provider is not null

),

litellm_entries as (

    -- the cost-map keys that may become a listing, before twins are removed (below)
    select
        entries.provider,
        entries.call_prefix as litellm_provider,
        entries.litellm_key,
        entries.litellm_mode,
        entries.model_id,
        entries.is_prefixed,
        entries.is_retired,
        entries.is_cloud,
        -- the model a cloud's id names, spelt as lab_ids are: without the host's decoration
        -- (sql/macros/ids.sql: 'us.anthropic.', '-v1:0'; 'cohere.embed-v4:0' is Cohere's
        -- embed-v4.0), an '@' version ('@default') or a ':0' version
        case when entries.is_cloud then
            {{ compared_id("regexp_replace(regexp_replace(" ~ host_undecorated("lower(entries.model_id)") ~ ", '@.*$', ''), ':[0-9]+$', '')") }}
        end as relisted_id,
        -- one spelling per id: '.' as '-', and a trailing '.0' dropped ('voxtral-mini-3-0')
        regexp_replace(replace(lower(entries.model_id), '.', '-'), '-0$', '') as plain_id,
        {{ undated_id("entries.model_id") }} as undated_id
    from (
        select
            cost_map.*,
            hosts.provider,
            hosts.is_cloud,
            hosts.litellm_provider as call_prefix,
            -- the id under the prefix that calls it ('vertex_ai/claude-sonnet-5', listed under
            -- vertex_ai-anthropic_models, is 'claude-sonnet-5')
            case
                when starts_with(cost_map.litellm_key, hosts.litellm_provider || '/')
                    then cost_map.litellm_key[length(hosts.litellm_provider) + 2:]
                else cost_map.litellm_key
            end as model_id,
            starts_with(cost_map.litellm_key, hosts.litellm_provider || '/') as is_prefixed
        from stg_litellm__models as cost_map
        inner join listing_hosts as hosts on hosts.listed_as = cost_map.litellm_provider
        where cost_map.source_url is not null
            and cost_map.litellm_mode in (
                'chat', 'responses', 'embedding', 'audio_transcription', 'audio_speech',
                'image_generation'
            )
            -- callable by the mode's own call: a transcriber reached only over a realtime
            -- socket is not a transcription model to litellm.transcription()
            and (
                cost_map.supported_endpoints is null
                or cost_map.litellm_mode not in (
                    'audio_transcription', 'audio_speech', 'image_generation'
                )
                or list_contains(
                    cost_map.supported_endpoints,
                    case cost_map.litellm_mode
                        when 'audio_transcription' then '/v1/audio/transcriptions'
                        when 'audio_speech' then '/v1/audio/speech'
                        else '/v1/images/generations'
                    end
                )
            )
    ) as entries
    where not contains(entries.model_id, '/')
        and not (entries.litellm_mode = 'audio_transcription' and contains(entries.model_id, 'realtime'))
        and not starts_with(entries.model_id, 'ft:')
        and not regexp_matches(entries.model_id, '(^|-)latest(-|$)')
        and not exists (
            select 1
            from (
                select litellm_key from by_prefixed_key
                union all
                select litellm_key from by_bare_key
            ) as used
            where used.litellm_key = entries.litellm_key
        )

),

-- The models the labs' own APIs sell (models.dev's lab listings and the cost map's lab
-- entries), spelt for comparison: lower case, '.' as '-', no snapshot date, no trailing '-0'.
lab_ids as (

    select {{ compared_id("models.model_id") }} as lab_id
    from stg_models_dev__models as models
    inner join seeds.hosts as hosts
        on hosts.provider = models.provider and hosts.host_class = 'lab'
    union
    select regexp_replace(undated_id, '-0$', '') from litellm_entries where not is_cloud

),

litellm_only as (

    select provider, litellm_provider, litellm_key, litellm_mode, model_id
    from litellm_entries as entries
    -- a cloud's entry is a listing when it re-lists a model a lab's own API sells (GPT-6 on
    -- Azure and Bedrock, Claude Opus 5.5 on Vertex AI): the cost map also keeps a cloud's
    -- models of years ago (Llama 2 and Jurassic-2 on Bedrock) that no lab sells any more.
    -- Not a dated twin of a listed model: models.dev lists the id without the date on that host,
    -- or the cost map has the undated id too. A twin the lab has retired stays, so that its
    -- deprecation reaches its other hosts (gpt-3.5-turbo-0125 on Azure), and an active twin
    -- stays when the undated id is retired (grok-code-fast-1-0825)
    where (not entries.is_cloud or entries.relisted_id in (select lab_id from lab_ids))
        and (entries.is_retired
        or not exists (
            select 1 from models
            where models.provider = entries.provider
                and replace(lower(models.model_id), '.', '-') = entries.undated_id
        )
        and not exists (
            select 1 from litellm_entries as undated
            where undated.provider = entries.provider
                and undated.plain_id = entries.undated_id
                and entries.plain_id <> entries.undated_id
                and not undated.is_retired
        ))
    qualify row_number() over (
        partition by provider, plain_id order by is_prefixed desc, litellm_key
    ) = 1

),

best_key as (

    select canonical_id, litellm_key, litellm_mode
    from (select * from by_prefixed_key union all select * from by_bare_key)
    qualify row_number() over (partition by canonical_id order by lookup_rank, litellm_key) = 1

),

final as (

    select
        prefixed.canonical_id,
        prefixed.litellm_provider,
        case
            when prefixed.litellm_provider is not null
                and (best_key.litellm_key is not null or plan_only.canonical_id is null)
                then prefixed.litellm_provider || '/' || prefixed.model_id
        end as litellm_model,
        case
            when prefixed.litellm_provider is null then 'no_provider'
            when best_key.litellm_key is not null then 'cost_map'
            when plan_only.canonical_id is not null then 'plan_only'
            else 'passthrough'
        end as litellm_support,
        case
            when prefixed.litellm_provider is not null and best_key.litellm_key is null
                and plan_only.canonical_id is not null
                then 'litellm knows ' || prefixed.model_id || ' only as ' || plan_only.plan_key
                    || ', a subscription plan, not the ' || prefixed.provider
                    || ' API (data/seeds/plan_providers.csv)'
            when prefixed.litellm_provider is null and prefixed.is_mapped
                then 'no litellm provider: ' || prefixed.provider_note
            when prefixed.litellm_provider is null
                then 'no litellm provider prefix for ' || prefixed.provider
                    || ' (data/seeds/provider_map.csv)'
            when best_key.litellm_key is not null
                then 'in the litellm cost map as ' || best_key.litellm_key
            else 'litellm provider ' || prefixed.litellm_provider
                || ' (model not in the litellm cost map: the id is passed through as listed)'
        end as litellm_model_reason,
        best_key.litellm_key,
        best_key.litellm_mode,
        'models.dev' as listing_source
    from prefixed
    left join best_key on best_key.canonical_id = prefixed.canonical_id
    left join plan_only on plan_only.canonical_id = prefixed.canonical_id

    union all

    select
        provider || '/' || model_id as canonical_id,
        litellm_provider,
        litellm_provider || '/' || model_id as litellm_model,
        'cost_map' as litellm_support,
        'in the litellm cost map as ' || litellm_key
            || ' (a listing models.dev does not have yet)' as litellm_model_reason,
        litellm_key,
        litellm_mode,
        'litellm' as listing_source
    from litellm_only

)

select * from final
