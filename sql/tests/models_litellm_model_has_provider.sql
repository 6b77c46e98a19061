-- models: a litellm_model always comes with its litellm_provider, is that provider's prefix
-- followed by '/', and a NULL litellm_model always has a reason. Returns the rows that break it.
select canonical_id, litellm_provider, litellm_model, litellm_model_reason
from models
where (litellm_model is not null and litellm_provider is null)
    or (litellm_model is not null and not starts_with(litellm_model, litellm_provider || '/'))
    or (litellm_model is null and litellm_model_reason is null)
