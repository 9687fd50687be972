with

source as (
    select * from {{ source('ssda903', 'sw_episodes') }}
),

renamed as (
    select
        child as child_id,
        dob as date_of_birth,
        sw_id as social_worker_id,
        sw_decom as social_worker_episode_start_date,
        sw_dec as social_worker_episode_end_date,
        sw_reason as social_worker_change_reason_code,

        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
