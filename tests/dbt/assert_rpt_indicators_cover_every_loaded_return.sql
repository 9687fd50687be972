-- Every LA and collection year with a loaded SSDA903 episodes table has one Total row per indicator
-- in rpt_indicators, and no other years appear. Returns one row per (LA, year) that breaks this.

with

returns_loaded as (
    select distinct la_code, collection_year
    from {{ source('ssda903', 'episodes') }}
),

indicator_rows as (
    select old_la_code, time_period, count(*) as n_rows
    from {{ ref('rpt_indicators') }}
    where breakdown_topic = 'Total'
    group by old_la_code, time_period
),

n_indicators as (
    select count(*) as n_expected from {{ ref('rpt_indicator_definitions') }}
)

select
    coalesce(returns_loaded.la_code, indicator_rows.old_la_code) as old_la_code,
    coalesce(returns_loaded.collection_year, indicator_rows.time_period) as time_period,
    indicator_rows.n_rows
from returns_loaded
full outer join indicator_rows
    on returns_loaded.la_code = indicator_rows.old_la_code
    and returns_loaded.collection_year = indicator_rows.time_period
cross join n_indicators
where returns_loaded.la_code is null
    or indicator_rows.old_la_code is null
    or indicator_rows.n_rows <> n_indicators.n_expected
