{#- DfE SSDA903 validation rules on social worker episodes (the SWEpisodes table, from the 2023-24
    return): identifiers, dates inside the year, order and overlaps. -#}

{% macro validation_social_worker_row(extra) -%}
    {{ validation_row('s', 'sw_episodes', [('SW_DECOM', 's.social_worker_episode_start_date')] + extra) }}
{%- endmacro %}

{#- SWEpisodes rows with the child's episode order in the return. -#}
{% macro validation_social_worker_rows() -%}
    (
        select
            s.*,
            row_number() over child_return as social_worker_episode_number,
            count(*) over (partition by s.la_code, s.collection_year, s.child_id) as social_worker_episodes
        from {{ ref('stg_ssda903__social_worker_episodes') }} as s
        window child_return as (
            partition by s.la_code, s.collection_year, s.child_id
            order by s.social_worker_episode_start_date, s.source_row
        )
    )
{%- endmacro %}

{#- SW02STG1: SW_ID does not begin with 'SW' or 'XX'. -#}
{% macro validation_rule_sw02stg1() -%}
    select {{ validation_social_worker_row([('SW_ID', 's.social_worker_id')]) }}
    from {{ ref('stg_ssda903__social_worker_episodes') }} as s
    where substr(s.social_worker_id, 1, 2) not in ('SW', 'XX')
{%- endmacro %}

{#- SW06STG2: the social worker episode starts after the end of the collection year. -#}
{% macro validation_rule_sw06stg2() -%}
    select {{ validation_social_worker_row([]) }}
    from {{ ref('stg_ssda903__social_worker_episodes') }} as s
    where s.social_worker_episode_start_date > {{ collection_end_date('s.collection_year') }}
{%- endmacro %}

{#- SW08STG2: a social worker episode that is not the child's last in the return has no SW_DEC. -#}
{% macro validation_rule_sw08stg2() -%}
    select {{ validation_social_worker_row([('SW_DEC', 's.social_worker_episode_end_date')]) }}
    from {{ validation_social_worker_rows() }} as s
    where s.social_worker_episode_number < s.social_worker_episodes
        and s.social_worker_episode_end_date is null
{%- endmacro %}

{#- SW09STG2: the episode lasted less than 24 hours (ends on its start day); from 2025-26, DfE's
    rule set flags any episode shorter than 3 days. -#}
{% macro validation_rule_sw09stg2() -%}
    select {{ validation_social_worker_row([('SW_DEC', 's.social_worker_episode_end_date')]) }}
    from {{ ref('stg_ssda903__social_worker_episodes') }} as s
    where (s.collection_year < 2026 and s.social_worker_episode_end_date = s.social_worker_episode_start_date)
        or (
            s.collection_year >= 2026
            and s.social_worker_episode_end_date < {{ dbt.dateadd('day', 3, 's.social_worker_episode_start_date') }}
        )
{%- endmacro %}

{#- SW18STG2: the episode ends on or before its start (from 2025-26). -#}
{% macro validation_rule_sw18stg2() -%}
    select {{ validation_social_worker_row([('SW_DEC', 's.social_worker_episode_end_date')]) }}
    from {{ ref('stg_ssda903__social_worker_episodes') }} as s
    where s.social_worker_episode_end_date <= s.social_worker_episode_start_date
{%- endmacro %}

{#- SW13STG1: the reason for the change of social worker is blank, for an episode starting on or
    after 1 April 2023, from when it is required (ssda903-spec.md section 3), in every year: DfE's
    2024-25 message says only "not valid", but its rule set still checks the blank (and withdraws
    SW03STG1 and SW15STG2, the other rules on it). Invalid codes come from the quarantine. -#}
{% macro validation_rule_sw13stg1() -%}
    {{ validation_from_quarantine('SW13STG1') }}
    union all
    select {{ validation_social_worker_row([('SW_REASON', 's.social_worker_change_reason_code')]) }}
    from {{ ref('stg_ssda903__social_worker_episodes') }} as s
    where s.social_worker_change_reason_code is null
        and s.social_worker_episode_start_date >= {{ date_from_parts(2023, 4, 1) }}
{%- endmacro %}
