-- int_models__lab_status
-- grain: one row per model_key whose lab lists it. key: model_key.
-- is_lab_deprecated: the lab's own listing (data/seeds/lab_providers.csv) of the underlying
-- model (int_models__model_keys) is deprecated, so every re-listing of it is deprecated too:
-- a gateway keeps serving an old id for a while, but the lab has retired the model.
with

model_keys as (

    select * from int_models__model_keys

),

models as (

    select canonical_id, is_deprecated from int_models__listings

),

labs as (

    select distinct provider from seeds.lab_providers

),

final as (

    select
        model_keys.model_key,
        bool_and(models.is_deprecated) as is_lab_deprecated
    from model_keys
    inner join models on models.canonical_id = model_keys.canonical_id
    where model_keys.provider in (select provider from labs)
    group by model_keys.model_key

)

select * from final
