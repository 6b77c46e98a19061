-- int_quality__name_matches, int_models__quality_matches, int_quality__calibration and
-- models.model_key: keys are unique and not null. Returns the keys that break it.
select 'int_quality__name_matches' as relation, source || ':' || source_name || ' ' || canonical_id as key
from int_quality__name_matches
group by source, source_name, canonical_id
having count(*) > 1
union all
select 'int_models__quality_matches', canonical_id || ' ' || source
from int_models__quality_matches
group by canonical_id, source
having count(*) > 1
union all
select 'int_quality__calibration', source || ' ' || task
from int_quality__calibration
group by source, task
having count(*) > 1
union all
select 'models.model_key', canonical_id from models where model_key is null
