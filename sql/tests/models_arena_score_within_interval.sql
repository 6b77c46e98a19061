-- models: the arena score lies inside its own 95% interval. Returns the rows where it does not.
select canonical_id, arena_name, arena_score, arena_ci_low, arena_ci_high
from models
where arena_score < arena_ci_low or arena_score > arena_ci_high
