{#- Completed years of age at a date (indicator-conventions.md, "Time"). A child born on 29 February
    has a birthday on 1 March in other years. Null when either date is null. -#}
{% macro age_in_years(date_of_birth, at_date) -%}
    {{ return(adapter.dispatch('age_in_years', 'csc_outcomes')(date_of_birth, at_date)) }}
{%- endmacro %}

{% macro default__age_in_years(date_of_birth, at_date) -%}
    (
        extract(year from {{ at_date }}) - extract(year from {{ date_of_birth }})
        - case
            when extract(month from {{ at_date }}) * 100 + extract(day from {{ at_date }})
                < extract(month from {{ date_of_birth }}) * 100 + extract(day from {{ date_of_birth }})
                then 1
            else 0
        end
    )
{%- endmacro %}
