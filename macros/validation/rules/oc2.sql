{#- DfE SSDA903 validation rules on the OC2 table (children looked after continuously for 12 months
    at 31 March): cohort eligibility, the SDQ score and reason, health and substance-misuse items.
    The cohort is DfE's validation definition (int_validation__child_returns). -#}

{#- OC2 rows with the child's cohort flag (false when the return has no episodes for the child) and
    the child's birthdays that the rules test, as dates. -#}
{% macro validation_oc2_rows() -%}
    (
        select
            o.*,
            coalesce(c.is_continuously_looked_after, false) as is_continuously_looked_after,
            {{ collection_start_date('o.collection_year') }} as collection_start_date,
            {{ collection_end_date('o.collection_year') }} as collection_end_date,
            {{ dbt.dateadd('year', 4, 'o.date_of_birth') }} as birthday_4,
            {{ dbt.dateadd('year', 5, 'o.date_of_birth') }} as birthday_5,
            {{ dbt.dateadd('year', 10, 'o.date_of_birth') }} as birthday_10,
            {{ dbt.dateadd('year', 16, 'o.date_of_birth') }} as birthday_16,
            {{ dbt.dateadd('year', 17, 'o.date_of_birth') }} as birthday_17
        from {{ ref('stg_ssda903__oc2_outcomes') }} as o
        left join {{ ref('int_validation__child_returns') }} as c
            on {{ validation_same_return('o', 'c') }}
    )
{%- endmacro %}

{% macro validation_oc2_row(extra) -%}
    {{ validation_row('o', 'oc2', extra + [('DOB', 'o.date_of_birth')]) }}
{%- endmacro %}


{#- 157: SDQ1 (no score: under 4 or over 16) given for a child in the cohort aged 4 or over at the
    start of the year and not older than 16 at its end. -#}
{% macro validation_rule_157() -%}
    select {{ validation_oc2_row([('SDQ_REASON', 'o.sdq_reason_code')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.is_continuously_looked_after
        and o.birthday_4 <= o.collection_start_date
        and o.birthday_16 >= o.collection_end_date
        and o.sdq_score is null
        and o.sdq_reason_code = 'SDQ1'
{%- endmacro %}

{#- 185: an SDQ score for a child not in the cohort. -#}
{% macro validation_rule_185() -%}
    select {{ validation_oc2_row([('SDQ_SCORE', 'o.sdq_score')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.sdq_score is not null and not o.is_continuously_looked_after
{%- endmacro %}

{#- 186: no SDQ score and no reason for a child in the cohort aged 4 at the start of the year and
    under 17 at its end. -#}
{% macro validation_rule_186() -%}
    select {{ validation_oc2_row([('SDQ_SCORE', 'o.sdq_score'), ('SDQ_REASON', 'o.sdq_reason_code')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.is_continuously_looked_after
        and o.birthday_4 <= o.collection_start_date
        and o.birthday_17 > o.collection_end_date
        and o.sdq_score is null
        and o.sdq_reason_code is null
{%- endmacro %}

{#- 188: a score or a reason for a child under 4 at the end of the year. -#}
{% macro validation_rule_188() -%}
    select {{ validation_oc2_row([('SDQ_SCORE', 'o.sdq_score'), ('SDQ_REASON', 'o.sdq_reason_code')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.birthday_4 > o.collection_end_date
        and (o.sdq_score is not null or o.sdq_reason_code is not null)
{%- endmacro %}

{#- 189: a score or a reason for a child aged 17 or over at the start of the year. -#}
{% macro validation_rule_189() -%}
    select {{ validation_oc2_row([('SDQ_SCORE', 'o.sdq_score'), ('SDQ_REASON', 'o.sdq_reason_code')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.birthday_17 < o.collection_start_date
        and (o.sdq_score is not null or o.sdq_reason_code is not null)
{%- endmacro %}

{#- 197a: both a score and a reason for no score. -#}
{% macro validation_rule_197a() -%}
    select {{ validation_oc2_row([('SDQ_SCORE', 'o.sdq_score'), ('SDQ_REASON', 'o.sdq_reason_code')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.sdq_score is not null and o.sdq_reason_code is not null
{%- endmacro %}

{#- 197B: neither a score nor a reason for a child in the cohort turning 4 or 17 during the year. -#}
{% macro validation_rule_197b() -%}
    select {{ validation_oc2_row([('SDQ_SCORE', 'o.sdq_score'), ('SDQ_REASON', 'o.sdq_reason_code')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.is_continuously_looked_after
        and (
            o.birthday_4 between o.collection_start_date and o.collection_end_date
            or o.birthday_17 between o.collection_start_date and o.collection_end_date
        )
        and o.sdq_score is null
        and o.sdq_reason_code is null
{%- endmacro %}

{#- 198: a reason for no SDQ score for a child not in the cohort. -#}
{% macro validation_rule_198() -%}
    select {{ validation_oc2_row([('SDQ_REASON', 'o.sdq_reason_code')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.sdq_reason_code is not null and not o.is_continuously_looked_after
{%- endmacro %}

{#- 190: any OC2 health or offending item for a child not in the cohort. -#}
{% macro validation_rule_190() -%}
    {%- set oc2_items = [
        'is_convicted', 'had_development_assessment', 'are_immunisations_up_to_date', 'had_teeth_check',
        'had_health_assessment', 'had_substance_misuse_problem', 'received_substance_misuse_intervention',
        'offered_substance_misuse_intervention'
    ] -%}
    select {{ validation_oc2_row([('CONVICTED', 'o.is_convicted'), ('IMMUNISATIONS', 'o.are_immunisations_up_to_date')]) }}
    from {{ validation_oc2_rows() }} as o
    where not o.is_continuously_looked_after
        and (
            {%- for item in oc2_items %}
            o.{{ item }} is not null{{ ' or' if not loop.last }}
            {%- endfor %}
        )
{%- endmacro %}

{#- 192: a substance misuse problem without the item on whether an intervention was received. -#}
{% macro validation_rule_192() -%}
    select {{ validation_oc2_row([('SUBSTANCE_MISUSE', 'o.had_substance_misuse_problem'), ('INTERVENTION_RECEIVED', 'o.received_substance_misuse_intervention')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.had_substance_misuse_problem and o.received_substance_misuse_intervention is null
{%- endmacro %}

{#- 193: no substance misuse problem (0 or blank) but an intervention item completed. -#}
{% macro validation_rule_193() -%}
    select {{ validation_oc2_row([('SUBSTANCE_MISUSE', 'o.had_substance_misuse_problem'), ('INTERVENTION_RECEIVED', 'o.received_substance_misuse_intervention'), ('INTERVENTION_OFFERED', 'o.offered_substance_misuse_intervention')]) }}
    from {{ validation_oc2_rows() }} as o
    where not coalesce(o.had_substance_misuse_problem, false)
        and (
            o.received_substance_misuse_intervention is not null
            or o.offered_substance_misuse_intervention is not null
        )
{%- endmacro %}

{#- 158: an intervention received, and the item on whether one was offered completed too. -#}
{% macro validation_rule_158() -%}
    select {{ validation_oc2_row([('INTERVENTION_RECEIVED', 'o.received_substance_misuse_intervention'), ('INTERVENTION_OFFERED', 'o.offered_substance_misuse_intervention')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.received_substance_misuse_intervention
        and o.offered_substance_misuse_intervention is not null
{%- endmacro %}

{#- 159: a substance misuse problem, no intervention received, and no answer on whether one was offered. -#}
{% macro validation_rule_159() -%}
    select {{ validation_oc2_row([('SUBSTANCE_MISUSE', 'o.had_substance_misuse_problem'), ('INTERVENTION_RECEIVED', 'o.received_substance_misuse_intervention'), ('INTERVENTION_OFFERED', 'o.offered_substance_misuse_intervention')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.had_substance_misuse_problem
        and not o.received_substance_misuse_intervention
        and o.offered_substance_misuse_intervention is null
{%- endmacro %}

{#- 542: conviction information for a child under 10 at 31 March. -#}
{% macro validation_rule_542() -%}
    select {{ validation_oc2_row([('CONVICTED', 'o.is_convicted')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.birthday_10 > o.collection_end_date and o.is_convicted is not null
{%- endmacro %}

{#- 545: no health promotion (development assessment) item for a child in the cohort under 5 at
    31 March. -#}
{% macro validation_rule_545() -%}
    select {{ validation_oc2_row([('HEALTH_CHECK', 'o.had_development_assessment')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.birthday_5 > o.collection_end_date
        and o.is_continuously_looked_after
        and o.had_development_assessment is null
{%- endmacro %}

{#- 546: a health promotion item for a child in the cohort aged 5 or over at 31 March. -#}
{% macro validation_rule_546() -%}
    select {{ validation_oc2_row([('HEALTH_CHECK', 'o.had_development_assessment')]) }}
    from {{ validation_oc2_rows() }} as o
    where o.birthday_5 <= o.collection_end_date
        and o.is_continuously_looked_after
        and o.had_development_assessment is not null
{%- endmacro %}
