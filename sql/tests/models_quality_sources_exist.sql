-- models: every 'source:name' in quality_sources names a row its source publishes (the arena
-- leaderboards, Artificial Analysis's slugs, LiveBench's model rows), and an inferred quality
-- names a predecessor that is itself measured. Returns the entries that break it.
with

entries as (

    select canonical_id, unnest(quality_sources) as entry from models

),

split as (

    select
        canonical_id,
        entry,
        split_part(entry, ':', 1) as source,
        substr(entry, length(split_part(entry, ':', 1)) + 2) as source_name
    from entries

),

published as (

    select distinct 'lmarena' as source, arena_name as source_name from stg_lmarena__scores
    union all
    select 'artificial_analysis', aa_slug from stg_artificial_analysis__models
    union all
    select distinct 'livebench', lb_model from stg_livebench__scores

),

unknown_entries as (

    select canonical_id, entry
    from split
    where (source, source_name) not in (select (source, source_name) from published)

),

bad_inferences as (

    select canonical_id, 'inferred from ' || quality_inferred_from as entry
    from models
    where quality_inferred_from is not null
        and quality_inferred_from not in (
            select model_key from models
            where quality_source not in ('none', 'inferred_lineage')
        )

)

select * from unknown_entries
union all
select * from bad_inferences
