{#- DfE SSDA903 rules on social worker episodes that the comparison with DfE's validator showed
    missing (docs/validation-agreement.md): a complete episode (SW03STG1, 2023-24 only: DfE's rule set
    withdraws it in 2024-25) and an end date inside the reporting period (SW07STG2). Registry group
    'social_workers'. -#}

{#- SW03STG1: an episode without SW_ID or SW_DECOM (both mandatory: the ingest quarantines the row,
    so it is reported from the quarantine) or without SW_REASON for an episode starting on or after
    1 April 2023, from when the reason is required (ssda903-spec.md section 3; DfE's validator also
    flags a blank reason on earlier episodes). -#}
{% macro validation_rule_sw03stg1() -%}
    select
        q.la_code,
        q.collection_year,
        cast(null as {{ dbt.type_string() }}) as child_id,
        q.table_name,
        q.source_file,
        q.source_row,
        q.column_name as locator,
        q.column_name || '= [missing_value]' as values_involved
    from {{ ref('stg_ssda903__quarantined_values') }} as q
    where q.table_name = 'sw_episodes'
        and q.column_name in ('SW_ID', 'SW_DECOM')
        and {{ dbt.split_part('q.reason', "':'", 1) }} = 'missing_value'
    union all
    select {{ validation_social_worker_row([('SW_REASON', 's.social_worker_change_reason_code')]) }}
    from {{ ref('stg_ssda903__social_worker_episodes') }} as s
    where s.social_worker_change_reason_code is null
        and s.social_worker_episode_start_date >= {{ date_from_parts(2023, 4, 1) }}
{%- endmacro %}

{#- SW07STG2: SW_DEC before the start of the social worker reporting period (1 April N-2: the
    episodes of the year before the collection year are reported too) or after 31 March N. -#}
{% macro validation_rule_sw07stg2() -%}
    select {{ validation_social_worker_row([('SW_DEC', 's.social_worker_episode_end_date')]) }}
    from {{ ref('stg_ssda903__social_worker_episodes') }} as s
    where s.social_worker_episode_end_date < {{ dbt.dateadd('year', -1, collection_start_date('s.collection_year')) }}
        or s.social_worker_episode_end_date > {{ collection_end_date('s.collection_year') }}
{%- endmacro %}
