with

source as (
    select * from {{ source('ssda903', 'reviews') }}
),

renamed as (
    select
        child as child_id,
        dob as date_of_birth,
        review as review_date,
        review_code as review_participation_code,

        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
