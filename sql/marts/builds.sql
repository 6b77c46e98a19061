-- builds
-- materialized: view
-- grain: one row per published build of this catalog, oldest first, as far back as the history
-- keeps (LLMHUB_HISTORY_KEEP, default 90). key: build_id, unique and not null.
-- build_id is '<UTC time>-<hash of the source contents>'; source_hashes is a JSON object of each
-- source's sha256; model_count is the models mart's row count at that build. A view, not a
-- table: the refresh appends this build's row after the views are created.
with

history_builds as (

    select * from history.builds

),

final as (

    select build_id, built_at, llmhub_version, source_hashes, model_count
    from history_builds
    order by built_at, build_id

)

select * from final
