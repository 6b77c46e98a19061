-- models: canonical_id is the key: not null and unique. Returns each duplicated or null key.
select canonical_id, count(*) as row_count
from models
group by canonical_id
having count(*) > 1 or canonical_id is null
