{#- DfE SSDA903 validation rules on adoption: the AD1 table (children adopted), the PlacedAdoption
    table (decisions that a child should be placed for adoption) and the episodes around them. -#}

{% macro validation_ad1_row(extra) -%}
    {{ validation_row('a', 'ad1', extra) }}
{%- endmacro %}

{% macro validation_placed_adoption_row(extra) -%}
    {{ validation_row('p', 'placed_adoption', [('DATE_PLACED', 'p.decision_date')] + extra) }}
{%- endmacro %}

{#- 331: matched with adopters after the start of the placement that ended in adoption (the episode
    ceasing E11 or E12). -#}
{% macro validation_rule_331() -%}
    select {{ validation_ad1_row([('DATE_MATCH', 'a.matched_date'), ('DECOM', 'e.episode_start_date')]) }}
    from {{ ref('stg_ssda903__adoptions') }} as a
    inner join {{ ref('int_validation__episodes') }} as e
        on {{ validation_same_return('a', 'e') }}
    where e.reason_episode_ceased in ('E11', 'E12') and a.matched_date > e.episode_start_date
{%- endmacro %}

{#- 333: the date of the decision that the child should be placed for adoption is blank or after the
    date matched. -#}
{% macro validation_rule_333() -%}
    select {{ validation_ad1_row([('DATE_INT', 'a.should_be_placed_decision_date'), ('DATE_MATCH', 'a.matched_date')]) }}
    from {{ ref('stg_ssda903__adoptions') }} as a
    where a.matched_date is not null
        and (a.should_be_placed_decision_date is null or a.should_be_placed_decision_date > a.matched_date)
{%- endmacro %}

{#- 334: the decision that the child should be placed for adoption is before the start of the
    child's latest period of care in the return (the latest RNE S episode). -#}
{% macro validation_rule_334() -%}
    with latest_starts as (
        select la_code, collection_year, child_id, max(episode_start_date) as period_start_date
        from {{ ref('int_validation__episodes') }}
        where reason_for_new_episode = 'S'
        group by la_code, collection_year, child_id
    )

    select {{ validation_ad1_row([('DATE_INT', 'a.should_be_placed_decision_date'), ('DECOM', 's.period_start_date')]) }}
    from {{ ref('stg_ssda903__adoptions') }} as a
    inner join latest_starts as s
        on {{ validation_same_return('a', 's') }}
    where a.should_be_placed_decision_date < s.period_start_date
{%- endmacro %}

{#- 511: two adopters recorded with a single adopter's sex code (M1, F1). -#}
{% macro validation_rule_511() -%}
    select {{ validation_ad1_row([('NB_ADOPTR', 'a.number_of_adopters_code'), ('SEX_ADOPTR', 'a.sex_of_adopters_code')]) }}
    from {{ ref('stg_ssda903__adoptions') }} as a
    where a.number_of_adopters_code = '2' and a.sex_of_adopters_code in ('M1', 'F1')
{%- endmacro %}

{#- 517: adopters' legal status L3 (different-sex married couple) needs sex code MF. -#}
{% macro validation_rule_517() -%}
    select {{ validation_ad1_row([('LS_ADOPTR', 'a.legal_status_of_adopters_code'), ('SEX_ADOPTR', 'a.sex_of_adopters_code')]) }}
    from {{ ref('stg_ssda903__adoptions') }} as a
    where a.legal_status_of_adopters_code = 'L3' and coalesce(a.sex_of_adopters_code, '') <> 'MF'
{%- endmacro %}

{#- 518: adopters' legal status L4 (same-sex married couple) needs sex code MM or FF. -#}
{% macro validation_rule_518() -%}
    select {{ validation_ad1_row([('LS_ADOPTR', 'a.legal_status_of_adopters_code'), ('SEX_ADOPTR', 'a.sex_of_adopters_code')]) }}
    from {{ ref('stg_ssda903__adoptions') }} as a
    where a.legal_status_of_adopters_code = 'L4' and coalesce(a.sex_of_adopters_code, '') not in ('MM', 'FF')
{%- endmacro %}

{#- 184: the decision that the child should be placed for adoption is before the child's birth
    (date of birth from the header). -#}
{% macro validation_rule_184() -%}
    select {{ validation_placed_adoption_row([('DOB_HEADER', 'h.date_of_birth')]) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as p
    inner join {{ ref('stg_ssda903__headers') }} as h
        on {{ validation_same_return('p', 'h') }}
    where p.decision_date < h.date_of_birth
{%- endmacro %}

{#- 119: the date and the reason the decision ceased must both be filled or both blank. -#}
{% macro validation_rule_119() -%}
    select {{ validation_placed_adoption_row([('DATE_PLACED_CEASED', 'p.decision_ceased_date'), ('REASON_PLACED_CEASED', 'p.decision_ceased_reason_code')]) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as p
    where (p.decision_ceased_date is null) <> (p.decision_ceased_reason_code is null)
{%- endmacro %}

{#- 522: the decision ceased before it was made. -#}
{% macro validation_rule_522() -%}
    select {{ validation_placed_adoption_row([('DATE_PLACED_CEASED', 'p.decision_ceased_date')]) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as p
    where p.decision_ceased_date < p.decision_date
{%- endmacro %}

{#- 552: the child's first placement for adoption (A3-A6) in the return starts before the child's
    latest decision that they should be placed for adoption. -#}
{% macro validation_rule_552() -%}
    with first_adoption_placements as (
        select la_code, collection_year, child_id, min(episode_start_date) as placed_date
        from {{ ref('int_validation__episodes') }}
        where placement_type in ({{ quoted_list(var('placed_for_adoption_placements')) }})
        group by la_code, collection_year, child_id
    ),

    latest_decisions as (
        select
            p.*,
            row_number() over (
                partition by p.la_code, p.collection_year, p.child_id order by p.decision_date desc
            ) as latest_first
        from {{ ref('stg_ssda903__placed_for_adoption') }} as p
    )

    select {{ validation_placed_adoption_row([('DECOM', 'f.placed_date')]) }}
    from latest_decisions as p
    inner join first_adoption_placements as f
        on {{ validation_same_return('p', 'f') }}
    where p.latest_first = 1 and f.placed_date < p.decision_date
{%- endmacro %}

{#- 390: ceased as adopted (E11, E12) from a placement that is not a placement for adoption. -#}
{% macro validation_rule_390() -%}
    select {{ validation_episode_row('e', [('REC', 'e.reason_episode_ceased'), ('PLACE', 'e.placement_type')]) }}
    from {{ ref('int_validation__episodes') }} as e
    where e.reason_episode_ceased in ('E11', 'E12')
        and e.placement_type not in ({{ quoted_list(var('placed_for_adoption_placements')) }})
{%- endmacro %}
