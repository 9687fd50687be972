{#-
    The headline looked-after indicators (indicator-conventions.md, first-release table): one row
    per LA, collection year and indicator, Total breakdown only. Rates leave the denominator null:
    rpt_indicators fills in the ONS 0-17 population of mid-year N-1.
-#}

with

child_years as (
    select * from {{ ref('fct_child_years') }}
),

la_years as (
    select
        la_code,
        collection_year,
        sum(case when is_looked_after_31mar then 1 else 0 end) as n_looked_after_31mar,
        sum(case when started_in_year then 1 else 0 end) as n_started,
        sum(case when ceased_in_year then 1 else 0 end) as n_ceased,
        sum(case when is_looked_after_31mar and has_3plus_placements_in_year then 1 else 0 end)
            as n_looked_after_31mar_3plus_placements,
        sum(case when in_longterm_stability_cohort then 1 else 0 end) as n_longterm_stability_cohort,
        sum(case when is_longterm_stable then 1 else 0 end) as n_longterm_stable
    from child_years
    group by la_code, collection_year
),

indicator_counts as (
    select la_code, collection_year, 'cla_31mar' as indicator,
        n_looked_after_31mar as numerator, cast(null as {{ type_double() }}) as denominator
    from la_years
    union all
    select la_code, collection_year, 'cla_rate_31mar' as indicator,
        n_looked_after_31mar as numerator, cast(null as {{ type_double() }}) as denominator
    from la_years
    union all
    select la_code, collection_year, 'cla_starts' as indicator,
        n_started as numerator, cast(null as {{ type_double() }}) as denominator
    from la_years
    union all
    select la_code, collection_year, 'cla_ceases' as indicator,
        n_ceased as numerator, cast(null as {{ type_double() }}) as denominator
    from la_years
    union all
    select la_code, collection_year, 'pct_3plus_placements_year' as indicator,
        n_looked_after_31mar_3plus_placements as numerator, n_looked_after_31mar as denominator
    from la_years
    union all
    select la_code, collection_year, 'pct_longterm_stability_u16' as indicator,
        n_longterm_stable as numerator, n_longterm_stability_cohort as denominator
    from la_years
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
