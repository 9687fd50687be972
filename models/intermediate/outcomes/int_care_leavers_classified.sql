{#-
    Care leavers of year N: every OC3 row of year N's own return, with its age group, exclusions
    and the activity and accommodation groups the indicators count (indicator-conventions.md,
    "Outcomes from the whole SSDA903 return"; project additions "OC2, OC3 and social workers").

    - age at 31 March N: from the usable DOB of the latest header, else from the OC3 row's own DOB
      when it is not after 31 March N; 17-18 -> '17_18', 19-21 -> '19_21'; other ages and no DOB
      -> no age group (in no indicator; no DOB is reported).
    - excluded: IN_TOUCH DIED or RHOM; a last known episode (short breaks removed, started by
      31 March N) that ended with REC E3; a history of short breaks only. NO, REFU and NREQ stay in.
      A care leaver with no loaded episode at all stays in (nothing shows an exclusion).
    - activity: F1/P1 higher education, F2/P2 other education, F4/P4 apprenticeship, F5/P5 training
      or employment excluding apprenticeships, F3/P3 (to 2021) training or employment, all EET;
      G4-G6 NEET; 0 (or anything else) not known.
    - accommodation: letter G, H or R (abroad, deported, residence not known) leaves the
      suitability denominator; otherwise digit 1 suitable, 2 unsuitable, 0 not known.
    - staying put: the last known episode ceased (REC not X1) on the 18th birthday in a foster
      placement (PLACE U1-U6); of those, living with former foster carers = ACCOM Z1 or Z2.
-#}

with

oc3_rows as (
    select * from {{ ref('stg_ssda903__oc3_outcomes') }}
),

children as (
    select * from {{ ref('int_children_deduplicated') }}
),

episodes as (
    select * from {{ ref('int_episodes_stitched') }}
),

care_leavers as (
    select
        oc3_rows.la_code,
        oc3_rows.collection_year,
        oc3_rows.child_id,
        {{ collection_end_date('oc3_rows.collection_year') }} as collection_end_date,
        oc3_rows.in_touch_code,
        oc3_rows.activity_code,
        oc3_rows.accommodation_code,
        case
            when children.has_usable_date_of_birth then children.date_of_birth
            when oc3_rows.date_of_birth <= {{ collection_end_date('oc3_rows.collection_year') }}
                then oc3_rows.date_of_birth
        end as date_of_birth,
        case
            when children.has_usable_date_of_birth then 'header'
            when oc3_rows.date_of_birth <= {{ collection_end_date('oc3_rows.collection_year') }}
                then 'oc3'
        end as date_of_birth_source,
        oc3_rows.source_file,
        oc3_rows.source_row
    from oc3_rows
    left join children
        on oc3_rows.la_code = children.la_code
        and oc3_rows.child_id = children.child_id
),

episodes_by_year as (
    -- each care leaver's episodes that started by 31 March N, latest first (short breaks last)
    select
        care_leavers.la_code,
        care_leavers.collection_year,
        care_leavers.child_id,
        episodes.is_short_break,
        episodes.episode_end_date,
        episodes.reason_episode_ceased,
        episodes.placement_type,
        row_number() over (
            partition by care_leavers.la_code, care_leavers.collection_year, care_leavers.child_id
            order by case when episodes.is_short_break then 1 else 0 end, episodes.episode_start_date desc
        ) as recency_rank
    from care_leavers
    inner join episodes
        on care_leavers.la_code = episodes.la_code
        and care_leavers.child_id = episodes.child_id
    where episodes.episode_start_date <= care_leavers.collection_end_date
),

last_episodes as (
    -- the latest ordinary episode, or the latest short break when the child had nothing else
    select * from episodes_by_year where recency_rank = 1
),

aged as (
    select
        care_leavers.*,
        {{ age_in_years('care_leavers.date_of_birth', 'care_leavers.collection_end_date') }} as age_at_31mar,
        case when last_episodes.child_id is not null then true else false end as has_loaded_episode,
        coalesce(last_episodes.is_short_break, false) as had_short_breaks_only,
        case when last_episodes.is_short_break then null else last_episodes.reason_episode_ceased end
            as last_reason_episode_ceased,
        case when last_episodes.is_short_break then null else last_episodes.episode_end_date end
            as last_episode_end_date,
        case when last_episodes.is_short_break then null else last_episodes.placement_type end
            as last_placement_type
    from care_leavers
    left join last_episodes
        on care_leavers.la_code = last_episodes.la_code
        and care_leavers.collection_year = last_episodes.collection_year
        and care_leavers.child_id = last_episodes.child_id
),

classified as (
    select
        *,
        case
            when age_at_31mar between 17 and 18 then '17_18'
            when age_at_31mar between 19 and 21 then '19_21'
        end as age_group,
        case
            when in_touch_code = 'DIED' then 'died'
            when in_touch_code = 'RHOM' then 'returned_home'
            when last_reason_episode_ceased = 'E3' then 'care_taken_over_by_another_la'
            when had_short_breaks_only then 'short_breaks_only'
        end as exclusion_reason,
        case
            when activity_code in ('F1', 'P1') then 'higher_education'
            when activity_code in ('F2', 'P2') then 'education_other_than_he'
            when activity_code in ('F4', 'P4') then 'apprenticeship'
            when activity_code in ('F5', 'P5') then 'training_employment_excl_apprenticeship'
            when activity_code in ('F3', 'P3') then 'training_employment'
            when activity_code in ('G4', 'G5', 'G6') then 'neet'
            else 'not_known'
        end as activity_group,
        case
            when accommodation_code like 'G_' or accommodation_code like 'H_' or accommodation_code like 'R_'
                then 'excluded'
            when accommodation_code like '_1' then 'suitable'
            when accommodation_code like '_2' then 'unsuitable'
            else 'not_known'
        end as accommodation_group,
        case
            when last_placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')
                and last_reason_episode_ceased is not null
                and last_reason_episode_ceased <> 'X1'
                and {{ age_in_years('date_of_birth', 'last_episode_end_date') }} = 18
                and {{ age_in_years('date_of_birth', dbt.dateadd('day', -1, 'last_episode_end_date')) }} = 17
                then true
            else false
        end as ceased_in_foster_care_on_18th_birthday
    from aged
),

final as (
    select
        -- ids
        la_code,
        collection_year,
        child_id,

        -- the care leaver
        date_of_birth,
        date_of_birth_source,
        age_at_31mar,
        age_group,
        exclusion_reason,
        case when age_group is not null and exclusion_reason is null then true else false end as is_in_cohort,

        -- OC3 codes and their groups
        in_touch_code,
        case when in_touch_code = 'YES' then true else false end as is_in_touch,
        activity_code,
        activity_group,
        case
            when activity_group in (
                'higher_education', 'education_other_than_he', 'apprenticeship',
                'training_employment_excl_apprenticeship', 'training_employment'
            ) then true
            else false
        end as is_eet,
        accommodation_code,
        accommodation_group,

        -- the episode history
        has_loaded_episode,
        had_short_breaks_only,
        last_reason_episode_ceased,
        ceased_in_foster_care_on_18th_birthday,
        case when accommodation_code in ('Z1', 'Z2') then true else false end as is_with_former_foster_carers,

        -- provenance
        source_file,
        source_row
    from classified
)

select * from final
