with

resolved as (
    select * from {{ ref('int_episode_rows_resolved') }}
),

final as (
    select
        -- ids: the raw row
        la_code,
        collection_year,
        child_id,
        episode_start_date,
        load_id,
        source_file,
        source_row,

        -- its fate
        row_status,
        superseded_reason,
        superseded_by_collection_year,
        episode_source,
        stitch_step,
        original_episode_end_date,
        original_reason_episode_ceased,
        episode_end_date
    from resolved
)

select * from final
