with

source as (
    select * from {{ source('ssda903_audit', 'load_log') }}
),

renamed as (
    select
        load_id,
        source_file,
        file_sha256,
        file_format,
        table_name,
        la_code,
        collection_year,
        status as load_status,
        rows_read,
        rows_loaded,
        rows_quarantined,
        rows_blank,
        message,
        notes
    from source
)

select * from renamed
