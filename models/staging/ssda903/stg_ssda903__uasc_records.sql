with

source as (
    select * from {{ source('ssda903', 'uasc') }}
),

renamed as (
    select
        child as child_id,
        sex as sex_code,
        dob as date_of_birth,
        duc as uasc_ceased_date,

        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
