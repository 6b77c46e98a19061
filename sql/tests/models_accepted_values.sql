-- models: mode, quality_source and status hold documented values. quality_source names the
-- arena match exactly when there is an arena_name; otherwise it is the kind of the calibrated
-- quality ('combined', 'artificial_analysis', 'livebench', 'inferred_lineage'), and 'none'
-- exactly when the model has no quality at all. Returns the rows that break it.
select canonical_id, mode, quality_source, arena_name, status
from models
where mode not in ('chat', 'embedding', 'image', 'audio', 'video', 'rerank', 'moderation', 'other')
    or quality_source not in (
        'arena', 'arena_alias', 'arena_undated', 'arena_variant', 'arena_vision',
        'combined', 'artificial_analysis', 'livebench', 'inferred_lineage', 'none'
    )
    or (arena_score is null) <> (
        quality_source in (
            'none', 'arena_vision', 'combined', 'artificial_analysis', 'livebench',
            'inferred_lineage'
        )
    )
    or (arena_name is not null) <> (quality_source like 'arena%')
    or (quality_source = 'none') <> (len(quality_sources) = 0 and quality_inferred_from is null)
    or (quality_source = 'inferred_lineage') <> (quality_inferred_from is not null)
    or status is null
