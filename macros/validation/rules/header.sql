{#- DfE SSDA903 validation rules on the header (the child's characteristics), the UASC table and the
    reviews: dates of birth, motherhood, UPN, UASC status and review participation by age. -#}

{% macro validation_header_row(extra) -%}
    {{ validation_row('h', 'header', extra) }}
{%- endmacro %}

{#- The SEX code for male and for female in the return's year: 1/2 to 2023-24, M/F from 2024-25. -#}
{% macro validation_sex_code(sex, collection_year) -%}
    case when {{ collection_year }} >= 2025 then '{{ 'M' if sex == 'male' else 'F' }}' else '{{ '1' if sex == 'male' else '2' }}' end
{%- endmacro %}

{#- 301: born after the end of the collection year. -#}
{% macro validation_rule_301() -%}
    select {{ validation_header_row([('DOB', 'h.date_of_birth')]) }}
    from {{ ref('stg_ssda903__headers') }} as h
    where h.date_of_birth > {{ collection_end_date('h.collection_year') }}
{%- endmacro %}

{#- 351: over 25 at the start of the collection year. -#}
{% macro validation_rule_351() -%}
    select {{ validation_header_row([('DOB', 'h.date_of_birth')]) }}
    from {{ ref('stg_ssda903__headers') }} as h
    where {{ dbt.dateadd('year', 25, 'h.date_of_birth') }} < {{ collection_start_date('h.collection_year') }}
{%- endmacro %}

{#- 168: UPN is neither a valid UPN (a letter other than I, O, S, then 12 digits, or 11 digits and a
    letter) nor UN1-UN5. -#}
{% macro validation_rule_168() -%}
    select {{ validation_header_row([('UPN', 'h.upn')]) }}
    from {{ ref('stg_ssda903__headers') }} as h
    where not regexp_matches(h.upn, '^([A-HJ-NP-RT-Z]([0-9]{12}|[0-9]{11}[A-Z])|UN[1-5])$')
{%- endmacro %}

{#- 174: the date of birth of a child's own child is recorded for a male child (SEX 1, M from 2024-25). -#}
{% macro validation_rule_174() -%}
    select {{ validation_header_row([('SEX', 'h.sex_code'), ('MC_DOB', 'h.child_of_child_date_of_birth')]) }}
    from {{ ref('stg_ssda903__headers') }} as h
    where h.child_of_child_date_of_birth is not null
        and h.sex_code = {{ validation_sex_code('male', 'h.collection_year') }}
{%- endmacro %}

{#- 611: the child is a mother but the date of birth of her child is blank. -#}
{% macro validation_rule_611() -%}
    select {{ validation_header_row([('MOTHER', 'h.is_mother'), ('MC_DOB', 'h.child_of_child_date_of_birth')]) }}
    from {{ ref('stg_ssda903__headers') }} as h
    where h.is_mother and h.child_of_child_date_of_birth is null
{%- endmacro %}

{#- 612: a female child (SEX 2, F from 2024-25) with her child's date of birth but MOTHER 0 or blank. -#}
{% macro validation_rule_612() -%}
    select {{ validation_header_row([('MOTHER', 'h.is_mother'), ('SEX', 'h.sex_code'), ('MC_DOB', 'h.child_of_child_date_of_birth')]) }}
    from {{ ref('stg_ssda903__headers') }} as h
    where not coalesce(h.is_mother, false)
        and h.sex_code = {{ validation_sex_code('female', 'h.collection_year') }}
        and h.child_of_child_date_of_birth is not null
{%- endmacro %}

{#- 620: a mother under 11 at the start of the collection year. -#}
{% macro validation_rule_620() -%}
    select {{ validation_header_row([('MOTHER', 'h.is_mother'), ('DOB', 'h.date_of_birth')]) }}
    from {{ ref('stg_ssda903__headers') }} as h
    where h.is_mother
        and {{ dbt.dateadd('year', 11, 'h.date_of_birth') }} > {{ collection_start_date('h.collection_year') }}
{%- endmacro %}

{#- 621: the mother is not older than her child. -#}
{% macro validation_rule_621() -%}
    select {{ validation_header_row([('MC_DOB', 'h.child_of_child_date_of_birth'), ('DOB', 'h.date_of_birth')]) }}
    from {{ ref('stg_ssda903__headers') }} as h
    where h.child_of_child_date_of_birth <= h.date_of_birth
{%- endmacro %}

{#- 304: UASC status ceased after the child's 18th birthday. -#}
{% macro validation_rule_304() -%}
    select {{ validation_row('u', 'uasc', [('DUC', 'u.uasc_ceased_date'), ('DOB', 'u.date_of_birth')]) }}
    from {{ ref('stg_ssda903__uasc_records') }} as u
    where u.uasc_ceased_date > {{ dbt.dateadd('year', 18, 'u.date_of_birth') }}
{%- endmacro %}

{#- 440: participation code PN0 (child under 4) for a child aged 4 or over at the review. -#}
{% macro validation_rule_440() -%}
    select {{ validation_row('r', 'reviews', [('REVIEW', 'r.review_date'), ('REVIEW_CODE', 'r.review_participation_code'), ('DOB', 'r.date_of_birth')]) }}
    from {{ ref('stg_ssda903__reviews') }} as r
    where r.review_participation_code = 'PN0'
        and {{ age_in_years('r.date_of_birth', 'r.review_date') }} >= 4
{%- endmacro %}

{#- 441: a participation code for children aged 4 or over (PN1-PN7) for a child under 4 at the review. -#}
{% macro validation_rule_441() -%}
    select {{ validation_row('r', 'reviews', [('REVIEW', 'r.review_date'), ('REVIEW_CODE', 'r.review_participation_code'), ('DOB', 'r.date_of_birth')]) }}
    from {{ ref('stg_ssda903__reviews') }} as r
    where r.review_participation_code in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
        and {{ age_in_years('r.date_of_birth', 'r.review_date') }} < 4
{%- endmacro %}
