with

source as (
    select * from {{ source('ssda903', 'oc3') }}
),

renamed as (
    select
        child as child_id,
        dob as date_of_birth,
        in_touch as in_touch_code,
        activ as activity_code,
        accom as accommodation_code,

        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
