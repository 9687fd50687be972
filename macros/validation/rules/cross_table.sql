{#- DfE SSDA903 integrity rules between the tables of one return (INT01-INT21): every child of a
    child-level table is in the header, with the header's date of birth and sex. -#}

{#- Rows of `model` (staging, table `table_name`) whose child is not in the header of the return. -#}
{% macro validation_child_not_in_header(model, table_name) -%}
    select {{ validation_row('t', table_name, [('CHILD', 't.child_id')]) }}
    from {{ ref(model) }} as t
    where not exists (
        select 1 from {{ ref('stg_ssda903__headers') }} as h
        where {{ validation_same_return('t', 'h') }}
    )
{%- endmacro %}

{#- Rows of `model` whose DOB differs from the header's for the same child in the return. -#}
{% macro validation_dob_differs_from_header(model, table_name) -%}
    select {{ validation_row('t', table_name, [('DOB', 't.date_of_birth'), ('DOB_HEADER', 'h.date_of_birth')]) }}
    from {{ ref(model) }} as t
    inner join {{ ref('stg_ssda903__headers') }} as h
        on {{ validation_same_return('t', 'h') }}
    where t.date_of_birth <> h.date_of_birth
{%- endmacro %}

{% macro validation_rule_int01() -%}{{ validation_child_not_in_header('stg_ssda903__adoptions', 'ad1') }}{%- endmacro %}
{% macro validation_rule_int02() -%}{{ validation_child_not_in_header('stg_ssda903__placed_for_adoption', 'placed_adoption') }}{%- endmacro %}
{% macro validation_rule_int03() -%}{{ validation_child_not_in_header('stg_ssda903__episodes', 'episodes') }}{%- endmacro %}
{% macro validation_rule_int04() -%}{{ validation_child_not_in_header('stg_ssda903__missing_episodes', 'missing') }}{%- endmacro %}
{% macro validation_rule_int05() -%}{{ validation_child_not_in_header('stg_ssda903__oc2_outcomes', 'oc2') }}{%- endmacro %}
{% macro validation_rule_int06() -%}{{ validation_child_not_in_header('stg_ssda903__oc3_outcomes', 'oc3') }}{%- endmacro %}
{% macro validation_rule_int07() -%}{{ validation_child_not_in_header('stg_ssda903__previous_permanence', 'prev_perm') }}{%- endmacro %}
{% macro validation_rule_int08() -%}{{ validation_child_not_in_header('stg_ssda903__reviews', 'reviews') }}{%- endmacro %}
{% macro validation_rule_int09() -%}{{ validation_child_not_in_header('stg_ssda903__uasc_records', 'uasc') }}{%- endmacro %}

{% macro validation_rule_int11() -%}{{ validation_dob_differs_from_header('stg_ssda903__adoptions', 'ad1') }}{%- endmacro %}
{% macro validation_rule_int12() -%}{{ validation_dob_differs_from_header('stg_ssda903__placed_for_adoption', 'placed_adoption') }}{%- endmacro %}
{% macro validation_rule_int13() -%}{{ validation_dob_differs_from_header('stg_ssda903__missing_episodes', 'missing') }}{%- endmacro %}
{% macro validation_rule_int14() -%}{{ validation_dob_differs_from_header('stg_ssda903__oc2_outcomes', 'oc2') }}{%- endmacro %}
{% macro validation_rule_int15() -%}{{ validation_dob_differs_from_header('stg_ssda903__oc3_outcomes', 'oc3') }}{%- endmacro %}
{% macro validation_rule_int16() -%}{{ validation_dob_differs_from_header('stg_ssda903__previous_permanence', 'prev_perm') }}{%- endmacro %}
{% macro validation_rule_int17() -%}{{ validation_dob_differs_from_header('stg_ssda903__reviews', 'reviews') }}{%- endmacro %}
{% macro validation_rule_int18() -%}{{ validation_dob_differs_from_header('stg_ssda903__uasc_records', 'uasc') }}{%- endmacro %}

{#- INT21: the UASC table's SEX differs from the header's. -#}
{% macro validation_rule_int21() -%}
    select {{ validation_row('t', 'uasc', [('SEX', 't.sex_code'), ('SEX_HEADER', 'h.sex_code')]) }}
    from {{ ref('stg_ssda903__uasc_records') }} as t
    inner join {{ ref('stg_ssda903__headers') }} as h
        on {{ validation_same_return('t', 'h') }}
    where t.sex_code <> h.sex_code
{%- endmacro %}
