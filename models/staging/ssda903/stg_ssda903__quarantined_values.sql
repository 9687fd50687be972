with

source as (
    select * from {{ source('ssda903_audit', 'quarantine') }}
),

renamed as (
    select
        load_id,
        source_file,
        la_code,
        collection_year,
        table_name,
        source_row,
        column_name,
        value as quarantined_value,
        reason
    from source
)

select * from renamed
