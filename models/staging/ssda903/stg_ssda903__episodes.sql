with

source as (
    select * from {{ source('ssda903', 'episodes') }}
),

renamed as (
    select
        -- ids
        child as child_id,

        -- dates
        decom as episode_start_date,
        dec as episode_end_date,

        -- codes
        rne as reason_for_new_episode,
        ls as legal_status,
        cin as category_of_need,
        place as placement_type,
        place_provider as placement_provider,
        rec as reason_episode_ceased,
        reason_place_change as reason_for_placement_change,

        -- placement
        home_post as home_postcode,
        pl_post as placement_postcode,
        urn as placement_urn,

        -- flags (indicator-conventions.md: short breaks and temporary placements)
        case
            when ls in ({{ quoted_list(var('short_break_legal_statuses')) }}) then true
            else false
        end as is_short_break,
        case
            when place in ({{ quoted_list(var('temporary_placements')) }}) then true
            else false
        end as is_temporary_placement,

        -- provenance
        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
