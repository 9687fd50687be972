{#- Shared pieces of the DfE SSDA903 validation rules (macros/validation/rules/*.sql).

    Every rule macro returns a `select` of the rows that fail it, with the columns written by
    `validation_row`, in this order: la_code, collection_year, child_id, table_name,
    source_file, source_row, locator, values_involved. A rule reads the staging models of the
    return being checked (and, for rules comparing years, the same LA's return of year N-1); the
    years a rule applies in are data (seeds/validation_rules.csv), applied by fct_validation_errors.
-#}

{#- One value as text for a locator or values_involved: a date field as DD/MM/YYYY, blank as ''.
    `field` may carry a qualifier after '_' that is not part of DfE's name (DECOM_LAST, DOB_HEADER). -#}
{% macro validation_text(field, expression) -%}
    {%- set date_fields = ['DOB', 'MC_DOB', 'DUC', 'DECOM', 'DEC', 'REVIEW', 'DATE_INT', 'DATE_MATCH',
        'DATE_PLACED', 'DATE_PLACED_CEASED', 'MIS_START', 'MIS_END', 'SW_DECOM', 'SW_DEC',
        'DOLO_START', 'DOLO_END'] -%}
    {%- set base = field.replace('_LAST', '').replace('_HEADER', '').replace('_NEXT', '').replace('_PREVIOUS', '') -%}
    {%- if base in date_fields -%}
    coalesce(strftime({{ expression }}, '%d/%m/%Y'), '')
    {%- else -%}
    coalesce(cast({{ expression }} as {{ dbt.type_string() }}), '')
    {%- endif -%}
{%- endmacro %}

{#- 'A=1; B=2' from a list of (field, expression) pairs. Values are child-level: they stay in the
    restricted fct_validation_errors table. -#}
{% macro validation_values(pairs) -%}
    {%- for field, expression in pairs -%}
    '{{ field }}=' || {{ validation_text(field, expression) }}
    {%- if not loop.last %} || '; ' || {% endif -%}
    {%- endfor -%}
{%- endmacro %}

{#- The common columns of a finding from a row of a staging (or validation helper) model aliased
    `alias`: the locator is the first (field, expression) pair, e.g. DECOM=01/05/2024; the values
    involved are all the pairs. -#}
{% macro validation_row(alias, table_name, pairs) -%}
    {{ alias }}.la_code,
    {{ alias }}.collection_year,
    {{ alias }}.child_id,
    '{{ table_name }}' as table_name,
    {{ alias }}.source_file,
    {{ alias }}.source_row,
    {{ validation_values(pairs[:1]) }} as locator,
    {{ validation_values(pairs) }} as values_involved
{%- endmacro %}

{#- The same LA's return of the previous year: join condition between `this` (year N) and `last`. -#}
{% macro validation_previous_year(this, last) -%}
    {{ last }}.la_code = {{ this }}.la_code
    and {{ last }}.collection_year = {{ this }}.collection_year - 1
    and {{ last }}.child_id = {{ this }}.child_id
{%- endmacro %}

{#- Same LA, same return, same child. -#}
{% macro validation_same_return(left, right) -%}
    {{ right }}.la_code = {{ left }}.la_code
    and {{ right }}.collection_year = {{ left }}.collection_year
    and {{ right }}.child_id = {{ left }}.child_id
{%- endmacro %}

{#- Findings from values the ingest quarantined (they never reach staging): the quarantine rows whose
    table, column and reason code seeds/validation_quarantine_map.csv maps to `rule_code`. The
    quarantine holds no child id for a row whose other cells failed, so child_id is null here; the
    file and row number locate the row. -#}
{% macro validation_from_quarantine(rule_code) -%}
    select
        q.la_code,
        q.collection_year,
        case when q.column_name = 'CHILD' then q.quarantined_value end as child_id,
        q.table_name,
        q.source_file,
        q.source_row,
        coalesce(q.column_name, 'row') as locator,
        coalesce(q.column_name, 'row') || '=' || coalesce(q.quarantined_value, '')
            || ' [' || m.reason_code || ']' as values_involved
    from {{ ref('stg_ssda903__quarantined_values') }} as q
    inner join {{ ref('validation_quarantine_map') }} as m
        on m.table_name = q.table_name
        and {{ is_same_value('m.column_name', 'q.column_name') }}
        and m.reason_code = {{ dbt.split_part('q.reason', "':'", 1) }}
    where m.rule_code = '{{ rule_code }}'
{%- endmacro %}
