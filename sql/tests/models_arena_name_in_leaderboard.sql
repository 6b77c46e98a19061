-- models and model_scores: every arena_name is a name ranked on a leaderboard of this build.
-- Returns the names that are not.
select 'models' as relation, canonical_id, arena_name
from models
where arena_name is not null
    and arena_name not in (select arena_name from stg_lmarena__scores)
union all
select 'model_scores' as relation, canonical_id, arena_name
from model_scores
where arena_name not in (select arena_name from stg_lmarena__scores)
