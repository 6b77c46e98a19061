-- models: measured speeds are positive and plausible (a time to first token under 10 minutes,
-- under 10,000 tokens per second), come with their source, and sit on the lab's own listing
-- only. Returns the rows that break it.
select canonical_id, ttft_seconds, output_tokens_per_second, speed_source
from models
where ttft_seconds <= 0 or ttft_seconds > 600
    or output_tokens_per_second <= 0 or output_tokens_per_second > 10000
    or (speed_source is null) <> (ttft_seconds is null and output_tokens_per_second is null)
    or (speed_source is not null and provider not in (select provider from seeds.lab_providers))
