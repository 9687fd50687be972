{#- The conditions of the OC2 and OC3 tables that indicator-conventions.md says to report (section
    "Outcomes from the whole SSDA903 return"; project additions "OC2, OC3 and social workers"), in
    the shape of fct_data_quality_warnings:
    - oc2_row_outside_cla12m_cohort: an OC2 row of year N for a child who is not in year N's CLA 12
      months cohort (ignored by every indicator);
    - cla12m_child_without_oc2_row: a cohort child of a year whose return has the OC2 table but no
      row for the child (in every OC2 denominator, in no numerator);
    - care_leaver_without_date_of_birth: an OC3 row with no usable DOB in the header or the row
      itself (in no age group, so in no care-leaver indicator). -#}

with

oc2_rows as (
    select * from {{ ref('stg_ssda903__oc2_outcomes') }}
),

cla12m as (
    select * from {{ ref('int_child_years_cla12m') }}
),

care_leavers as (
    select * from {{ ref('int_care_leavers_classified') }}
),

oc2_rows_outside_cohort as (
    select distinct
        oc2_rows.la_code,
        oc2_rows.collection_year,
        oc2_rows.child_id,
        'oc2_row_outside_cla12m_cohort' as warning
    from oc2_rows
    left join cla12m
        on oc2_rows.la_code = cla12m.la_code
        and oc2_rows.collection_year = cla12m.collection_year
        and oc2_rows.child_id = cla12m.child_id
    where cla12m.child_id is null
),

cohort_children_without_oc2_row as (
    select
        la_code,
        collection_year,
        child_id,
        'cla12m_child_without_oc2_row' as warning
    from cla12m
    where has_oc2_table and not has_oc2_row
),

care_leavers_without_dob as (
    select
        la_code,
        collection_year,
        child_id,
        'care_leaver_without_date_of_birth' as warning
    from care_leavers
    where date_of_birth is null
),

final as (
    select la_code, collection_year, child_id, warning from oc2_rows_outside_cohort
    union all
    select la_code, collection_year, child_id, warning from cohort_children_without_oc2_row
    union all
    select la_code, collection_year, child_id, warning from care_leavers_without_dob
)

select * from final
