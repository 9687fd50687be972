with

placements as (
    select * from {{ ref('int_placements_collapsed') }}
),

final as (
    select
        la_code,
        child_id,
        placement_number,
        period_of_care_number,
        placement_start_date,
        placement_end_date,
        first_placement_type,
        first_reason_for_new_episode,
        n_episodes,
        n_temporary_episodes,
        has_stitched_episode,
        first_collection_year,
        last_collection_year
    from placements
)

select * from final
