"""What the marts compute, on the real snapshot catalog. Keys, not-null columns, accepted values,
row invariants and column types are the contracts of sql/<layer>/_contracts.yml
(tests/test_contracts.py)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest


def scalar(con, sql: str, params: list | None = None):
    ((value,),) = con.execute(sql, params or []).fetchall()
    return value


def test_models_has_a_row_for_every_models_dev_row(con) -> None:
    listed = "select count(*) from models where listing_source = ?"
    assert scalar(con, listed, ["models.dev"]) == scalar(
        con, "select count(*) from raw.models_dev_models"
    )
    # every models.dev row is one catalog row, under its own id
    missing = scalar(
        con,
        "select count(*) from raw.models_dev_models as raw where not exists (select 1 from"
        " models where models.canonical_id = raw.provider_id || '/' || raw.model_id)",
    )
    assert missing == 0


def test_litellm_only_listings_are_lab_api_keys_that_models_dev_lacks(con) -> None:
    rows = con.execute(
        "select models.canonical_id, models.provider, models.litellm_model, hosts.host_class,"
        " models.litellm_support from models"
        " left join seeds.hosts as hosts on hosts.provider = models.provider"
        " where listing_source = 'litellm'"
    ).fetchall()
    ids = {r[0] for r in rows}
    # today's models that models.dev's July list does not have yet, on each lab's own API
    assert {"openai/gpt-6-sol", "anthropic/claude-opus-5-5", "google/gemini-4-argon"} <= ids
    assert {"openai/gpt-4o-transcribe", "openai/whisper-1", "google/gemini-3.5-transcribe"} <= ids
    # lab APIs and major clouds only, each called through the host's own litellm prefix, from a
    # cost-map key
    assert {r[3] for r in rows} == {"lab", "cloud"}
    assert all(r[2].endswith("/" + r[0].split("/", 1)[1]) for r in rows)
    assert {r[4] for r in rows} == {"cost_map"}
    # left out: what models.dev lists already (a dated twin), fine-tune templates, size paths,
    # moving aliases, and entries that cite no source (retired models the map still carries)
    for absent in (
        "openai/gpt-5.4-2026-03-05",
        "openai/ft:gpt-4.1-2025-04-14",
        "openai/1024-x-1024/gpt-image-1.5",
        "openai/chat-latest",
        "openai/gpt-4o-mini-transcribe-2025-12-15",  # a dated twin of gpt-4o-mini-transcribe
        "openai/gpt-realtime-whisper",  # a realtime socket, not a transcription endpoint
        "mistral/mistral-large-4-0",  # mistral-large-4 spelt with '.0'
        "perplexity/pplx-70b-chat",
        "deepseek/deepseek-coder",
    ):
        assert absent not in ids, absent
    assert scalar(con, "select count(*) from models where canonical_id = 'openai/gpt-5.4'") == 1
    # a retired dated twin stays (deprecated), so its deprecation reaches its other hosts; an
    # active dated twin stays when the undated id is the retired one
    status = dict(
        con.execute(
            "select canonical_id, is_deprecated from models where canonical_id in"
            " ('openai/gpt-3.5-turbo-0125', 'azure/gpt-3.5-turbo-0125',"
            " 'xai/grok-code-fast-1', 'xai/grok-code-fast-1-0825')"
        ).fetchall()
    )
    assert status == {
        "openai/gpt-3.5-turbo-0125": True,
        "azure/gpt-3.5-turbo-0125": True,
        "xai/grok-code-fast-1": True,
        "xai/grok-code-fast-1-0825": False,
    }
    # what litellm does not say, the model's other listings do: Gemma 3 27B is open weights
    gemma = con.execute(
        "select open_weights, list_contains(tags, 'open-weights') from models"
        " where canonical_id = 'google/gemma-3-27b-it' and listing_source = 'litellm'"
    ).fetchone()
    assert gemma == (True, True)


def test_a_major_cloud_lists_the_lab_models_only_litellm_knows_it_sells(con) -> None:
    # A team bound to its cloud can call GPT-6 on Azure and Bedrock, Claude Opus 5.5 on Bedrock
    # and Vertex, and Google's transcriber on Vertex: litellm's cost map lists them, models.dev's
    # July list does not. Each is a re-listing of a model a lab's own API sells, so it shares that
    # model's figures (the same model_key) and its lab's deprecations.
    relisted = dict(
        con.execute(
            "select canonical_id, model_key from models where listing_source = 'litellm'"
            " and provider in ('azure', 'amazon-bedrock', 'google-vertex',"
            " 'google-vertex-anthropic')"
        ).fetchall()
    )
    for cloud_id, lab_id in (
        ("azure/gpt-6-luna", "openai/gpt-6-luna"),
        ("azure/gpt-5.6-luna", "openai/gpt-5.6-luna"),
        ("amazon-bedrock/us.anthropic.claude-opus-5-5", "anthropic/claude-opus-5-5"),
        ("google-vertex-anthropic/claude-opus-5-5@default", "anthropic/claude-opus-5-5"),
        ("google-vertex/gemini-3.5-transcribe", "google/gemini-3.5-transcribe"),
        ("azure/gpt-transcribe", "openai/gpt-transcribe"),
    ):
        assert cloud_id in relisted, cloud_id
        lab_key = scalar(con, "select model_key from models where canonical_id = ?", [lab_id])
        assert relisted[cloud_id] == lab_key, cloud_id
    shared = con.execute(
        "select provider, quality_overall from models"
        " where canonical_id in ('azure/gpt-5.6-luna', 'openai/gpt-5.6-luna')"
    ).fetchall()
    assert len(shared) == 2 and shared[0][1] is not None and shared[0][1] == shared[1][1]
    # the cost map's models of years ago that no lab sells now stay out (it cites Bedrock's
    # price page for Llama 2 and Jurassic-2 all the same)
    for absent in (
        "amazon-bedrock/meta.llama2-70b-chat-v1",
        "amazon-bedrock/ai21.j2-mid-v1",
        "azure/ada",
        "google-vertex/medlm-large",
    ):
        assert absent not in relisted, absent
    # a lab's deprecation reaches the cloud's copy
    assert scalar(
        con, "select is_deprecated from models where canonical_id = 'azure/o1-2024-12-17'"
    )


def test_open_weights_is_the_labs_word_on_every_host(con) -> None:
    # Together's listing called Qwen3.6-Plus open (Alibaba's and nine others: closed; it is an
    # API-only model), and an open-weights role took it as a fallback. Where the lab lists the
    # model, its listing decides for every host; elsewhere each listing's own flag stands.
    hosts = dict(
        con.execute(
            "select provider, open_weights from models where model_key = 'qwen3-6-plus'"
        ).fetchall()
    )
    assert hosts["togetherai"] is False and len(hosts) > 5 and not any(hosts.values())
    disagreeing = scalar(
        con,
        """
        select count(*) from (
            select model_key from models
            where model_key in (
                select m.model_key from models as m
                join int_models__hosted as h using (canonical_id)
                where h.host_class = 'lab' and m.listing_source = 'models.dev'
            )
            group by model_key having count(distinct open_weights) > 1
        )
        """,
    )
    assert disagreeing == 0
    # GLM-5 is open (Z.ai's listing says so), on the hosts that left it closed too
    assert (
        scalar(con, "select bool_and(open_weights) from models where model_key = 'glm-5'") is True
    )


@pytest.mark.parametrize(
    "tier", ["cost_tier", "quality_tier", "reasoning_tier", "creative_tier", "coding_tier"]
)
def test_tiers_take_exactly_the_values_1_to_5(con, tier: str) -> None:
    values = {v for (v,) in con.execute(f"select distinct {tier} from models").fetchall()}
    assert values == {1, 2, 3, 4, 5, None}


def test_cost_tier_population_is_chat_models_with_a_price(con) -> None:
    outside = scalar(
        con,
        "select count(*) from models where cost_tier is not null"
        " and (mode <> 'chat' or price_blended_per_million is null)",
    )
    missing = scalar(
        con,
        "select count(*) from models where cost_tier is null"
        " and mode = 'chat' and price_blended_per_million is not null",
    )
    assert (outside, missing) == (0, 0)
    # quintiles: each tier holds roughly a fifth of the population (ties can shift the edges)
    sizes = [
        n
        for (_, n) in con.execute(
            "select cost_tier, count(*) from models where cost_tier is not null group by 1 order by 1"
        ).fetchall()
    ]
    total = sum(sizes)
    assert all(0.1 * total < n < 0.3 * total for n in sizes), sizes


def test_a_cheaper_model_never_lands_in_a_costlier_tier(con) -> None:
    rows = con.execute(
        "select price_blended_per_million, cost_tier from models where cost_tier is not null"
    ).fetchall()
    rows.sort()
    tiers = [tier for _, tier in rows]
    assert tiers == sorted(tiers)
    by_price: dict[float, set[int]] = {}
    for price, tier in rows:
        by_price.setdefault(price, set()).add(tier)
    assert all(len(t) == 1 for t in by_price.values()), "equal prices must share a tier"


def test_a_better_arena_score_never_gets_a_worse_quality_tier(con) -> None:
    rows = con.execute(
        "select distinct arena_score, quality_tier from models where quality_tier is not null"
    ).fetchall()
    rows.sort(key=lambda r: -r[0])
    tiers = [tier for _, tier in rows]
    assert tiers == sorted(tiers)
    assert tiers[0] == 1 and tiers[-1] == 5


def test_blended_price_is_three_to_one(con) -> None:
    rows = con.execute(
        "select price_input_per_million, price_output_per_million, price_blended_per_million"
        " from models where price_input_per_million is not null and price_output_per_million is not null"
    ).fetchall()
    assert len(rows) > 4000
    for price_in, price_out, blended in rows:
        assert blended == pytest.approx((3 * price_in + price_out) / 4)
    gpt = con.execute(
        "select price_blended_per_million from models where canonical_id = 'openai/gpt-4o'"
    ).fetchall()
    assert gpt == [(pytest.approx((3 * 2.5 + 10) / 4),)]


def test_transcription_models_are_priced_per_audio_minute(con) -> None:
    # litellm prices transcription per second of audio in (whisper-1 has no token price at all);
    # a Gemini transcriber priced per token is put on the same scale at 32 tokens a second, at
    # its audio input price where models.dev gives one.
    rows = con.execute(
        """
        select models.canonical_id, models.mode, models.input_modalities,
            models.output_modalities, models.price_per_audio_minute,
            models.price_per_audio_minute_basis,
            coalesce(models.price_input_audio_per_million, models.price_input_per_million),
            hosted.model_lab, raw.input_cost_per_second
        from models
        left join int_models__litellm_matched as matched using (canonical_id)
        left join int_models__hosted as hosted using (canonical_id)
        left join raw.litellm_models as raw on raw.model_key = matched.litellm_key
        """
    ).fetchall()
    per_second = {
        name: value
        for name, value in con.execute(
            "select name, value from seeds.settings where name = 'gemini_audio_tokens_per_second'"
        ).fetchall()
    }["gemini_audio_tokens_per_second"]
    priced = 0
    for cid, mode, ins, outs, minute, basis, price_in, lab, raw_second in rows:
        transcriber = mode == "audio" and "audio" in (ins or []) and "text" in (outs or [])
        if not transcriber:
            assert minute is None, cid
        elif raw_second is not None:
            assert (minute, basis) == (pytest.approx(raw_second * 60), "per_second"), cid
        elif lab == "google" and price_in is not None:
            expected = price_in * per_second * 60 / 1e6
            assert (minute, basis) == (pytest.approx(expected), "gemini_tokens"), cid
        else:
            assert minute is None, cid
        priced += minute is not None
    assert priced >= 10
    whisper = scalar(
        con, "select price_per_audio_minute from models where canonical_id = 'openai/whisper-1'"
    )
    assert whisper == pytest.approx(0.006)  # OpenAI's published $0.006 a minute


def test_a_global_api_comes_before_a_regional_one_of_the_same_class(con) -> None:
    # MiniMax M3 is on minimax and minimax-cn (China) at one price: the canonical id put the
    # China endpoint first, so an open-list pick named it. A global API now comes first.
    pairs = con.execute(
        """
        select global.canonical_id, regional.canonical_id,
            global.host_order < regional.host_order
        from selection_candidates as global
        inner join selection_candidates as regional
            on regional.model_group = global.model_group
            and regional.host_class = global.host_class
        where global.host_region is null and regional.host_region is not null
        """
    ).fetchall()
    assert len(pairs) >= 5
    assert all(first for _, _, first in pairs), [p for p in pairs if not p[2]]
    regions = dict(
        con.execute(
            "select provider, any_value(host_region) from models"
            " where provider in ('minimax', 'minimax-cn', 'alibaba', 'alibaba-cn') group by 1"
        ).fetchall()
    )
    assert regions == {
        "minimax": None,
        "alibaba": None,
        "minimax-cn": "china",
        "alibaba-cn": "china",
    }


def test_image_models_are_priced_per_image(con) -> None:
    # An image costs what litellm says per image (xAI, Gemini), else its image tokens at the
    # setting's tokens per image (OpenAI's gpt-image models); models.dev's token prices do not
    # say which tokens an image is billed at, so a model with only those has no price per image.
    rows = con.execute(
        """
        select models.canonical_id, models.mode, models.output_modalities,
            models.price_per_image, models.price_per_image_basis, raw.mode as raw_mode,
            raw.output_cost_per_image, raw.input_cost_per_image, raw.output_cost_per_image_token
        from models
        left join int_models__litellm_matched as matched using (canonical_id)
        left join raw.litellm_models as raw on raw.model_key = matched.litellm_key
        """
    ).fetchall()
    tokens = scalar(con, "select value from seeds.settings where name = 'image_tokens_per_image'")
    by_basis = {"per_image": 0, "image_tokens": 0}
    for cid, mode, outs, price, basis, raw_mode, out_image, in_image, image_token in rows:
        maker = mode == "image" and "image" in (outs or [])
        if raw_mode not in ("image_generation", "image_edit"):
            out_image = in_image = None
        # per image made, else image tokens, else litellm's per-image input price (the price
        # of a reference image where an output price exists, so only where none does)
        if not maker:
            assert price is None, cid
        elif out_image is not None:
            assert (price, basis) == (pytest.approx(out_image), "per_image"), cid
        elif image_token is not None:
            assert (price, basis) == (pytest.approx(image_token * tokens), "image_tokens"), cid
        elif in_image is not None:
            assert (price, basis) == (pytest.approx(in_image), "per_image"), cid
        else:
            assert price is None, cid
        if basis is not None:
            by_basis[basis] += 1
    assert by_basis["per_image"] >= 5 and by_basis["image_tokens"] >= 5, by_basis
    prices = dict(
        con.execute(
            "select canonical_id, price_per_image from models where canonical_id in"
            " ('xai/grok-imagine-image', 'openai/gpt-image-2', 'openai/gpt-4o')"
        ).fetchall()
    )
    # xAI's published $0.02 an image; $30 per 1M image tokens at 1,120 tokens; a chat model none
    assert prices == {
        "xai/grok-imagine-image": pytest.approx(0.02),
        "openai/gpt-image-2": pytest.approx(30 * tokens / 1e6),
        "openai/gpt-4o": None,
    }


def test_arena_columns_come_from_the_text_full_leaderboard(con) -> None:
    rows = con.execute(
        """
        select m.canonical_id, m.arena_score, s.score, m.arena_ci_low, s.ci_low
        from models as m
        inner join stg_lmarena__scores as s
            on s.arena_name = m.arena_name and s.leaderboard = 'text' and s.category = 'full'
        """
    ).fetchall()
    assert len(rows) > 1000
    assert all(r[1] == r[2] and r[3] == r[4] for r in rows)
    assert scalar(con, "select count(*) from models where quality_source <> 'none'") > 1000


def test_model_scores_cover_both_boards_and_agree_with_models(con) -> None:
    categories = {
        c
        for (c,) in con.execute(
            "select distinct category from model_scores where leaderboard = 'text'"
        ).fetchall()
    }
    assert {"full", "coding", "math", "creative_writing", "hard_6", "if"} <= categories
    assert {
        b for (b,) in con.execute("select distinct leaderboard from model_scores").fetchall()
    } == {"text", "vision"}
    mismatched = scalar(
        con,
        """
        select count(*) from models as m
        inner join model_scores as s
            on s.canonical_id = m.canonical_id and s.leaderboard = 'text' and s.category = 'full'
        where s.score <> m.arena_score or s.arena_name <> m.arena_name
            or s.quality_source <> m.quality_source
        """,
    )
    assert mismatched == 0


def test_providers_carry_env_keys_and_litellm_prefix(con) -> None:
    assert scalar(con, "select count(*) from providers") == 147
    openai = con.execute(
        "select env_keys, env_key, litellm_provider, model_count from providers where provider = 'openai'"
    ).fetchall()
    listed = scalar(con, "select count(*) from models where provider = 'openai'")
    # models.dev's 51 listings and those only litellm's cost map has yet (GPT-6, the transcribers)
    assert listed > 51
    assert openai == [(["OPENAI_API_KEY"], "OPENAI_API_KEY", "openai", listed)]
    assert scalar(con, "select sum(model_count) from providers") == scalar(
        con, "select count(*) from models"
    )
    assert (
        scalar(
            con,
            "select count(*) from models as m join providers as p using (provider)"
            " where m.env_key is distinct from p.env_key",
        )
        == 0
    )


def test_sources_has_one_row_per_source(con) -> None:
    rows = con.execute(
        "select source, origin, status, quarantined from sources order by 1"
    ).fetchall()
    assert rows == [
        ("artificial_analysis", "snapshot", "ok", 0),
        ("litellm", "snapshot", "ok", 0),
        ("livebench", "snapshot", "quarantined", 1),
        ("lmarena", "snapshot", "ok", 0),
        ("models_dev", "snapshot", "ok", 0),
    ]


def test_modes_and_tags_follow_the_capabilities(con) -> None:
    modes = dict(con.execute("select mode, count(*) from models group by 1").fetchall())
    assert modes["chat"] > 4000 and modes["embedding"] > 10 and modes["image"] > 10
    assert con.execute(
        "select mode from models where canonical_id in ('openai/text-embedding-3-small', 'openai/gpt-image-1') order by 1"
    ).fetchall() == [("embedding",), ("image",)]
    # sentence-embedding models whose ids do not say "embed" are embedding models, not chat
    families = con.execute(
        "select distinct mode from models where regexp_matches(lower(model_id),"
        " '(^|/)(all-mini-?lm|gte-|bge-|multi-qa-mpnet)')"
        " and not regexp_matches(lower(model_id), 'rerank')"
    ).fetchall()
    assert families == [("embedding",)]
    mpnet = "select mode from models where canonical_id = 'digitalocean/multi-qa-mpnet-base-dot-v1'"
    assert scalar(con, mpnet) == "embedding"
    wrong = scalar(
        con,
        """
        select count(*) from models
        where list_contains(tags, 'tools') <> supports_tool_call
            or list_contains(tags, 'reasoning') <> supports_reasoning
            or list_contains(tags, 'vision') <> list_contains(input_modalities, 'image')
            or list_contains(tags, 'long-context') <> coalesce(context_tokens >= 200000, false)
            or list_contains(tags, 'deprecated') <> is_deprecated
        """,
    )
    assert wrong == 0


def test_status_defaults_to_active(con) -> None:
    statuses = dict(
        con.execute(
            "select status, count(*) from models where listing_source = 'models.dev' group by 1"
        ).fetchall()
    )
    assert statuses["active"] > 4000 and statuses["deprecated"] == 121
    # a litellm-only listing is deprecated once its cost-map deprecation_date has passed
    passed = scalar(
        con,
        "select count(*) from models inner join stg_litellm__models as l"
        " on l.litellm_key = (select litellm_key from int_models__litellm_matched as m"
        " where m.canonical_id = models.canonical_id)"
        " where listing_source = 'litellm'"
        " and coalesce(l.deprecation_date <= getvariable('llmhub_as_of'), false) <> (status = 'deprecated')",
    )
    assert passed == 0
    assert (
        scalar(con, "select count(*) from models where status = 'deprecated' and not is_deprecated")
        == 0
    )
    # An active listing is deprecated only because its lab deprecated the same model, or its
    # host retires it (litellm's cost map).
    orphan = scalar(
        con,
        """
        select count(*) from models as m
        where m.is_deprecated and m.status <> 'deprecated'
          and not coalesce(m.deprecation_date <= getvariable('llmhub_as_of'), false)
          and not exists (
              select 1 from models as lab
              where lab.model_group = m.model_group and lab.host_class = 'lab'
                and lab.status = 'deprecated'
          )
          and not exists (
              select 1 from models as lab where lab.model_key = m.model_key
                and lab.status = 'deprecated'
                and lab.provider in (select provider from seeds.lab_providers)
          )
        """,
    )
    assert orphan == 0


def test_a_model_its_lab_deprecated_is_deprecated_on_every_host(con) -> None:
    # google deprecated gemini-3-pro-preview; re-sellers still list it as active.
    rows = con.execute(
        "select canonical_id, status, is_deprecated, 'deprecated' in tags from models"
        " where model_group = 'gemini-3-pro-preview' order by canonical_id"
    ).fetchall()
    assert ("google/gemini-3-pro-preview", "deprecated", True, True) in rows
    resold = [r for r in rows if r[0].startswith(("vercel/", "helicone/"))]
    assert resold and all(r[1] == "active" and r[2] and r[3] for r in resold)


@pytest.mark.parametrize(
    ("canonical_id", "lab", "same_model"),
    [
        # Bedrock's '-v4:0': the bare word keeps its version; Cohere spells it 'v4.0', Azure 'v-4-0'
        ("amazon-bedrock/cohere.embed-v4:0", "cohere", "cohere/embed-v4.0"),
        ("azure/cohere-embed-v-4-0", "cohere", "cohere/embed-v4.0"),
        # Bedrock's bare 'r1' and 'v3.2' keep their vendor
        ("amazon-bedrock/deepseek.r1-v1:0", "deepseek", "openrouter/deepseek/deepseek-r1"),
        ("amazon-bedrock/deepseek.v3.2", "deepseek", "openrouter/deepseek/deepseek-v3.2"),
        # a vendor spelled with a dash: Mistral's API re-sells Z.ai's GLM
        ("mistral/zai-glm-5-2", "zai", "zai/glm-5.2"),
        ("venice/zai-org-glm-5-2", "zai", "zai/glm-5.2"),
        # vendors and regions Bedrock added in 2026: xAI, and India
        ("amazon-bedrock/us.xai.grok-4.7", "xai", "xai/grok-4.7"),
        ("amazon-bedrock/in.moonshotai.kimi-k3", "moonshotai", "moonshotai/kimi-k3"),
    ],
)
def test_a_re_listing_under_a_vendor_prefix_is_the_lab_s_model(
    con, canonical_id: str, lab: str, same_model: str
) -> None:
    listed = con.execute(
        "select canonical_id, model_group, model_key, quality_overall, model_lab, host_class"
        " from models where canonical_id in (?, ?)",
        [canonical_id, same_model],
    ).fetchall()
    rows = {r[0]: r[1:] for r in listed}
    *same, model_lab, host_class = rows[canonical_id]
    assert model_lab == lab
    assert host_class != "lab"  # no one's own API but the maker's
    # one underlying model: deprecations (model_group), selection and figures (model_key) shared
    assert tuple(same) == rows[same_model][:3]


def test_of_two_clouds_at_one_price_the_lab_s_partner_comes_first(con) -> None:
    # GPT-5.6 Luna on Azure and on Bedrock's global endpoint, both at OpenAI's price: Bedrock
    # came first on its id, so an OpenAI pick's first fallback was Bedrock, not Azure OpenAI.
    pairs = con.execute(
        """
        select partner.canonical_id, other.canonical_id
        from selection_candidates as partner
        inner join models as m on m.canonical_id = partner.canonical_id
        inner join seeds.hosts as h on h.provider = partner.provider and h.partner_lab = m.model_lab
        inner join selection_candidates as other
            on other.model_group = partner.model_group
            and other.host_class = 'cloud' and other.provider <> partner.provider
            and other.unit_price = partner.unit_price
            and other.host_region is not distinct from partner.host_region
        where not exists (
            select 1 from seeds.hosts as oh inner join models as om
                on om.canonical_id = other.canonical_id
            where oh.provider = other.provider and oh.partner_lab = om.model_lab
        )
          and partner.host_order > other.host_order
        """
    ).fetchall()
    assert pairs == []
    luna = dict(
        con.execute(
            "select provider, host_order from selection_candidates"
            " where model_group = 'gpt-5-6-luna' and unit_price = 0.45"
        ).fetchall()
    )
    assert luna["azure"] < luna["amazon-bedrock"]


def test_env_key_names_the_api_key_not_a_cloud_setting(con) -> None:
    # models.dev lists a cloud's resource name or project first; litellm got it as api_key.
    keys = dict(con.execute("select provider, env_key from providers").fetchall())
    assert keys["azure"] == "AZURE_API_KEY"
    assert keys["amazon-bedrock"] == "AWS_BEARER_TOKEN_BEDROCK"
    assert keys["google-vertex"] is None  # Google's application credentials, read by litellm
    assert keys["openai"] == "OPENAI_API_KEY"
    settings = [
        p
        for p, k in keys.items()
        if k and re.search(r"(RESOURCE_NAME|PROJECT|LOCATION|HOST|ACCOUNT|BASE_URL|_ID)$", k)
    ]
    assert settings == []


def test_structured_output_comes_from_litellm_when_models_dev_leaves_it_unset(con) -> None:
    rows = con.execute(
        "select supports_structured_output, structured_output_source from models"
        " where canonical_id = 'anthropic/claude-sonnet-4-5'"
    ).fetchall()
    assert rows == [(True, "litellm")]
    sources = dict(
        con.execute("select structured_output_source, count(*) from models group by 1").fetchall()
    )
    assert sources["models.dev"] > 0 and sources["litellm"] > 0


def test_hosts_and_free_listings_are_classed(con) -> None:
    rows = dict(
        con.execute(
            "select canonical_id, host_class || ' ' || is_free_listing from models where canonical_id in"
            " ('openai/gpt-5-mini', 'azure/gpt-5-mini', 'openrouter/openai/gpt-5-mini',"
            " 'github-models/openai/gpt-4.1')"
        ).fetchall()
    )
    assert rows["openai/gpt-5-mini"] == "lab false"
    assert rows["azure/gpt-5-mini"] == "cloud false"
    assert rows["openrouter/openai/gpt-5-mini"] == "other false"
    assert rows["github-models/openai/gpt-4.1"] == "free true"
    free = scalar(
        con,
        "select count(*) from models where litellm_model is not null"
        " and (model_id like '%:free' or provider like '%-plan%') and not is_free_listing",
    )
    assert free == 0


def test_dates_are_parsed_from_partial_upstream_dates(con) -> None:
    row = con.execute(
        "select knowledge_cutoff, release_date, last_updated from models"
        " where canonical_id = 'anthropic/claude-3-5-sonnet-20240620'"
    ).fetchall()
    import datetime as dt

    assert row == [(dt.date(2024, 4, 30), dt.date(2024, 6, 20), dt.date(2024, 6, 20))]
    # 'YYYY-MM' upstream becomes the first day of that month
    partial = con.execute(
        "select count(*) from raw.models_dev_models as r join models as m"
        " on m.provider = r.provider_id and m.model_id = r.model_id"
        " where length(r.knowledge) = 7 and m.knowledge_cutoff = cast(r.knowledge || '-01' as date)"
    ).fetchall()
    assert partial[0][0] > 100


def test_litellm_model_is_prefixed_or_explained(con) -> None:
    rows = dict(
        con.execute(
            "select canonical_id, litellm_model from models where canonical_id in"
            " ('google/gemini-2.5-pro', 'amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0',"
            " 'togetherai/moonshotai/Kimi-K2-Instruct-0905', 'openai/gpt-4o', '302ai/gpt-4o')"
        ).fetchall()
    )
    assert rows["google/gemini-2.5-pro"] == "gemini/gemini-2.5-pro"
    assert rows["amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0"] == (
        "bedrock/anthropic.claude-opus-4-5-20251101-v1:0"
    )
    assert rows["openai/gpt-4o"] == "openai/gpt-4o"
    assert rows["302ai/gpt-4o"] is None
    reason = scalar(
        con, "select litellm_model_reason from models where canonical_id = '302ai/gpt-4o'"
    )
    assert "no litellm provider prefix for 302ai" in reason
    in_map = scalar(
        con, "select litellm_model_reason from models where canonical_id = 'google/gemini-2.5-pro'"
    )
    assert in_map == "in the litellm cost map as gemini/gemini-2.5-pro"


def test_prices_carry_no_float_noise(con) -> None:
    # litellm prices per token times 1e6, and some models.dev figures, come out as
    # 0.19999999999999998: the staging views round to 9 decimals, so the catalog and the
    # runtime file say $0.2.
    columns = [
        "price_input_per_million",
        "price_output_per_million",
        "price_cache_read_per_million",
        "price_blended_per_million",
    ]
    for column in columns:
        noisy = con.execute(
            f"select canonical_id, {column} from models"
            f" where {column} is not null and {column} <> round({column}, 9) limit 3"
        ).fetchall()
        assert noisy == [], column
    assert (
        scalar(
            con,
            "select price_input_per_million from models where canonical_id = 'helicone/gpt-4.1-nano'",
        )
        == 0.1
    )


def test_a_build_counts_its_as_of_day_as_today(tmp_path: Path, monkeypatch) -> None:
    # Cost-map retirement dates are read against the build's day: LLMHUB_AS_OF pins it, so a
    # build of old data (the tests' bundled snapshots) is the same whatever the calendar says.
    from tests.helpers import build_snapshot_catalog, cli_env, invoke_cli

    monkeypatch.setenv("LLMHUB_AS_OF", "2026-01-01")
    path = build_snapshot_catalog(tmp_path / "early.duckdb")
    with duckdb.connect(str(path), read_only=True) as early:
        retired = early.execute(
            "select count(*) from models where is_deprecated"
            " and deprecation_date > date '2026-01-01'"
            " and listing_source = 'models.dev' and status <> 'deprecated'"
        ).fetchone()[0]
        together = early.execute(
            "select is_deprecated from models where canonical_id = 'togetherai/MiniMaxAI/MiniMax-M3'"
        ).fetchone()
    # retired on 2026-11-06: not yet, as of 2026-01-01 (unless its lab deprecated it)
    assert retired == 0 and together is not None and together[0] is False
    bad = invoke_cli("catalog", "refresh", "--source", "snapshot", "--db", str(tmp_path / "x.duckdb"),
                     env=cli_env(LLMHUB_AS_OF="someday"))  # fmt: skip
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert "LLMHUB_AS_OF='someday' is not a date" in bad.stderr, bad.stderr
    assert not (tmp_path / "x.duckdb").exists()
