{#-
    Children looked after at 31 March by characteristic (indicator-conventions.md, Project additions
    "Characteristics, reasons for ceasing and two-year stability"): breakdown rows of cla_31mar, one
    per LA, collection year, breakdown topic and category. Every category of every topic is
    published for every LA-year (zeros too, 'Not known' included), so each topic's cells add up to
    the headline Total row (int_indicator_counts_headline). Also cla_uasc_31mar (Total only).
    Counts: the denominator is null. Categories: macros/indicators/characteristic_groups.sql.
-#}

{%- set topics = cla_31mar_breakdown_topics() %}

with

child_years as (
    select * from {{ ref('fct_child_years') }}
),

la_years as (
    select distinct la_code, collection_year
    from child_years
),

categories as (
    {%- for topic in topics %}
    {%- set last_topic = loop.last %}
    {%- for label in topic.labels %}
    select {{ text_literal(topic.topic) }} as breakdown_topic, {{ text_literal(label) }} as breakdown
    {%- if not (last_topic and loop.last) %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
),

looked_after_labels as (
    -- one row per child looked after at 31 March and breakdown topic
    {%- for topic in topics %}
    select
        la_code,
        collection_year,
        {{ text_literal(topic.topic) }} as breakdown_topic,
        {{ topic.column }} as breakdown
    from child_years
    where is_looked_after_31mar
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

breakdown_counts as (
    select
        la_code,
        collection_year,
        breakdown_topic,
        breakdown,
        count(*) as n_children
    from looked_after_labels
    group by la_code, collection_year, breakdown_topic, breakdown
),

breakdown_rows as (
    select
        la_years.la_code,
        la_years.collection_year,
        'cla_31mar' as indicator,
        categories.breakdown_topic,
        categories.breakdown,
        coalesce(breakdown_counts.n_children, 0) as numerator
    from la_years
    cross join categories
    left join breakdown_counts
        on la_years.la_code = breakdown_counts.la_code
        and la_years.collection_year = breakdown_counts.collection_year
        and categories.breakdown_topic = breakdown_counts.breakdown_topic
        and categories.breakdown = breakdown_counts.breakdown
),

uasc_rows as (
    select
        la_code,
        collection_year,
        'cla_uasc_31mar' as indicator,
        'Total' as breakdown_topic,
        'Total' as breakdown,
        sum(case when is_looked_after_31mar and is_uasc_31mar then 1 else 0 end) as numerator
    from child_years
    group by la_code, collection_year
),

unioned as (
    select la_code, collection_year, indicator, breakdown_topic, breakdown, numerator from breakdown_rows
    union all
    select la_code, collection_year, indicator, breakdown_topic, breakdown, numerator from uasc_rows
),

final as (
    select
        la_code,
        collection_year,
        indicator,
        breakdown_topic,
        breakdown,
        cast(numerator as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator
    from unioned
)

select * from final
