-- int_models__priced
-- grain: one row per catalog listing (provider x model). key: canonical_id.
-- mode: litellm's mode for the model's cost-map entry when there is one (chat, responses and
--   completion -> 'chat', or the kind of its output when it writes no text: Gemini's TTS
--   preview and Lyria are 'audio'; image_generation and image_edit -> 'image'; audio_transcription,
--   audio_speech and realtime -> 'audio'; video_generation -> 'video'; embedding, rerank and
--   moderation as they are; anything else -> 'other'), otherwise inferred from models.dev: an
--   id naming a rerank, embedding (or a BGE, E5, GTE, MiniLM or MPNet sentence-embedding model) or
--   moderation model, else output modalities without text
--   ('image', 'video' or 'audio'), else 'chat'.
-- price_blended_per_million: (w_in * input + w_out * output) / (w_in + w_out), the weights
--   being blended_input_weight : blended_output_weight (3 : 1) in data/seeds/settings.csv,
--   rounded to 9 decimals as the staging prices are.
-- price_per_audio_minute: a transcription model's price (mode 'audio', audio in, text out), in
--   USD per minute of audio in: litellm's input_cost_per_second x 60 (whisper-1, Groq's
--   Whisper: they have no token price), else, for a Gemini model priced per token, its audio
--   input price (its input price when models.dev gives no audio one) at
--   gemini_audio_tokens_per_second (data/seeds/settings.csv); NULL otherwise. A transcriber
--   with a token price only, from another lab, has none: no unit would compare it.
--   price_per_audio_minute_basis: 'per_second' or 'gemini_tokens'. A transcription role ranks
--   on this price, the one unit every transcriber has.
-- price_per_image: an image generation model's price (mode 'image', image out), in USD per
--   generated image: litellm's price per image made (output_cost_per_image), else its price per
--   image token out at image_tokens_per_image (data/seeds/settings.csv: 1,120 tokens for a
--   1024x1024 image), else its input_cost_per_image (what litellm charges per image made when it
--   has nothing else: xAI's; where an output price exists it is a reference image's price);
--   NULL otherwise (models.dev's token prices do not say which tokens
--   an image is billed at). price_per_image_basis: 'per_image' or 'image_tokens'. An image
--   role ranks on this price.
-- cost_tier: population = chat models with a blended price (free ones included). Quintile by
--   rank of the blended price, ascending: 1 + floor(tier_count * (rank - 1) / count), so 1 is
--   the cheapest fifth, equal prices share a tier and a cheaper model never gets a costlier
--   tier. NULL outside the population.
with

models as (

    select * from int_models__listings

),

litellm_matches as (

    select * from int_models__litellm_matched

),

unit_prices as (

    select
        litellm_key,
        price_input_per_minute,
        price_per_image_out,
        price_per_image_in,
        price_output_image_per_million
    from stg_litellm__models

),

labs as (

    select canonical_id, model_lab from int_models__hosted

),

settings as (

    select
        max(value) filter (where name = 'blended_input_weight') as input_weight,
        max(value) filter (where name = 'blended_output_weight') as output_weight,
        max(value) filter (where name = 'tier_count') as tier_count,
        max(value) filter (where name = 'gemini_audio_tokens_per_second') as gemini_audio_tokens,
        max(value) filter (where name = 'image_tokens_per_image') as image_tokens
    from seeds.settings

),

