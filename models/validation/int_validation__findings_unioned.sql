{#- One row per row of a return that fails a DfE SSDA903 validation rule, in any year (the years a
    rule applies in are applied by fct_validation_errors): the union of the rule groups' tables.
    Adding a rule: a macro in macros/validation/rules/ and a registry row (seeds/validation_rules.csv);
    a new rule group also needs its model in models/validation/findings/ and a line below. -#}
{{ config(materialized="view") }}
{%- set rule_groups = [
    'codes_and_dates',
    'episodes',
    'temporary_placements',
    'short_breaks',
    'oc2',
    'oc3',
    'adoption',
    'missing',
    'cross_table',
    'cross_year',
    'social_workers',
    'header',
] -%}

with

{% for rule_group in rule_groups -%}
{{ rule_group }} as (
    select * from {{ ref('int_validation__findings_' ~ rule_group) }}
),

{% endfor -%}
unioned as (
    {%- for rule_group in rule_groups %}
    select * from {{ rule_group }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select * from unioned
)

select * from final
