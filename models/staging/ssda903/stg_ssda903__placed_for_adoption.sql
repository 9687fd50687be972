with

source as (
    select * from {{ source('ssda903', 'placed_adoption') }}
),

renamed as (
    select
        child as child_id,
        dob as date_of_birth,
        date_placed as decision_date,
        date_placed_ceased as decision_ceased_date,
        reason_placed_ceased as decision_ceased_reason_code,

        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
