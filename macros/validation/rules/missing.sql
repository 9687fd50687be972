{#- DfE SSDA903 validation rules on missing and away-from-placement episodes (the Missing table):
    dates in order, inside the year and inside the child's episodes of care. -#}

{% macro validation_missing_row(extra) -%}
    {{ validation_row('m', 'missing', [('MIS_START', 'm.missing_start_date')] + extra) }}
{%- endmacro %}

{#- 567: the missing episode ends before it starts. -#}
{% macro validation_rule_567() -%}
    select {{ validation_missing_row([('MIS_END', 'm.missing_end_date')]) }}
    from {{ ref('stg_ssda903__missing_episodes') }} as m
    where m.missing_end_date < m.missing_start_date
{%- endmacro %}

{#- 570: the missing episode starts after the end of the collection year. -#}
{% macro validation_rule_570() -%}
    select {{ validation_missing_row([]) }}
    from {{ ref('stg_ssda903__missing_episodes') }} as m
    where m.missing_start_date > {{ collection_end_date('m.collection_year') }}
{%- endmacro %}

{#- 571: the missing episode ends outside the collection year. -#}
{% macro validation_rule_571() -%}
    select {{ validation_missing_row([('MIS_END', 'm.missing_end_date')]) }}
    from {{ ref('stg_ssda903__missing_episodes') }} as m
    where m.missing_end_date < {{ collection_start_date('m.collection_year') }}
        or m.missing_end_date > {{ collection_end_date('m.collection_year') }}
{%- endmacro %}

{#- 574: a missing episode starts while the child's previous one (ordered by end date, an open one
    by its start) is still open or has not yet ended. -#}
{% macro validation_rule_574() -%}
    with ordered as (
        select
            m.*,
            row_number() over child_return as missing_number,
            lag(m.missing_end_date) over child_return as previous_end_date
        from {{ ref('stg_ssda903__missing_episodes') }} as m
        window child_return as (
            partition by m.la_code, m.collection_year, m.child_id
            order by coalesce(m.missing_end_date, m.missing_start_date), m.missing_start_date
        )
    )

    select {{ validation_row('m', 'missing', [('MIS_START', 'm.missing_start_date'), ('MIS_END_PREVIOUS', 'm.previous_end_date')]) }}
    from ordered as m
    where m.missing_number > 1
        and (m.previous_end_date is null or m.missing_start_date < m.previous_end_date)
{%- endmacro %}

{#- 586: the missing episode starts on or before the child's date of birth. -#}
{% macro validation_rule_586() -%}
    select {{ validation_missing_row([('DOB', 'm.date_of_birth')]) }}
    from {{ ref('stg_ssda903__missing_episodes') }} as m
    where m.missing_start_date <= m.date_of_birth
{%- endmacro %}

{#- 581: the missing episode starts outside every episode of care of the child in the return. -#}
{% macro validation_rule_581() -%}
    select {{ validation_missing_row([]) }}
    from {{ ref('stg_ssda903__missing_episodes') }} as m
    where not exists (
        select 1
        from {{ ref('int_validation__episodes') }} as e
        where {{ validation_same_return('m', 'e') }}
            and m.missing_start_date >= e.episode_start_date
            and (e.episode_end_date is null or m.missing_start_date <= e.episode_end_date)
    )
{%- endmacro %}
