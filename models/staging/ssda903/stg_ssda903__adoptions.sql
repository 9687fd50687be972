with

source as (
    select * from {{ source('ssda903', 'ad1') }}
),

renamed as (
    select
        child as child_id,
        dob as date_of_birth,
        date_int as should_be_placed_decision_date,
        date_match as matched_date,
        foster_care as was_fostered_by_adopters,
        nb_adoptr as number_of_adopters_code,
        sex_adoptr as sex_of_adopters_code,
        ls_adoptr as legal_status_of_adopters_code,

        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
