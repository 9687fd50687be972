{#-
    The CLA 12 months cohort of year N with its OC2 row (indicator-conventions.md, "Outcomes from
    the whole SSDA903 return"; project additions "OC2, OC3 and social workers").

    - cohort: looked after at 31 March N in a period of care that started on or before 1 April N-1.
      Periods of care come from the episodes with short breaks removed, so an X1 move never breaks
      continuity, a child who ceased and came back during the year is in a period that started in
      the year (out), and a child with short breaks and ordinary care is judged on the ordinary
      episodes alone. The cohort comes from the episodes, never from OC2.
    - OC2 row: year N's own return only. A child with two rows was quarantined by the ingest, so at
      most one row is left: a cohort child without a row stays in every denominator (has_oc2_row
      false) and counts in no numerator.
    - flags count only when exactly 1 (true); blank or 0 is "not".
    - SDQ: a score is received when SDQ_SCORE is present (the ingest quarantines anything that is not
      a whole number 0-40); a row with a score and a reason is read by its score; 0 is a score.
    - ages at 31 March from the usable DOB of the latest header; no usable DOB: in no age group.
-#}

with

child_years as (
    select * from {{ ref('int_child_years_classified') }}
),

oc2_rows as (
    select * from {{ ref('stg_ssda903__oc2_outcomes') }}
),

returns as (
    select * from {{ ref('int_returns_with_outcome_tables') }}
),

cohort as (
    select
        la_code,
        collection_year,
        child_id,
        collection_start_date,
        collection_end_date,
        date_of_birth,
        has_usable_date_of_birth,
        age_at_31mar,
        current_period_of_care_start_date
    from child_years
    where is_looked_after_31mar
        and current_period_of_care_start_date <= collection_start_date
),

joined as (
    select
        cohort.*,
        returns.has_oc2_table,
        case when oc2_rows.child_id is not null then true else false end as has_oc2_row,
        oc2_rows.sdq_score,
        oc2_rows.sdq_reason_code,
        coalesce(oc2_rows.had_health_assessment, false) as had_health_assessment,
        coalesce(oc2_rows.had_teeth_check, false) as had_teeth_check,
        coalesce(oc2_rows.are_immunisations_up_to_date, false) as are_immunisations_up_to_date,
        coalesce(oc2_rows.had_development_assessment, false) as had_development_assessment,
        coalesce(oc2_rows.is_convicted, false) as is_convicted,
        coalesce(oc2_rows.had_substance_misuse_problem, false) as had_substance_misuse_problem,
        coalesce(oc2_rows.received_substance_misuse_intervention, false)
            as received_substance_misuse_intervention,
        coalesce(oc2_rows.offered_substance_misuse_intervention, false)
            as offered_substance_misuse_intervention,
        oc2_rows.source_file as oc2_source_file,
        oc2_rows.source_row as oc2_source_row
    from cohort
    inner join returns
        on cohort.la_code = returns.la_code
        and cohort.collection_year = returns.collection_year
    left join oc2_rows
        on cohort.la_code = oc2_rows.la_code
        and cohort.collection_year = oc2_rows.collection_year
        and cohort.child_id = oc2_rows.child_id
),

age_groups as (
    select
        *,
        case when has_usable_date_of_birth and age_at_31mar between 0 and 4 then true else false end
            as is_aged_0_4,
        case when has_usable_date_of_birth and age_at_31mar between 5 and 16 then true else false end
            as is_aged_5_16,
        case when has_usable_date_of_birth and age_at_31mar between 10 and 17 then true else false end
            as is_aged_10_17
    from joined
),

classified as (
    select
        *,
        case when sdq_score is not null then true else false end as has_sdq_score,
        case
            when sdq_score between 0 and 13 then '0-13'
            when sdq_score between 14 and 16 then '14-16'
            when sdq_score between 17 and 40 then '17-40'
        end as sdq_band,
        -- INTERVENTION_OFFERED = 1 means "offered an intervention but refused it"; a child recorded
        -- as having received one did not refuse it
        case
            when had_substance_misuse_problem
                and offered_substance_misuse_intervention
                and not received_substance_misuse_intervention
                then true
            else false
        end as refused_substance_misuse_intervention
    from age_groups
),

final as (
    select
        -- ids
        la_code,
        collection_year,
        child_id,

        -- the year and the child
        collection_start_date,
        collection_end_date,
        date_of_birth,
        has_usable_date_of_birth,
        age_at_31mar,
        is_aged_0_4,
        is_aged_5_16,
        is_aged_10_17,
        current_period_of_care_start_date,

        -- the OC2 row of year N's return
        has_oc2_table,
        has_oc2_row,
        sdq_score,
        sdq_reason_code,
        has_sdq_score,
        sdq_band,
        had_health_assessment,
        had_teeth_check,
        are_immunisations_up_to_date,
        had_development_assessment,
        is_convicted,
        had_substance_misuse_problem,
        received_substance_misuse_intervention,
        offered_substance_misuse_intervention,
        refused_substance_misuse_intervention,

        -- provenance
        oc2_source_file,
        oc2_source_row
    from classified
)

select * from final
