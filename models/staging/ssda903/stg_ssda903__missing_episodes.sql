with

source as (
    select * from {{ source('ssda903', 'missing') }}
),

renamed as (
    select
        child as child_id,
        dob as date_of_birth,
        missing as missing_type_code,
        mis_start as missing_start_date,
        mis_end as missing_end_date,

        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
