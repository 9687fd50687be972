{#- DfE SSDA903 validation rules on the OC3 table (care leavers): who may have care-leaver
    information and how its items fit together. -#}

{% macro validation_oc3_row(extra) -%}
    {{ validation_row('o', 'oc3', extra + [('DOB', 'o.date_of_birth')]) }}
{%- endmacro %}

{#- 391: care-leaver information for a young person not yet 17 at the end of the year. -#}
{% macro validation_rule_391() -%}
    select {{ validation_oc3_row([('IN_TOUCH', 'o.in_touch_code')]) }}
    from {{ ref('stg_ssda903__oc3_outcomes') }} as o
    where {{ dbt.dateadd('year', 17, 'o.date_of_birth') }} > {{ collection_end_date('o.collection_year') }}
{%- endmacro %}

{#- 1011: care-leaver information for a child whose last episode in the return ended with the care
    transferred to another LA (E3). -#}
{% macro validation_rule_1011() -%}
    select {{ validation_oc3_row([('IN_TOUCH', 'o.in_touch_code'), ('REC', 'c.last_reason_episode_ceased')]) }}
    from {{ ref('stg_ssda903__oc3_outcomes') }} as o
    inner join {{ ref('int_validation__child_returns') }} as c
        on {{ validation_same_return('o', 'c') }}
    where c.last_reason_episode_ceased = 'E3'
{%- endmacro %}

{#- 344: the young person died or returned home for 6 months or more (DIED, RHOM), yet activity or
    accommodation is not 0. -#}
{% macro validation_rule_344() -%}
    select {{ validation_oc3_row([('IN_TOUCH', 'o.in_touch_code'), ('ACTIV', 'o.activity_code'), ('ACCOM', 'o.accommodation_code')]) }}
    from {{ ref('stg_ssda903__oc3_outcomes') }} as o
    where o.in_touch_code in ('DIED', 'RHOM')
        and (coalesce(o.activity_code, '') <> '0' or coalesce(o.accommodation_code, '') <> '0')
{%- endmacro %}

{#- 345: in touch (YES) but activity or accommodation is 0. -#}
{% macro validation_rule_345() -%}
    select {{ validation_oc3_row([('IN_TOUCH', 'o.in_touch_code'), ('ACTIV', 'o.activity_code'), ('ACCOM', 'o.accommodation_code')]) }}
    from {{ ref('stg_ssda903__oc3_outcomes') }} as o
    where o.in_touch_code = 'YES' and (o.activity_code = '0' or o.accommodation_code = '0')
{%- endmacro %}
