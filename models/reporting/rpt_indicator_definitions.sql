with

catalogue as (
    select * from {{ ref('indicator_catalogue') }}
),

final as (
    select
        cast(indicator as {{ dbt.type_string() }}) as indicator,
        cast(label as {{ dbt.type_string() }}) as label,
        cast(unit as {{ dbt.type_string() }}) as unit,
        cast(decimal_places as {{ dbt.type_int() }}) as decimal_places,
        cast('half up' as {{ dbt.type_string() }}) as rounding,
        cast(better_direction as {{ dbt.type_string() }}) as better_direction,
        cast(display_order as {{ dbt.type_int() }}) as display_order,
        cast(measure_source as {{ dbt.type_string() }}) as measure_source
    from catalogue
)

select * from final
order by display_order
