with

child_years as (
    select * from {{ ref('int_child_years_classified') }}
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
        is_looked_after_31mar,
        started_in_year,
        ceased_in_year,
        n_placements_in_year,
        has_3plus_placements_in_year,
        current_period_of_care_start_date,
        current_placement_start_date,
        current_placement_type,
        previous_placement_start_date,
        is_placed_for_adoption_31mar,
        longterm_period_start_cutoff_date,
        longterm_placement_start_cutoff_date,
        in_longterm_stability_cohort,
        is_stable_by_current_placement,
        is_stable_by_adoption_rule,
        is_longterm_stable,
        sex_code,
        sex,
        ethnicity_code,
        ethnic_group,
        age_band,
        has_uasc_record,
        uasc_ceased_date,
        is_uasc_31mar,
        uasc_status,
        legal_status_31mar,
        legal_status_group,
        category_of_need_31mar,
        category_of_need_group,
        placement_type_31mar,
        placement_type_group,
        placement_provider_31mar,
        placement_provider_group,
        last_reason_episode_ceased,
        reason_ceased_group,
        two_year_start_date,
        is_previous_return_loaded,
        is_looked_after_previous_31mar,
        n_placements_2yrs,
        has_3plus_placements_2yrs,
        in_two_year_stability_cohort
    from child_years
)

select * from final
