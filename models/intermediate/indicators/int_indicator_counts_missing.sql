{#-
    Missing and away-from-placement incidents (metric-definitions.md 5.2; project additions in
    docs/indicator-conventions.md, "Placement location and distance", missing incidents).

    - Cohort: children of year N's return looked after during year N, short breaks removed (an
      episode of int_episodes_sequenced in force during the year: DECOM <= 31/03/N and (DEC null or
      DEC > 01/04/N-1)).
    - Incidents: year N's own Missing table; an incident counts for year N when it overlaps the year
      (MIS_START <= 31/03/N and (MIS_END null or MIS_END >= 01/04/N-1)), so incidents open on 1 April
      count. MISSING M = missing, A = away from placement without authorisation.
    - pct_cla_missing_incident / pct_cla_away_incident: cohort children with at least one such
      incident, over the cohort.
    - missing_incidents_per_child: missing incidents of cohort children over the cohort children
      with at least one (mean).
    - missing_incident_mean_days: missing incidents of cohort children that ended in year N, mean of
      MIS_END - MIS_START in days (0 = back the same day); an end before the start is left out.
-#}

with

child_years as (
    select * from {{ ref('fct_child_years') }}
),

episodes as (
    select * from {{ ref('int_episodes_sequenced') }}
),

incidents as (
    select * from {{ ref('stg_ssda903__missing_episodes') }}
),

la_years as (
    select distinct la_code, collection_year from child_years
),

cohort as (
    select distinct
        child_years.la_code,
        child_years.collection_year,
        child_years.child_id,
        child_years.collection_start_date,
        child_years.collection_end_date
    from child_years
    inner join episodes
        on child_years.la_code = episodes.la_code
        and child_years.child_id = episodes.child_id
    where episodes.episode_start_date <= child_years.collection_end_date
        and (episodes.episode_end_date is null or episodes.episode_end_date > child_years.collection_start_date)
),

cohort_incidents as (
    select
        cohort.la_code,
        cohort.collection_year,
        cohort.child_id,
        incidents.missing_type_code,
        case
            when incidents.missing_end_date >= cohort.collection_start_date
                and incidents.missing_end_date <= cohort.collection_end_date
                and incidents.missing_end_date >= incidents.missing_start_date
                then {{ dbt.datediff('incidents.missing_start_date', 'incidents.missing_end_date', 'day') }}
        end as days_if_ended_in_year
    from cohort
    inner join incidents
        on cohort.la_code = incidents.la_code
        and cohort.collection_year = incidents.collection_year
        and cohort.child_id = incidents.child_id
    where incidents.missing_start_date <= cohort.collection_end_date
        and (incidents.missing_end_date is null or incidents.missing_end_date >= cohort.collection_start_date)
),

children_with_incidents as (
    select
        la_code,
        collection_year,
        child_id,
        max(case when missing_type_code = 'M' then 1 else 0 end) as went_missing,
        max(case when missing_type_code = 'A' then 1 else 0 end) as was_away,
        sum(case when missing_type_code = 'M' then 1 else 0 end) as n_missing_incidents
    from cohort_incidents
    group by la_code, collection_year, child_id
),

counts_children as (
    select
        cohort.la_code,
        cohort.collection_year,
        count(*) as n_cohort,
        sum(coalesce(children_with_incidents.went_missing, 0)) as n_children_missing,
        sum(coalesce(children_with_incidents.was_away, 0)) as n_children_away,
        sum(coalesce(children_with_incidents.n_missing_incidents, 0)) as n_missing_incidents
    from cohort
    left join children_with_incidents
        on cohort.la_code = children_with_incidents.la_code
        and cohort.collection_year = children_with_incidents.collection_year
        and cohort.child_id = children_with_incidents.child_id
    group by cohort.la_code, cohort.collection_year
),

counts_durations as (
    select
        la_code,
        collection_year,
        count(*) as n_ended_missing_incidents,
        sum(days_if_ended_in_year) as total_missing_days
    from cohort_incidents
    where missing_type_code = 'M' and days_if_ended_in_year is not null
    group by la_code, collection_year
),

la_year_counts as (
    select
        la_years.la_code,
        la_years.collection_year,
        coalesce(counts_children.n_cohort, 0) as n_cohort,
        coalesce(counts_children.n_children_missing, 0) as n_children_missing,
        coalesce(counts_children.n_children_away, 0) as n_children_away,
        coalesce(counts_children.n_missing_incidents, 0) as n_missing_incidents,
        coalesce(counts_durations.n_ended_missing_incidents, 0) as n_ended_missing_incidents,
        coalesce(counts_durations.total_missing_days, 0) as total_missing_days
    from la_years
    left join counts_children
        on la_years.la_code = counts_children.la_code
        and la_years.collection_year = counts_children.collection_year
    left join counts_durations
        on la_years.la_code = counts_durations.la_code
        and la_years.collection_year = counts_durations.collection_year
),

indicator_counts as (
    select la_code, collection_year, 'pct_cla_missing_incident' as indicator,
        n_children_missing as numerator, n_cohort as denominator
    from la_year_counts
    union all
    select la_code, collection_year, 'pct_cla_away_incident' as indicator,
        n_children_away as numerator, n_cohort as denominator
    from la_year_counts
    union all
    select la_code, collection_year, 'missing_incidents_per_child' as indicator,
        n_missing_incidents as numerator, n_children_missing as denominator
    from la_year_counts
    union all
    select la_code, collection_year, 'missing_incident_mean_days' as indicator,
        total_missing_days as numerator, n_ended_missing_incidents as denominator
    from la_year_counts
),

final as (
    select
        la_code,
        collection_year,
        indicator,
        'Total' as breakdown_topic,
        'Total' as breakdown,
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator
    from indicator_counts
)

select * from final
