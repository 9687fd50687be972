{#-
    Social worker stability (indicator-conventions.md, "Outcomes from the whole SSDA903 return"):
    one row per LA, collection year and indicator, Total breakdown only. pct_3plus_social_workers =
    children looked after at 31 March N with 3 or more distinct social workers in the year, over
    every child looked after at 31 March N. A return without the social worker table (all years
    before 2024) has a null numerator and denominator (published 'x').
-#}

with

social_workers as (
    select * from {{ ref('fct_child_years_social_workers') }}
),

returns as (
    select * from {{ ref('int_returns_with_outcome_tables') }}
),

la_years as (
    select
        returns.la_code,
        returns.collection_year,
        returns.has_social_worker_table,
        count(social_workers.child_id) as n_looked_after_31mar,
        sum(case when social_workers.has_3plus_social_workers then 1 else 0 end) as n_3plus_social_workers
    from returns
    left join social_workers
        on returns.la_code = social_workers.la_code
        and returns.collection_year = social_workers.collection_year
    group by returns.la_code, returns.collection_year, returns.has_social_worker_table
),

final as (
    select
        la_code,
        collection_year,
        'pct_3plus_social_workers' as indicator,
        'Total' as breakdown_topic,
        'Total' as breakdown,
        cast(case when has_social_worker_table then n_3plus_social_workers end as {{ type_double() }})
            as numerator,
        cast(case when has_social_worker_table then n_looked_after_31mar end as {{ type_double() }})
            as denominator
    from la_years
)

select * from final
