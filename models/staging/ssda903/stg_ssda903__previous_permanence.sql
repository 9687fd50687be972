with

source as (
    select * from {{ source('ssda903', 'prev_perm') }}
),

renamed as (
    select
        child as child_id,
        dob as date_of_birth,
        prev_perm as previous_permanence_code,
        la_perm as previous_permanence_la_code,
        -- a partial date: day and month may be ZZ when unknown (e.g. ZZ/06/2019)
        date_perm as previous_permanence_date_text,

        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
