{#-
    Placement location, distance, new placements and reasons for placement change
    (metric-definitions.md 5.2; project additions in docs/indicator-conventions.md, "Placement
    location and distance"). Year N counts the children of year N's return (fct_child_years).

    - At 31 March: the placement of the episode in force on 31 March N; for a temporary episode,
      the latest non-temporary episode of the placement it interrupts that started by 31 March.
      Denominator: every child looked after at 31 March N (unknown location or distance included).
    - New placements: episodes flagged is_new_placement in int_episodes_located that start in year N,
      by location and distance; "more than 20 miles" means PL_DISTANCE (1 dp) > 20.0; a placement
      whose location or distance is unknown is "distance not known".
    - Placement changes: episodes ending in year N with a REASON_PLACE_CHANGE, by reason.
    Without a postcode lookup for the LA the location and distance numerators and denominators are
    null (published x: not computable).
-#}

{%- set new_placement_groups = [
    'inside_la_lt20mi', 'inside_la_gt20mi', 'outside_la_lt20mi', 'outside_la_gt20mi', 'distance_not_known'
] %}

{%- set change_reasons = {
    'CARPL': 'care_plan',
    'PLACE': 'status_change_only',
    'CREQB': 'carer_request_child_behaviour',
    'CREQO': 'carer_request_other',
    'CHILD': 'child_request',
    'LAREQ': 'la_request',
    'STAND': 'standards_of_care',
    'ALLEG': 'allegation_s47',
    'APPRR': 'approval_removed',
    'CLOSE': 'provision_closure',
    'CUSTOD': 'custody',
    'OTHER': 'other',
} %}

with

child_years as (
    select * from {{ ref('fct_child_years') }}
),

located as (
    select * from {{ ref('int_episodes_located') }}
),

postcodes as (
    select * from {{ ref('stg_reference__postcodes') }}
),

la_years as (
    select distinct
        child_years.la_code,
        child_years.collection_year,
        case when las_with_lookup.la_code is not null then 1 else 0 end as has_postcode_lookup
    from child_years
    left join (select distinct la_code from postcodes) as las_with_lookup
        on child_years.la_code = las_with_lookup.la_code
),

-- at 31 March ------------------------------------------------------------------------------------

episodes_in_force_31mar as (
    select
        child_years.la_code,
        child_years.collection_year,
        child_years.child_id,
        child_years.collection_end_date,
        located.episode_start_date,
        located.placement_number,
        row_number() over (
            partition by child_years.la_code, child_years.collection_year, child_years.child_id
            order by located.episode_start_date desc
        ) as recency_rank
    from child_years
    inner join located
        on child_years.la_code = located.la_code
        and child_years.child_id = located.child_id
    where child_years.is_looked_after_31mar
        and located.episode_start_date <= child_years.collection_end_date
        and (located.episode_end_date is null or located.episode_end_date > child_years.collection_end_date)
),

current_episodes as (
    select * from episodes_in_force_31mar where recency_rank = 1
),

carer_episodes as (
    -- the latest non-temporary episode of the current placement that started by 31 March
    select
        current_episodes.la_code,
        current_episodes.collection_year,
        current_episodes.child_id,
        located.episode_start_date,
        row_number() over (
            partition by current_episodes.la_code, current_episodes.collection_year, current_episodes.child_id
            order by located.episode_start_date desc
        ) as recency_rank
    from current_episodes
    inner join located
        on current_episodes.la_code = located.la_code
        and current_episodes.child_id = located.child_id
        and current_episodes.placement_number = located.placement_number
    where not located.is_temporary_placement
        and located.episode_start_date <= current_episodes.collection_end_date
),

location_episodes_31mar as (
    select
        current_episodes.la_code,
        current_episodes.collection_year,
        current_episodes.child_id,
        coalesce(carer_episodes.episode_start_date, current_episodes.episode_start_date)
            as location_episode_start_date
    from current_episodes
    left join carer_episodes
        on current_episodes.la_code = carer_episodes.la_code
        and current_episodes.collection_year = carer_episodes.collection_year
        and current_episodes.child_id = carer_episodes.child_id
        and carer_episodes.recency_rank = 1
),

located_31mar as (
    select
        location_episodes_31mar.la_code,
        location_episodes_31mar.collection_year,
        location_episodes_31mar.child_id,
        located.placement_location,
        located.placement_distance_miles
    from location_episodes_31mar
    inner join located
        on location_episodes_31mar.la_code = located.la_code
        and location_episodes_31mar.child_id = located.child_id
        and location_episodes_31mar.location_episode_start_date = located.episode_start_date
),

counts_31mar as (
    select
        la_code,
        collection_year,
        count(*) as n_looked_after_31mar,
        sum(case when placement_location = 'OUT' then 1 else 0 end) as n_outside_la,
        sum(case when placement_location = 'OUT' and placement_distance_miles > 20 then 1 else 0 end)
            as n_outside_la_gt20mi,
        sum(case when placement_distance_miles is null then 1 else 0 end) as n_distance_not_known
    from located_31mar
    group by la_code, collection_year
),

-- new placements ---------------------------------------------------------------------------------

new_placements as (
    select
        child_years.la_code,
        child_years.collection_year,
        case
            when located.placement_distance_miles is null or located.placement_location is null
                then 'distance_not_known'
            when located.placement_location = 'IN' and located.placement_distance_miles > 20
                then 'inside_la_gt20mi'
            when located.placement_location = 'IN' then 'inside_la_lt20mi'
            when located.placement_distance_miles > 20 then 'outside_la_gt20mi'
            else 'outside_la_lt20mi'
        end as location_group
    from child_years
    inner join located
        on child_years.la_code = located.la_code
        and child_years.child_id = located.child_id
    where located.is_new_placement
        and located.episode_start_date >= child_years.collection_start_date
        and located.episode_start_date <= child_years.collection_end_date
),

counts_new_placements as (
    select
        la_code,
        collection_year,
        count(*) as n_new_placements,
        {%- for group in new_placement_groups %}
        sum(case when location_group = '{{ group }}' then 1 else 0 end) as n_new_{{ group }}{{ ',' if not loop.last }}
        {%- endfor %}
    from new_placements
    group by la_code, collection_year
),

-- placement changes ------------------------------------------------------------------------------

placement_changes as (
    select
        child_years.la_code,
        child_years.collection_year,
        located.reason_for_placement_change
    from child_years
    inner join located
        on child_years.la_code = located.la_code
        and child_years.child_id = located.child_id
    where located.reason_for_placement_change is not null
        and located.episode_end_date >= child_years.collection_start_date
        and located.episode_end_date <= child_years.collection_end_date
),

counts_placement_changes as (
    select
        la_code,
        collection_year,
        count(*) as n_placement_changes,
        {%- for code in change_reasons %}
        sum(case when reason_for_placement_change = '{{ code }}' then 1 else 0 end) as n_change_{{ code | lower }}{{ ',' if not loop.last }}
        {%- endfor %}
    from placement_changes
    group by la_code, collection_year
),

-- one row per LA-year, zero where nothing happened -----------------------------------------------

la_year_counts as (
    select
        la_years.la_code,
        la_years.collection_year,
        la_years.has_postcode_lookup,
        coalesce(counts_31mar.n_looked_after_31mar, 0) as n_looked_after_31mar,
        coalesce(counts_31mar.n_outside_la, 0) as n_outside_la,
        coalesce(counts_31mar.n_outside_la_gt20mi, 0) as n_outside_la_gt20mi,
        coalesce(counts_31mar.n_distance_not_known, 0) as n_distance_not_known_31mar,
        coalesce(counts_new_placements.n_new_placements, 0) as n_new_placements,
        {%- for group in new_placement_groups %}
        coalesce(counts_new_placements.n_new_{{ group }}, 0) as n_new_{{ group }},
        {%- endfor %}
        {%- for code in change_reasons %}
        coalesce(counts_placement_changes.n_change_{{ code | lower }}, 0) as n_change_{{ code | lower }},
        {%- endfor %}
        coalesce(counts_placement_changes.n_placement_changes, 0) as n_placement_changes
    from la_years
    left join counts_31mar
        on la_years.la_code = counts_31mar.la_code
        and la_years.collection_year = counts_31mar.collection_year
    left join counts_new_placements
        on la_years.la_code = counts_new_placements.la_code
        and la_years.collection_year = counts_new_placements.collection_year
    left join counts_placement_changes
        on la_years.la_code = counts_placement_changes.la_code
        and la_years.collection_year = counts_placement_changes.collection_year
),

indicator_counts as (
    -- location and distance need the lookup: without one, null numerator and denominator (x)
    select la_code, collection_year, 'pct_cla_outside_la_31mar' as indicator,
        case when has_postcode_lookup = 1 then n_outside_la end as numerator,
        case when has_postcode_lookup = 1 then n_looked_after_31mar end as denominator
    from la_year_counts
    union all
    select la_code, collection_year, 'pct_cla_outside_la_gt20mi_31mar' as indicator,
        case when has_postcode_lookup = 1 then n_outside_la_gt20mi end as numerator,
        case when has_postcode_lookup = 1 then n_looked_after_31mar end as denominator
    from la_year_counts
    union all
    select la_code, collection_year, 'pct_cla_distance_not_known_31mar' as indicator,
        case when has_postcode_lookup = 1 then n_distance_not_known_31mar end as numerator,
        case when has_postcode_lookup = 1 then n_looked_after_31mar end as denominator
    from la_year_counts
    union all
    select la_code, collection_year, 'cla_new_placements' as indicator,
        n_new_placements as numerator,
        cast(null as {{ type_double() }}) as denominator
    from la_year_counts
    {%- for group in new_placement_groups %}
    union all
    select la_code, collection_year, 'pct_new_placements_{{ group }}' as indicator,
        case when has_postcode_lookup = 1 then n_new_{{ group }} end as numerator,
        case when has_postcode_lookup = 1 then n_new_placements end as denominator
    from la_year_counts
    {%- endfor %}
    union all
    select la_code, collection_year, 'cla_placement_changes' as indicator,
        n_placement_changes as numerator,
        cast(null as {{ type_double() }}) as denominator
    from la_year_counts
    {%- for code, name in change_reasons.items() %}
    union all
    select la_code, collection_year, 'pct_placement_change_{{ name }}' as indicator,
        n_change_{{ code | lower }} as numerator,
        n_placement_changes as denominator
    from la_year_counts
    {%- endfor %}
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
