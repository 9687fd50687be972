{#- Key dates of collection year N (1 April N-1 to 31 March N; indicator-conventions.md "Time").
    Each takes an expression holding N. -#}

{% macro collection_start_date(collection_year) -%}
    {{ date_from_parts('(' ~ collection_year ~ ') - 1', 4, 1) }}
{%- endmacro %}

{% macro collection_end_date(collection_year) -%}
    {{ date_from_parts(collection_year, 3, 31) }}
{%- endmacro %}

{#- Long-term stability: the current period of care must have started on or before 30 September N-3
    (2.5 years before 31 March N) ... -#}
{% macro longterm_period_start_cutoff_date(collection_year) -%}
    {{ date_from_parts('(' ~ collection_year ~ ') - 3', 9, 30) }}
{%- endmacro %}

{#- ... and the current placement on or before 31 March N-2 (2 years). -#}
{% macro longterm_placement_start_cutoff_date(collection_year) -%}
    {{ date_from_parts('(' ~ collection_year ~ ') - 2', 3, 31) }}
{%- endmacro %}
