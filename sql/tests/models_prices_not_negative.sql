-- models: no price is negative. Returns rows with a negative price.
select
    canonical_id,
    price_input_per_million,
    price_output_per_million,
    price_cache_read_per_million,
    price_cache_write_per_million,
    price_reasoning_per_million,
    price_blended_per_million
from models
where price_input_per_million < 0
    or price_output_per_million < 0
    or price_cache_read_per_million < 0
    or price_cache_write_per_million < 0
    or price_reasoning_per_million < 0
    or price_blended_per_million < 0
