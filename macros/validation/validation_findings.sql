{#- The failing rows of every registered rule of one rule group (seeds/validation_rules.csv), in
    every year, with the rule's code and the common columns cast to one type. Each group is its own
    table (models/validation/findings/): DuckDB plans one query of all 170 rules several times more
    slowly than a dozen smaller ones. -#}
{% macro validation_findings_for_group(rule_group) -%}
-- The rules' models: dbt sees these refs when it parses, before the registry can be read.
-- depends_on: {{ ref('validation_rules') }}
-- depends_on: {{ ref('validation_quarantine_map') }}
-- depends_on: {{ ref('stg_ssda903__headers') }}
-- depends_on: {{ ref('stg_ssda903__episodes') }}
-- depends_on: {{ ref('stg_ssda903__uasc_records') }}
-- depends_on: {{ ref('stg_ssda903__reviews') }}
-- depends_on: {{ ref('stg_ssda903__oc2_outcomes') }}
-- depends_on: {{ ref('stg_ssda903__oc3_outcomes') }}
-- depends_on: {{ ref('stg_ssda903__adoptions') }}
-- depends_on: {{ ref('stg_ssda903__placed_for_adoption') }}
-- depends_on: {{ ref('stg_ssda903__previous_permanence') }}
-- depends_on: {{ ref('stg_ssda903__missing_episodes') }}
-- depends_on: {{ ref('stg_ssda903__social_worker_episodes') }}
-- depends_on: {{ ref('stg_ssda903__quarantined_values') }}
-- depends_on: {{ ref('int_validation__episodes') }}
-- depends_on: {{ ref('int_validation__child_returns') }}
{%- set rules = [] -%}
{%- if execute -%}
    {%- set registry = run_query(
        "select distinct rule_code, macro_name from " ~ ref('validation_rules')
        ~ " where rule_group = '" ~ rule_group ~ "' order by rule_code"
    ) -%}
    {%- for row in registry.rows -%}
        {%- do rules.append((row[0], row[1])) -%}
    {%- endfor -%}
{%- endif %}

with

{% for rule_code, macro_name in rules -%}
rule_{{ loop.index }} as (
    select
        '{{ rule_code }}' as rule_code,
        cast(la_code as {{ dbt.type_string() }}) as la_code,
        cast(collection_year as {{ dbt.type_int() }}) as collection_year,
        cast(child_id as {{ dbt.type_string() }}) as child_id,
        cast(table_name as {{ dbt.type_string() }}) as table_name,
        cast(source_file as {{ dbt.type_string() }}) as source_file,
        cast(source_row as {{ dbt.type_int() }}) as source_row,
        cast(locator as {{ dbt.type_string() }}) as locator,
        cast(values_involved as {{ dbt.type_string() }}) as values_involved
    from ({{ context[macro_name]() }}) as failing_rows
),

{% endfor -%}
unioned as (
    {%- for rule_code, macro_name in rules %}
    select * from rule_{{ loop.index }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    {{ validation_no_findings() }}
    {%- endfor %}
),

final as (
    select * from unioned
)

select * from final
{%- endmacro %}

{#- An empty result with the columns of a finding (a group without rules, or the parse). -#}
{% macro validation_no_findings() -%}
    select
        cast(null as {{ dbt.type_string() }}) as rule_code,
        cast(null as {{ dbt.type_string() }}) as la_code,
        cast(null as {{ dbt.type_int() }}) as collection_year,
        cast(null as {{ dbt.type_string() }}) as child_id,
        cast(null as {{ dbt.type_string() }}) as table_name,
        cast(null as {{ dbt.type_string() }}) as source_file,
        cast(null as {{ dbt.type_int() }}) as source_row,
        cast(null as {{ dbt.type_string() }}) as locator,
        cast(null as {{ dbt.type_string() }}) as values_involved
    where 1 = 0
{%- endmacro %}
