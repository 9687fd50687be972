{#- DfE SSDA903 validation rules on short breaks (legal statuses V3, V4): rules 365, 366, 367, 384,
    426 (382, temporary placements during short breaks, is in temporary_placements.sql). -#}

{#- 365: one short break (V3) lasting more than 17 days; an open one runs to 31 March. -#}
{% macro validation_rule_365() -%}
    select {{ validation_episode_row('e', [('LS', 'e.legal_status'), ('DEC', 'e.episode_end_date')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.legal_status = 'V3'
        and coalesce(e.episode_end_date, e.collection_end_date) > {{ dbt.dateadd('day', 17, 'e.episode_start_date') }}
{%- endmacro %}

{#- 366: a short break (V3) that is not a new period of care (RNE other than S). -#}
{% macro validation_rule_366() -%}
    select {{ validation_episode_row('e', [('LS', 'e.legal_status'), ('RNE', 'e.reason_for_new_episode')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.legal_status = 'V3' and e.reason_for_new_episode <> 'S'
{%- endmacro %}

{#- 367: more than 75 days of short breaks (V3) in the collection year, counting each episode's
    days inside the year: every V3 episode of such a child. -#}
{% macro validation_rule_367() -%}
    with days_in_year as (
        select
            e.*,
            {{ dbt.datediff(
                'greatest(e.episode_start_date, e.collection_start_date)',
                'least(coalesce(e.episode_end_date, e.collection_end_date), e.collection_end_date)',
                'day'
            ) }} as days_in_year
        from {{ ref('int_validation__episodes') }} as e
        where e.legal_status = 'V3'
    ),

    totals as (
        select
            *,
            sum(case when days_in_year > 0 then days_in_year else 0 end)
                over (partition by la_code, collection_year, child_id) as short_break_days
        from days_in_year
    )

    select {{ validation_episode_row('totals', [('LS', 'totals.legal_status'), ('DAYS_IN_YEAR', 'totals.short_break_days')]) }}
    from totals
    where totals.short_break_days > 75
{%- endmacro %}

{#- 384: a short break (V3, V4) in a long-term foster placement (U1, U4). -#}
{% macro validation_rule_384() -%}
    select {{ validation_episode_row('e', [('LS', 'e.legal_status'), ('PLACE', 'e.placement_type')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.is_short_break and e.placement_type in ('U1', 'U4')
{%- endmacro %}

{#- 426: both V3 and V4 for one child in the return: every V3 and V4 episode of that child. -#}
{% macro validation_rule_426() -%}
    with statuses as (
        select
            e.*,
            min(e.legal_status) over (partition by e.la_code, e.collection_year, e.child_id)
                as first_status,
            max(e.legal_status) over (partition by e.la_code, e.collection_year, e.child_id)
                as last_status
        from {{ ref('int_validation__episodes') }} as e
        where e.is_short_break
    )

    select {{ validation_episode_row('statuses', [('LS', 'statuses.legal_status')]) }}
    from statuses
    where statuses.first_status <> statuses.last_status
{%- endmacro %}
