with

resolved as (
    select * from {{ ref('int_episode_rows_resolved') }}
),

final as (
    select
        -- ids
        la_code,
        child_id,

        -- dates (after stitching)
        episode_start_date,
        episode_end_date,

        -- codes
        reason_for_new_episode,
        legal_status,
        category_of_need,
        placement_type,
        placement_provider,
        reason_episode_ceased,
        reason_for_placement_change,
        home_postcode,
        placement_postcode,
        placement_urn,
        is_short_break,
        is_temporary_placement,

        -- provenance
        episode_source,
        stitch_step,
        is_open_with_later_episode_in_same_return,
        is_next_episode_in_same_return,
        original_episode_end_date,
        original_reason_episode_ceased,
        collection_year,
        first_collection_year,
        n_returns_with_episode,
        load_id,
        source_file,
        source_row
    from resolved
    where row_status = 'kept'
)

select * from final
