with

warnings as (
    select * from {{ ref('fct_data_quality_warnings') }}
),

counted as (
    select
        la_code,
        collection_year,
        warning,
        count(distinct child_id) as n_children
    from warnings
    group by la_code, collection_year, warning
),

final as (
    select
        cast(collection_year as {{ dbt.type_int() }}) as time_period,
        cast(la_code as {{ dbt.type_string() }}) as old_la_code,
        cast(warning as {{ dbt.type_string() }}) as warning,
        cast(n_children as {{ dbt.type_bigint() }}) as n_children
    from counted
)

select * from final
order by old_la_code, time_period, warning
