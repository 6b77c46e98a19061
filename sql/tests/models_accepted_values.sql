-- models: mode, quality_source and status hold documented values, and quality_source is
-- 'none' exactly when there is no arena_name. Returns the rows that break it.
select canonical_id, mode, quality_source, arena_name, status
from models
where mode not in ('chat', 'embedding', 'image', 'audio', 'video', 'rerank', 'moderation', 'other')
    or quality_source not in (
        'arena', 'arena_alias', 'arena_undated', 'arena_variant', 'arena_vision', 'none'
    )
    or (arena_score is null) <> (quality_source in ('none', 'arena_vision'))
    or (quality_source = 'none') <> (arena_name is null)
    or status is null
