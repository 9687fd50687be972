{#- DfE SSDA903 validation rules comparing a return with the same LA's return of the previous year:
    the child's characteristics, and the first episode this year against last year's open episode. -#}

{#- SEX as one coding across years: 1/2 (to 2023-24) and M/F (from 2024-25) mean the same. -#}
{% macro validation_sex_as_letter(expression) -%}
    case {{ expression }} when '1' then 'M' when '2' then 'F' else {{ expression }} end
{%- endmacro %}

{#- Header rows of year N whose `field_sql` differs from the same child's header of year N-1. -#}
{% macro validation_header_differs_from_last_year(field, this_sql, last_sql) -%}
    select {{ validation_row('h', 'header', [(field, this_sql), (field ~ '_LAST', last_sql)]) }}
    from {{ ref('stg_ssda903__headers') }} as h
    inner join {{ ref('stg_ssda903__headers') }} as last
        on {{ validation_previous_year('h', 'last') }}
    where not coalesce({{ is_same_value(this_sql, last_sql) }}, false)
{%- endmacro %}

{#- 202: SEX differs from last year (compared across the 2024-25 recoding, 1 = M and 2 = F). -#}
{% macro validation_rule_202() -%}
    {{ validation_header_differs_from_last_year('SEX', validation_sex_as_letter('h.sex_code'), validation_sex_as_letter('last.sex_code')) }}
{%- endmacro %}

{#- 203: DOB differs from last year. -#}
{% macro validation_rule_203() -%}
    {{ validation_header_differs_from_last_year('DOB', 'h.date_of_birth', 'last.date_of_birth') }}
{%- endmacro %}

{#- 204: ETHNIC differs from last year. -#}
{% macro validation_rule_204() -%}
    {{ validation_header_differs_from_last_year('ETHNIC', 'h.ethnicity_code', 'last.ethnicity_code') }}
{%- endmacro %}

{#- 502: last year ended with an open episode whose DECOM is not the DECOM of this year's first episode. -#}
{% macro validation_rule_502() -%}
    select {{ validation_row('c', 'episodes', [('DECOM', 'c.first_start_date'), ('DECOM_LAST', 'last.episode_start_date')]) }}
    from (
        select *, first_source_file as source_file, first_source_row as source_row
        from {{ ref('int_validation__child_returns') }}
    ) as c
    inner join {{ ref('int_validation__episodes') }} as last
        on {{ validation_previous_year('c', 'last') }}
    where last.episode_end_date is null and last.episode_start_date <> c.first_start_date
{%- endmacro %}

{#- This year's first episode against last year's last episode when that one was left open: rows
    where `this_field` and `last_field` (columns of int_validation__child_returns) differ and the
    `allowed` condition (SQL over c and last) does not excuse it. -#}
{% macro validation_first_episode_differs(field, this_field, last_field, allowed='false') -%}
    select {{ validation_row('c', 'episodes', [('DECOM', 'c.first_start_date'), (field, 'c.' ~ this_field), (field ~ '_LAST', 'last.' ~ last_field)]) }}
    from (
        select *, first_source_file as source_file, first_source_row as source_row
        from {{ ref('int_validation__child_returns') }}
    ) as c
    inner join {{ ref('int_validation__child_returns') }} as last
        on {{ validation_previous_year('c', 'last') }}
    where last.last_end_date is null
        and not coalesce({{ is_same_value('c.' ~ this_field, 'last.' ~ last_field) }}, false)
        and not ({{ allowed }})
{%- endmacro %}

{% macro validation_rule_503a() -%}
    {{ validation_first_episode_differs('RNE', 'first_reason_for_new_episode', 'last_reason_for_new_episode') }}
{%- endmacro %}

{% macro validation_rule_503b() -%}
    {{ validation_first_episode_differs('LS', 'first_legal_status', 'last_legal_status') }}
{%- endmacro %}

{% macro validation_rule_503c() -%}
    {{ validation_first_episode_differs('CIN', 'first_category_of_need', 'last_category_of_need') }}
{%- endmacro %}

{#- 503D: the placement type; recoding H5 to K3 (2024-25 return; DfE's validator also allows it in
    2023-24) and Z1 to Z11-Z14 (2025-26) is not a change. -#}
{% macro validation_rule_503d() -%}
    {{ validation_first_episode_differs('PLACE', 'first_placement_type', 'last_placement_type',
        "(c.collection_year in (2024, 2025) and last.last_placement_type = 'H5' and c.first_placement_type = 'K3')
        or (c.collection_year = 2026 and last.last_placement_type = 'Z1'
            and c.first_placement_type in ('Z11', 'Z12', 'Z13', 'Z14'))") }}
{%- endmacro %}

{% macro validation_rule_503e() -%}
    {{ validation_first_episode_differs('PLACE_PROVIDER', 'first_placement_provider', 'last_placement_provider') }}
{%- endmacro %}

{% macro validation_rule_503f() -%}
    {{ validation_first_episode_differs('URN', 'first_placement_urn', 'last_placement_urn') }}
{%- endmacro %}

{#- 562: this year's first episode started before the year, but last year's return (when loaded for
    the LA) does not end with an episode starting that day. -#}
{% macro validation_rule_562() -%}
    select {{ validation_row('c', 'episodes', [('DECOM', 'c.first_start_date'), ('DECOM_LAST', 'last.last_start_date')]) }}
    from (
        select *, first_source_file as source_file, first_source_row as source_row
        from {{ ref('int_validation__child_returns') }}
    ) as c
    left join {{ ref('int_validation__child_returns') }} as last
        on {{ validation_previous_year('c', 'last') }}
    where c.first_start_date < c.collection_start_date
        and exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as loaded
            where loaded.la_code = c.la_code and loaded.collection_year = c.collection_year - 1
        )
        and (last.last_start_date is null or last.last_start_date <> c.first_start_date)
{%- endmacro %}

{#- 576: last year's return has an open missing episode, and this year's first missing episode does
    not start on the same day. -#}
{% macro validation_rule_576() -%}
    with first_missing as (
        select
            m.*,
            row_number() over (
                partition by m.la_code, m.collection_year, m.child_id order by m.missing_start_date
            ) as missing_number
        from {{ ref('stg_ssda903__missing_episodes') }} as m
    )

    select {{ validation_row('m', 'missing', [('MIS_START', 'm.missing_start_date'), ('MIS_START_LAST', 'last.missing_start_date')]) }}
    from first_missing as m
    inner join {{ ref('stg_ssda903__missing_episodes') }} as last
        on {{ validation_previous_year('m', 'last') }}
    where m.missing_number = 1
        and last.missing_end_date is null
        and last.missing_start_date <> m.missing_start_date
{%- endmacro %}
