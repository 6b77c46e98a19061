-- stg_artificial_analysis__models
-- grain: one row per Artificial Analysis model slug (an effort variant is its own slug:
-- 'gpt-5-5', 'gpt-5-5-high', 'gpt-5-5-non-reasoning'). key: aa_slug.
-- The indices are 0-100 and the per-benchmark results 0-1 fractions, as published. A 0 index
-- or speed means "not measured" upstream, so it becomes NULL here. Speeds are medians measured
-- on the lab's own API. Data: Artificial Analysis, https://artificialanalysis.ai
with

source as (

    select * from raw.artificial_analysis_models

),

final as (

    select
        slug as aa_slug,
        model_name as aa_name,
        creator_slug,
        openrouter_api_id,
        try_cast(release_date as date) as release_date,
        coalesce(is_deprecated, false) as is_deprecated,
        coalesce(is_intelligence_index_estimated, false) as is_intelligence_index_estimated,
        nullif(artificial_analysis_intelligence_index, 0) as intelligence_index,
        nullif(artificial_analysis_coding_index, 0) as coding_index,
        nullif(artificial_analysis_agentic_index, 0) as agentic_index,
        nullif(gpqa, 0) as gpqa,
        nullif(hle, 0) as hle,
        nullif(scicode, 0) as scicode,
        nullif(ifbench, 0) as ifbench,
        nullif(tau2_bench, 0) as tau2_bench,
        nullif(terminal_bench_hard, 0) as terminal_bench_hard,
        nullif(mmmu_pro, 0) as mmmu_pro,
        nullif(output_tokens_per_second, 0) as output_tokens_per_second,
        nullif(time_to_first_token_seconds, 0) as ttft_seconds,
        coalesce(has_image_input, false) as has_image_input
    from source

)

select * from final
