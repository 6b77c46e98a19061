-- models: every calibrated quality lies inside its own interval, the interval is complete
-- whenever the quality is, and every figure is on a plausible arena scale (500-2500 Elo).
-- Returns the rows that break it.
{% set tasks = ["overall", "coding", "reasoning", "creative", "agentic", "vision", "instruction_following"] %}
select canonical_id
from models
where false
{% for t in tasks %}
    or (quality_{{ t }} is null) <> (quality_{{ t }}_low is null)
    or (quality_{{ t }} is null) <> (quality_{{ t }}_high is null)
    or quality_{{ t }} not between quality_{{ t }}_low and quality_{{ t }}_high
    or quality_{{ t }} not between 500 and 2500
{% endfor %}
