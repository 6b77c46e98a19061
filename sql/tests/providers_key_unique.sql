-- providers: provider is the key, and model_count matches the models mart. Returns the
-- providers that break it.
with

counted as (

    select provider, count(*) as models_in_mart from models group by provider

),

final as (

    select providers.provider, providers.model_count, counted.models_in_mart
    from providers
    left join counted on counted.provider = providers.provider
    where providers.model_count <> coalesce(counted.models_in_mart, 0)
        or providers.provider in (
            select provider from providers group by provider having count(*) > 1
        )

)

select * from final
