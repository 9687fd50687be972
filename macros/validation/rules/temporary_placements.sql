{#- DfE SSDA903 validation rules on temporary placements (PLACE T0-T4), rules 375-383: how long
    they last, how they start and end, and the return to the usual placement. -#}

{#- A temporary placement of type `placement_type` lasting more than `days` days (closed episodes). -#}
{% macro validation_temporary_placement_too_long(placement_type, days) -%}
    select {{ validation_episode_row('e', [('PLACE', 'e.placement_type'), ('DEC', 'e.episode_end_date')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.placement_type = '{{ placement_type }}'
        and e.episode_end_date > {{ dbt.dateadd('day', days, 'e.episode_start_date') }}
{%- endmacro %}

{#- 375: hospital (T1) for more than six weeks. -#}
{% macro validation_rule_375() -%}
    {{ validation_temporary_placement_too_long('T1', 42) }}
{%- endmacro %}

{#- 376: while the usual foster carer is on holiday (T3) for more than three weeks. -#}
{% macro validation_rule_376() -%}
    {{ validation_temporary_placement_too_long('T3', 21) }}
{%- endmacro %}

{#- 379: unspecified reason (T4) for more than seven days. -#}
{% macro validation_rule_379() -%}
    {{ validation_temporary_placement_too_long('T4', 7) }}
{%- endmacro %}

{#- 377: more than two T3 placements in the return: every T3 episode of such a child. -#}
{% macro validation_rule_377() -%}
    with counted as (
        select
            e.*,
            count(*) over (partition by e.la_code, e.collection_year, e.child_id) as t3_in_return
        from {{ ref('int_validation__episodes') }} as e
        where e.placement_type = 'T3'
    )
    select {{ validation_episode_row('counted', [('PLACE', 'counted.placement_type')]) }}
    from counted
    where counted.t3_in_return > 2
{%- endmacro %}

{#- 380: a temporary placement starting a period of care (RNE other than P or B). -#}
{% macro validation_rule_380() -%}
    select {{ validation_episode_row('e', [('PLACE', 'e.placement_type'), ('RNE', 'e.reason_for_new_episode')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.is_temporary_placement and e.reason_for_new_episode not in ('P', 'B')
{%- endmacro %}

{#- 381: a temporary placement ending a period of care (REC filled and not X1). -#}
{% macro validation_rule_381() -%}
    select {{ validation_episode_row('e', [('PLACE', 'e.placement_type'), ('REC', 'e.reason_episode_ceased')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.is_temporary_placement and e.reason_episode_ceased <> 'X1'
{%- endmacro %}

{#- 382: a temporary placement under a short-break legal status (V3, V4). -#}
{% macro validation_rule_382() -%}
    select {{ validation_episode_row('e', [('PLACE', 'e.placement_type'), ('LS', 'e.legal_status')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.is_temporary_placement and e.is_short_break
{%- endmacro %}

{#- 383: after a temporary placement the child returns to the usual placement: the next episode has
    RNE P and the placement type of the episode before the temporary one; from 2025-26 also its
    placement postcode. Checked when the return holds both neighbours. -#}
{% macro validation_rule_383() -%}
    select {{ validation_episode_row('e', [
        ('RNE', 'e.reason_for_new_episode'), ('PLACE', 'e.placement_type'),
        ('PLACE_PREVIOUS', 'e.previous_placement_type'), ('PLACE_BEFORE_TEMPORARY', 'e.placement_type_two_before')
    ]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.previous_placement_type in ({{ quoted_list(var('temporary_placements')) }})
        and e.episode_number >= 3
        and (
            e.reason_for_new_episode <> 'P'
            or not coalesce({{ is_same_value('e.placement_type', 'e.placement_type_two_before') }}, false)
            or (
                e.collection_year >= 2026
                and not coalesce({{ is_same_value('e.placement_postcode', 'e.placement_postcode_two_before') }}, false)
            )
        )
{%- endmacro %}
