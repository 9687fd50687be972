with

source as (
    select * from {{ source('ssda903', 'header') }}
),

renamed as (
    select
        -- ids
        child as child_id,
        upn,

        -- characteristics
        sex as sex_code,
        dob as date_of_birth,
        ethnic as ethnicity_code,
        mother as is_mother,
        mc_dob as child_of_child_date_of_birth,

        -- provenance
        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
