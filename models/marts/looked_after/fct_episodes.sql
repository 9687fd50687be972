with

stitched as (
    select * from {{ ref('int_episodes_stitched') }}
),

sequenced as (
    select * from {{ ref('int_episodes_sequenced') }}
),

final as (
    select
        -- ids
        stitched.la_code,
        stitched.child_id,
        stitched.episode_start_date,

        -- episode after stitching
        stitched.episode_end_date,
        stitched.reason_for_new_episode,
        stitched.legal_status,
        stitched.category_of_need,
        stitched.placement_type,
        stitched.placement_provider,
        stitched.reason_episode_ceased,
        stitched.reason_for_placement_change,
        stitched.home_postcode,
        stitched.placement_postcode,
        stitched.placement_urn,
        stitched.is_short_break,
        stitched.is_temporary_placement,

        -- derived history (null for short breaks, which are removed before derivation)
        sequenced.period_of_care_number,
        sequenced.starts_period_of_care,
        sequenced.placement_number,
        sequenced.starts_placement,

        -- provenance
        stitched.episode_source,
        stitched.stitch_step,
        stitched.is_open_with_later_episode_in_same_return,
        stitched.is_next_episode_in_same_return,
        stitched.original_episode_end_date,
        stitched.original_reason_episode_ceased,
        stitched.collection_year,
        stitched.first_collection_year,
        stitched.n_returns_with_episode,
        stitched.load_id,
        stitched.source_file,
        stitched.source_row
    from stitched
    left join sequenced
        on stitched.la_code = sequenced.la_code
        and stitched.child_id = sequenced.child_id
        and stitched.episode_start_date = sequenced.episode_start_date
)

select * from final
