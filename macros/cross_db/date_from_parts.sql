{#- A date built from (possibly column-valued) year, month and day expressions.
    dbt.date() only takes literals known at compile time; indicators need dates that depend on
    each row's collection year. -#}
{% macro date_from_parts(year, month, day) -%}
    {{ return(adapter.dispatch('date_from_parts', 'csc_outcomes')(year, month, day)) }}
{%- endmacro %}

{% macro default__date_from_parts(year, month, day) -%}
    cast(
        {{ dbt.concat([
            dbt.safe_cast(year, dbt.type_string()),
            "'-'",
            "lpad(" ~ dbt.safe_cast(month, dbt.type_string()) ~ ", 2, '0')",
            "'-'",
            "lpad(" ~ dbt.safe_cast(day, dbt.type_string()) ~ ", 2, '0')"
        ]) }}
        as date
    )
{%- endmacro %}

{% macro duckdb__date_from_parts(year, month, day) -%}
    make_date(cast({{ year }} as integer), {{ month }}, {{ day }})
{%- endmacro %}