with_mode as (

    select
        models.canonical_id,
        case
            -- a chat-mode entry that writes no text (a speech or music model reached through
            -- the chat endpoint) is of the kind of what it writes
            when litellm_matches.litellm_mode in ('chat', 'responses', 'completion')
                and not list_contains(models.output_modalities, 'text')
                then case
                    when list_contains(models.output_modalities, 'image') then 'image'
                    when list_contains(models.output_modalities, 'video') then 'video'
                    when list_contains(models.output_modalities, 'audio') then 'audio'
                    else 'other'
                end
            when litellm_matches.litellm_mode in ('chat', 'responses', 'completion') then 'chat'
            when litellm_matches.litellm_mode in ('image_generation', 'image_edit') then 'image'
            when litellm_matches.litellm_mode in ('audio_transcription', 'audio_speech', 'realtime')
                then 'audio'
            when litellm_matches.litellm_mode = 'video_generation' then 'video'
            when litellm_matches.litellm_mode in ('embedding', 'rerank', 'moderation')
                then litellm_matches.litellm_mode
            when litellm_matches.litellm_mode is not null then 'other'
            when regexp_matches(lower(models.model_id), 'rerank') then 'rerank'
            -- sentence-embedding families whose ids do not say 'embed' (BGE, E5, GTE, MiniLM,
            -- MPNet: 'multi-qa-mpnet-base-dot-v1')
            when regexp_matches(
                lower(models.model_id),
                'embed|(^|[/-])(bge|e5|gte)-|(^|[/-])(all-|multi-qa-|paraphrase-)?(mini-?lm|mpnet)'
            )
                then 'embedding'
            when regexp_matches(lower(models.model_id), 'moderation') then 'moderation'
            when not list_contains(models.output_modalities, 'text')
                and list_contains(models.output_modalities, 'image') then 'image'
            when not list_contains(models.output_modalities, 'text')
                and list_contains(models.output_modalities, 'video') then 'video'
            when not list_contains(models.output_modalities, 'text')
                and list_contains(models.output_modalities, 'audio') then 'audio'
            else 'chat'
        end as mode,
        round(
            (
                settings.input_weight * models.price_input_per_million
                + settings.output_weight * models.price_output_per_million
            ) / (settings.input_weight + settings.output_weight),
            9
        ) as price_blended_per_million,
        -- what a transcription role asks of an audio model (weights.py): audio in, text out
        coalesce(
            list_contains(models.input_modalities, 'audio')
                and list_contains(models.output_modalities, 'text'),
            false
        ) as is_transcriber,
        unit_prices.price_input_per_minute,
        coalesce(list_contains(models.output_modalities, 'image'), false) as makes_images,
        -- the first of: per image made, image tokens at the setting's count, per image in
        coalesce(
            unit_prices.price_per_image_out,
            unit_prices.price_output_image_per_million * settings.image_tokens / 1e6,
            unit_prices.price_per_image_in
        ) as price_per_image,
        case
            when unit_prices.price_per_image_out is not null then 'per_image'
            when unit_prices.price_output_image_per_million is not null then 'image_tokens'
            when unit_prices.price_per_image_in is not null then 'per_image'
        end as price_per_image_basis,
        case
            when labs.model_lab = 'google'
                then coalesce(models.price_input_audio_per_million, models.price_input_per_million)
                    * settings.gemini_audio_tokens * 60 / 1e6
        end as price_gemini_tokens_per_minute,
        settings.tier_count
    from models
    cross join settings
    left join litellm_matches on litellm_matches.canonical_id = models.canonical_id
    left join unit_prices on unit_prices.litellm_key = litellm_matches.litellm_key
    left join labs on labs.canonical_id = models.canonical_id

),

in_population as (

    select
        canonical_id,
        (
            1 + floor(
                tier_count
                * (rank() over (order by price_blended_per_million) - 1)
                / count(*) over ()
            )
        )::integer as cost_tier
    from with_mode
    where mode = 'chat' and price_blended_per_million is not null

),

final as (

    select
        with_mode.canonical_id,
        with_mode.mode,
        with_mode.price_blended_per_million,
        case when with_mode.mode = 'audio' and with_mode.is_transcriber then
            coalesce(with_mode.price_input_per_minute, with_mode.price_gemini_tokens_per_minute)
        end as price_per_audio_minute,
        case when with_mode.mode = 'audio' and with_mode.is_transcriber then
            case
                when with_mode.price_input_per_minute is not null then 'per_second'
                when with_mode.price_gemini_tokens_per_minute is not null then 'gemini_tokens'
            end
        end as price_per_audio_minute_basis,
        case when with_mode.mode = 'image' and with_mode.makes_images then
            with_mode.price_per_image
        end as price_per_image,
        case when with_mode.mode = 'image' and with_mode.makes_images then
            with_mode.price_per_image_basis
        end as price_per_image_basis,
        in_population.cost_tier
    from with_mode
    left join in_population on in_population.canonical_id = with_mode.canonical_id

)

select * from final
