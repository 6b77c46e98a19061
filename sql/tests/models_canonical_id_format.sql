-- models: canonical_id is exactly '<provider>/<model_id>'. Returns rows where it is not.
select canonical_id, provider, model_id
from models
where canonical_id <> provider || '/' || model_id
