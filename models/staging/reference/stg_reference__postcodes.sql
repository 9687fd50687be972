with

source as (
    select * from {{ source('reference_extracts', 'postcodes') }}
),

renamed as (
    select
        -- ids
        la_code,
        postcode_key,
        pcds as postcode,

        -- geography (ONSPD)
        oscty as county_code,
        oslaua as district_code,
        ctry as country_code,
        rgn as region_code,
        oseast1m as easting,
        osnrth1m as northing,
        doterm as terminated_month,

        -- provenance
        load_id,
        source_file,
        source_row
    from source
)

select * from renamed
