{#- DfE SSDA903 validation rules on the episodes of one return: dates, order, overlaps and gaps,
    reasons for new and ceased episodes, legal statuses by age. Messages: seeds/validation_rules.csv. -#}

{#- The columns every episode finding shows: located by DECOM. -#}
{% macro validation_episode_row(alias, extra=[]) -%}
    {{ validation_row(alias, 'episodes', [('DECOM', alias ~ '.episode_start_date')] + extra) }}
{%- endmacro %}

{#- 142: an episode that is not the child's last in the return has no DEC or no REC. -#}
{% macro validation_rule_142() -%}
    select {{ validation_episode_row('e', [('DEC', 'e.episode_end_date'), ('REC', 'e.reason_episode_ceased')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.episode_number < e.episodes_in_return
        and (e.episode_end_date is null or e.reason_episode_ceased is null)
{%- endmacro %}

{#- 148: DEC and REC must both be filled or both blank. -#}
{% macro validation_rule_148() -%}
    select {{ validation_episode_row('e', [('DEC', 'e.episode_end_date'), ('REC', 'e.reason_episode_ceased')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where (e.episode_end_date is null) <> (e.reason_episode_ceased is null)
{%- endmacro %}

{#- 302: the child's first episode in the return starts before the date of birth. -#}
{% macro validation_rule_302() -%}
    select {{ validation_episode_row('e', [('DOB', 'e.date_of_birth')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.episode_number = 1 and e.episode_start_date < e.date_of_birth
{%- endmacro %}

{#- 352: a child started to be looked after (RNE S) aged 18 or over. -#}
{% macro validation_rule_352() -%}
    select {{ validation_episode_row('e', [('RNE', 'e.reason_for_new_episode'), ('DOB', 'e.date_of_birth')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.reason_for_new_episode = 'S'
        and {{ age_in_years('e.date_of_birth', 'e.episode_start_date') }} >= 18
{%- endmacro %}

{#- 353: no episode can start before 14 October 1991 (the Children Act 1989 came into force). -#}
{% macro validation_rule_353() -%}
    select {{ validation_episode_row('e') }}
    from {{ ref('int_validation__episodes') }} as e
    where e.episode_start_date < {{ date_from_parts(1991, 10, 14) }}
{%- endmacro %}

{#- 354: an episode cannot start after the end of the collection year. -#}
{% macro validation_rule_354() -%}
    select {{ validation_episode_row('e') }}
    from {{ ref('int_validation__episodes') }} as e
    where e.episode_start_date > e.collection_end_date
{%- endmacro %}

{#- 355: an episode lasting less than 24 hours (it ends on the day it starts). -#}
{% macro validation_rule_355() -%}
    select {{ validation_episode_row('e', [('DEC', 'e.episode_end_date')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.episode_end_date = e.episode_start_date
{%- endmacro %}

{#- 357: the child's first episode in the return starts in the year but its RNE is not S. -#}
{% macro validation_rule_357() -%}
    select {{ validation_episode_row('e', [('RNE', 'e.reason_for_new_episode')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.episode_number = 1
        and e.episode_start_date >= e.collection_start_date
        and e.reason_for_new_episode <> 'S'
{%- endmacro %}

{#- 358: legal status J1-J3 (PACE, remand) for a child not yet 10 when the episode started
    (DfE: DOB + 10 years on or after DECOM). -#}
{% macro validation_rule_358() -%}
    select {{ validation_episode_row('e', [('LS', 'e.legal_status'), ('DOB', 'e.date_of_birth')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.legal_status in ('J1', 'J2', 'J3')
        and {{ age_in_years('e.date_of_birth', 'e.episode_start_date') }} < 10
{%- endmacro %}

{#- 378: placed with parents (P1) under a single period of accommodation (V2). -#}
{% macro validation_rule_378() -%}
    select {{ validation_episode_row('e', [('PLACE', 'e.placement_type'), ('LS', 'e.legal_status')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.placement_type = 'P1' and e.legal_status = 'V2'
{%- endmacro %}

{#- 385: an episode ends after the end of the collection year. -#}
{% macro validation_rule_385() -%}
    select {{ validation_episode_row('e', [('DEC', 'e.episode_end_date')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.episode_end_date > e.collection_end_date
{%- endmacro %}

{#- 386: ceased as adopted (E11, E12) on or after the 18th birthday. -#}
{% macro validation_rule_386() -%}
    select {{ validation_episode_row('e', [('REC', 'e.reason_episode_ceased'), ('DEC', 'e.episode_end_date'), ('DOB', 'e.date_of_birth')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.reason_episode_ceased in ('E11', 'E12')
        and {{ age_in_years('e.date_of_birth', 'e.episode_end_date') }} >= 18
{%- endmacro %}

{#- 388: REC X1 (new episode begins) must be followed by an episode starting on DEC, and an episode
    followed on its DEC by another must have REC X1. -#}
{% macro validation_rule_388() -%}
    select {{ validation_episode_row('e', [('DEC', 'e.episode_end_date'), ('REC', 'e.reason_episode_ceased'), ('DECOM_NEXT', 'e.next_start_date')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.episode_end_date is not null
        and (
            (e.reason_episode_ceased = 'X1' and e.next_start_date is null)
            or (e.reason_episode_ceased = 'X1' and e.episode_end_date <> e.next_start_date)
            or (e.reason_episode_ceased <> 'X1' and e.episode_end_date = e.next_start_date)
        )
{%- endmacro %}

{#- 389: ceased on transfer to adult social care (E7) before the 16th birthday. -#}
{% macro validation_rule_389() -%}
    select {{ validation_episode_row('e', [('REC', 'e.reason_episode_ceased'), ('DEC', 'e.episode_end_date'), ('DOB', 'e.date_of_birth')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.reason_episode_ceased = 'E7'
        and {{ age_in_years('e.date_of_birth', 'e.episode_end_date') }} < 16
{%- endmacro %}

{#- 433: a continuation episode (RNE P, L, T, U, B) that does not start on the day the previous
    episode in the return ended. -#}
{% macro validation_rule_433() -%}
    select {{ validation_episode_row('e', [('RNE', 'e.reason_for_new_episode'), ('DEC_PREVIOUS', 'e.previous_end_date')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.episode_number > 1
        and e.reason_for_new_episode in ('P', 'L', 'T', 'U', 'B')
        and (e.previous_end_date is null or e.previous_end_date <> e.episode_start_date)
{%- endmacro %}

{#- 437: ceased because the child died (E2) or was assessed as aged 18 or over (E15), yet a later episode
    follows in the return. -#}
{% macro validation_rule_437() -%}
    select {{ validation_episode_row('e', [('REC', 'e.reason_episode_ceased'), ('DECOM_NEXT', 'e.next_start_date')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.reason_episode_ceased in ('E2', 'E15') and e.next_start_date is not null
{%- endmacro %}

{#- 445: legal status D1 (freeing order) on an episode starting after December 2005. -#}
{% macro validation_rule_445() -%}
    select {{ validation_episode_row('e', [('LS', 'e.legal_status')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.legal_status = 'D1' and e.episode_start_date > {{ date_from_parts(2005, 12, 31) }}
{%- endmacro %}

{#- 446: legal status E1 (placement order) on an episode starting before December 2005. -#}
{% macro validation_rule_446() -%}
    select {{ validation_episode_row('e', [('LS', 'e.legal_status')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.legal_status = 'E1' and e.episode_start_date < {{ date_from_parts(2005, 12, 1) }}
{%- endmacro %}

{#- 501: an episode starts before the previous episode in the return ended (overlap). -#}
{% macro validation_rule_501() -%}
    select {{ validation_episode_row('e', [('DEC_PREVIOUS', 'e.previous_end_date')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.episode_start_date < e.previous_end_date
{%- endmacro %}

{#- Minimum age for a placement type at the start of the episode (rules 370-374): both may be SQL
    depending on the return's year. DfE's validator also skips open episodes; this does not (the
    rule text does not exempt them). -#}
{% macro validation_placement_minimum_age(placement_type_sql, minimum_age_sql) -%}
    select {{ validation_episode_row('e', [('PLACE', 'e.placement_type'), ('DOB', 'e.date_of_birth')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.placement_type = {{ placement_type_sql }}
        and {{ age_in_years('e.date_of_birth', 'e.episode_start_date') }} < {{ minimum_age_sql }}
{%- endmacro %}

{#- 370: independent living (P2) from age 15, from 16 in 2023-24; P2 retires in 2024-25. -#}
{% macro validation_rule_370() -%}
    {{ validation_placement_minimum_age("'P2'", "case when e.collection_year >= 2024 then 16 else 15 end") }}
{%- endmacro %}

{#- 371: semi-independent living (H5) from age 14, from 16 in 2023-24; supported accommodation (K3,
    which replaces H5) from 16 from 2024-25. -#}
{% macro validation_rule_371() -%}
    {{ validation_placement_minimum_age(
        "case when e.collection_year >= 2025 then 'K3' else 'H5' end",
        "case when e.collection_year >= 2024 then 16 else 14 end"
    ) }}
{%- endmacro %}

{#- 372: youth custody or prison (R5) from age 10. -#}
{% macro validation_rule_372() -%}
    {{ validation_placement_minimum_age("'R5'", 10) }}
{%- endmacro %}

{#- 373: placed in a school (S1) from age 4. -#}
{% macro validation_rule_373() -%}
    {{ validation_placement_minimum_age("'S1'", 4) }}
{%- endmacro %}

{#- 374: residential employment (P3) from age 14. -#}
{% macro validation_rule_374() -%}
    {{ validation_placement_minimum_age("'P3'", 14) }}
{%- endmacro %}
