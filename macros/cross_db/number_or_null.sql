{#- A published value (text) as a double, or null when it is not a number: DfE's symbols (c, x, z,
    k, low, -) compare as "no value". dbt.safe_cast is a plain cast on DuckDB, which fails on them. -#}
{% macro number_or_null(text) -%}
    {{ return(adapter.dispatch('number_or_null', 'csc_outcomes')(text)) }}
{%- endmacro %}

{% macro default__number_or_null(text) -%}
    {{ dbt.safe_cast(text, type_double()) }}
{%- endmacro %}

{% macro duckdb__number_or_null(text) -%}
    try_cast({{ text }} as double)
{%- endmacro %}
