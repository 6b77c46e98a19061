-- The build history: tables each published refresh appends to (llmhub.catalog.history) and
-- carries from one catalog file to the next. They are the one input of the warehouse that no
-- source writes, so the pipeline creates them (empty, when missing) before the views, and the
-- `builds` mart reads them like a staging view reads raw.*.
create schema if not exists history;

create table if not exists history.builds (
    build_id varchar primary key,
    built_at timestamptz not null,
    llmhub_version varchar,
    source_hashes varchar,
    source_origins varchar,
    model_count bigint,
    duration_seconds double
);

create table if not exists history.model_snapshots (
    build_id varchar not null,
    canonical_id varchar not null,
    price_input_per_million double,
    price_output_per_million double,
    price_blended_per_million double,
    arena_score double,
    cost_tier integer,
    quality_tier integer,
    reasoning_tier integer,
    creative_tier integer,
    coding_tier integer,
    quality_overall double,
    quality_coding double,
    quality_reasoning double,
    quality_creative double,
    quality_agentic double,
    quality_vision double,
    quality_instruction_following double,
    ttft_seconds double,
    output_tokens_per_second double
);
