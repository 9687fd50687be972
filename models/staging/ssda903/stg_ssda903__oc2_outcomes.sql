with

source as (
    select * from {{ source('ssda903', 'oc2') }}
),

renamed as (
    select
        child as child_id,
        dob as date_of_birth,

        -- strengths and difficulties questionnaire
        sdq_score,
        sdq_reason as sdq_reason_code,

        -- 0/1 flags, typed as booleans by the ingest
        convicted as is_convicted,
        health_check as had_development_assessment,
        immunisations as are_immunisations_up_to_date,
        teeth_check as had_teeth_check,
        health_assessment as had_health_assessment,
        substance_misuse as had_substance_misuse_problem,
        intervention_received as received_substance_misuse_intervention,
        intervention_offered as offered_substance_misuse_intervention,

        load_id,
        la_code,
        collection_year,
        source_file,
        source_row
    from source
)

select * from renamed
