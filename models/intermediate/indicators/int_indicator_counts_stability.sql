{#-
    Two-year placement stability pct_3plus_placements_2yrs (indicator-conventions.md: "Two-year
    stability"; Project additions "Characteristics, reasons for ceasing and two-year stability"): one
    row per LA and collection year, Total breakdown. Denominator: children looked after at 31 March N
    and at 31 March N-1; numerator: those with 3 or more placements in force between 1 April N-2 and
    31 March N. Not computable (numerator and denominator null, published 'x') when the LA's year N-1
    return is not loaded: placements that ended during year N-1 are only in that return.
-#}

with

child_years as (
    select * from {{ ref('fct_child_years') }}
),

la_years as (
    select
        la_code,
        collection_year,
        max(case when is_previous_return_loaded then 1 else 0 end) as previous_return_loaded_flag,
        sum(case when in_two_year_stability_cohort then 1 else 0 end) as n_cohort,
        sum(case when in_two_year_stability_cohort and has_3plus_placements_2yrs then 1 else 0 end)
            as n_cohort_3plus_placements
    from child_years
    group by la_code, collection_year
),

final as (
    select
        la_code,
        collection_year,
        'pct_3plus_placements_2yrs' as indicator,
        'Total' as breakdown_topic,
        'Total' as breakdown,
        cast(case when previous_return_loaded_flag = 1 then n_cohort_3plus_placements end as {{ type_double() }})
            as numerator,
        cast(case when previous_return_loaded_flag = 1 then n_cohort end as {{ type_double() }}) as denominator
    from la_years
)

select * from final
