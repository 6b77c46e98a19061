-- models: every tier is NULL or an integer from 1 to 5. Returns rows with a tier outside.
select canonical_id, cost_tier, quality_tier, reasoning_tier, creative_tier, coding_tier
from models
where cost_tier not between 1 and 5
    or quality_tier not between 1 and 5
    or reasoning_tier not between 1 and 5
    or creative_tier not between 1 and 5
    or coding_tier not between 1 and 5
