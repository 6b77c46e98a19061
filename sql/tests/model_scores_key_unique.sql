-- model_scores: (canonical_id, leaderboard, category) is the key. Returns duplicated keys.
select canonical_id, leaderboard, category, count(*) as row_count
from model_scores
group by canonical_id, leaderboard, category
having count(*) > 1 or canonical_id is null or leaderboard is null or category is null
