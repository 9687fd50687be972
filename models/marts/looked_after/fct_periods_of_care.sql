with

periods as (
    select * from {{ ref('int_periods_of_care_collapsed') }}
),

final as (
    select
        la_code,
        child_id,
        period_of_care_number,
        period_of_care_start_date,
        period_of_care_end_date,
        first_reason_for_new_episode,
        last_reason_episode_ceased,
        is_ceased,
        n_episodes,
        n_placements,
        has_stitched_episode,
        first_collection_year,
        last_collection_year
    from periods
)

select * from final
