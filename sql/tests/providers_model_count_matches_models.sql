-- providers: model_count matches the models mart (the key is in sql/marts/_contracts.yml).
-- Returns the providers that break it.
with

counted as (

    select provider, count(*) as models_in_mart from models group by provider

),

final as (

    select providers.provider, providers.model_count, counted.models_in_mart
    from providers
    left join counted on counted.provider = providers.provider
    where providers.model_count <> coalesce(counted.models_in_mart, 0)

)

select * from final
