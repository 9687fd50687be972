with

care_leavers as (
    select * from {{ ref('int_care_leavers_classified') }}
),

final as (
    select
        la_code,
        collection_year,
        child_id,
        date_of_birth,
        date_of_birth_source,
        age_at_31mar,
        age_group,
        exclusion_reason,
        is_in_cohort,
        in_touch_code,
        is_in_touch,
        activity_code,
        activity_group,
        is_eet,
        accommodation_code,
        accommodation_group,
        has_loaded_episode,
        had_short_breaks_only,
        last_reason_episode_ceased,
        ceased_in_foster_care_on_18th_birthday,
        is_with_former_foster_carers,
        source_file,
        source_row
    from care_leavers
)

select * from final
