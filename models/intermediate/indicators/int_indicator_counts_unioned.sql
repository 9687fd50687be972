{#-
    Every indicator family's counts in one relation, the only input of rpt_indicators. A family
    model emits one row per LA, collection year, indicator, breakdown topic and breakdown with an
    unrounded numerator and denominator (null for counts, and for rates: rpt_indicators fills in the
    population). Add a family by adding its model to the list below and its ids to
    seeds/indicator_catalogue.csv.
-#}

{%- set families = [
    'int_indicator_counts_headline',
    'int_indicator_counts_characteristics', 'int_indicator_counts_ceased', 'int_indicator_counts_stability',
    'int_indicator_counts_oc2', 'int_indicator_counts_care_leavers', 'int_indicator_counts_social_workers',
    'int_indicator_counts_location', 'int_indicator_counts_missing',
    'int_indicator_counts_adoption', 'int_indicator_counts_local',
] %}

with

{% for family in families %}
{{ family }} as (
    select la_code, collection_year, indicator, breakdown_topic, breakdown, numerator, denominator
    from {{ ref(family) }}
),
{% endfor %}

final as (
    {% for family in families %}
    select * from {{ family }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from final
