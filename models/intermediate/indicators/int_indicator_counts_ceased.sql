{#-
    Rates of starting and ceasing, and the reasons children ceased to be looked after
    (indicator-conventions.md: "Rates"; Project additions "Characteristics, reasons for ceasing and
    two-year stability"): one row per LA, collection year and indicator, Total breakdown only.
    - cla_starts_rate, cla_ceases_rate: the counts of cla_starts and cla_ceases; the denominator is
      left null and rpt_indicators fills in the ONS 0-17 population of mid-year N-1;
    - pct_ceased_<reason>: children ceasing in year N whose last cease of the year had a REC of that
      group, over all children ceasing (cla_ceases). REC groups: macros/indicators/characteristic_groups.sql.
-#}

{%- set reasons = code_groups()['reason_ceased'] | selectattr('indicator', 'defined') | list %}

with

child_years as (
    select * from {{ ref('fct_child_years') }}
),

la_years as (
    select
        la_code,
        collection_year,
        sum(case when started_in_year then 1 else 0 end) as n_started,
        sum(case when ceased_in_year then 1 else 0 end) as n_ceased,
        {%- for reason in reasons %}
        sum(case when ceased_in_year and reason_ceased_group = {{ text_literal(reason.label) }} then 1 else 0 end)
            as n_ceased_{{ reason.label }}{{ ',' if not loop.last }}
        {%- endfor %}
    from child_years
    group by la_code, collection_year
),

indicator_counts as (
    select la_code, collection_year, 'cla_starts_rate' as indicator,
        n_started as numerator, cast(null as {{ type_double() }}) as denominator
    from la_years
    union all
    select la_code, collection_year, 'cla_ceases_rate' as indicator,
        n_ceased as numerator, cast(null as {{ type_double() }}) as denominator
    from la_years
    {%- for reason in reasons %}
    union all
    select la_code, collection_year, {{ text_literal(reason.indicator) }} as indicator,
        n_ceased_{{ reason.label }} as numerator, n_ceased as denominator
    from la_years
    {%- endfor %}
),

final as (
    select
        la_code,
        collection_year,
        indicator,
        'Total' as breakdown_topic,
        'Total' as breakdown,
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator
    from indicator_counts
)

select * from final
