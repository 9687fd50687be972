with

cla12m as (
    select * from {{ ref('int_child_years_cla12m') }}
),

final as (
    select
        la_code,
        collection_year,
        child_id,
        collection_start_date,
        collection_end_date,
        date_of_birth,
        has_usable_date_of_birth,
        age_at_31mar,
        is_aged_0_4,
        is_aged_5_16,
        is_aged_10_17,
        current_period_of_care_start_date,
        has_oc2_table,
        has_oc2_row,
        sdq_score,
        sdq_reason_code,
        has_sdq_score,
        sdq_band,
        had_health_assessment,
        had_teeth_check,
        are_immunisations_up_to_date,
        had_development_assessment,
        is_convicted,
        had_substance_misuse_problem,
        received_substance_misuse_intervention,
        offered_substance_misuse_intervention,
        refused_substance_misuse_intervention,
        oc2_source_file,
        oc2_source_row
    from cla12m
)

select * from final
