with

source as (
    select * from {{ source('ssda903', 'dolo') }}
),

renamed as (
    select
        child as child_id,
        dob as date_of_birth,
        dolo_start as dolo_start_date,
        dolo_end as dolo_end_date,

        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
