-- Every breakdown topic of cla_31mar adds up to its headline Total, for every LA and year: a child
-- whose label is missing from the published categories (macros/indicators/characteristic_groups.sql)
-- would be lost here. Returns one row per (LA, year, topic) that does not add up.

with

breakdowns as (
    select * from {{ ref('int_indicator_counts_characteristics') }}
    where indicator = 'cla_31mar'
),

totals as (
    select * from {{ ref('int_indicator_counts_headline') }}
    where indicator = 'cla_31mar'
),

topic_sums as (
    select la_code, collection_year, breakdown_topic, sum(numerator) as breakdown_sum
    from breakdowns
    group by la_code, collection_year, breakdown_topic
)

select
    totals.la_code,
    totals.collection_year,
    topic_sums.breakdown_topic,
    totals.numerator as total,
    topic_sums.breakdown_sum
from totals
left join topic_sums
    on totals.la_code = topic_sums.la_code
    and totals.collection_year = topic_sums.collection_year
where topic_sums.breakdown_sum is null
    or topic_sums.breakdown_sum <> totals.numerator
