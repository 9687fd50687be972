{#- An 8-byte floating point type. dbt.type_float() maps to a 4-byte FLOAT on DuckDB, too coarse
    for unrounded indicator values. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'csc_outcomes')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
