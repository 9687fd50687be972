{#-
    The child-year facts behind the first-release indicators (indicator-conventions.md, first-release
    table and "Where the official wording is silent"). Year N covers only the children with an
    episode row in year N's return; earlier and later returns contribute history through the
    stitched episodes. Short breaks are already removed from the episodes and placements.

    - looked after at 31 March N: an episode with DECOM <= 31/03/N and (DEC null or DEC > 31/03/N);
    - started: an RNE 'S' episode with DECOM in year N; ceased: an episode with DEC in year N and
      REC not null and not X1;
    - placements in year: placements in force during year N (start <= 31/03/N and (end null or
      end > 01/04/N-1));
    - current period of care and placement: those of the latest episode in force on 31 March N (a
      temporary episode belongs to the placement it interrupts);
    - long-term stability cohort: looked after at 31 March N, a usable DOB, aged under 16 at 31 March
      N, current period of care started on or before 30/09/N-3; stable when the current placement
      started on or before 31/03/N-2, or the child is placed for adoption (A3-A6) and the placement
      before the adoptive one (same period of care) started on or before 31/03/N-2.
-#}

with

return_episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

episodes as (
    select * from {{ ref('int_episodes_sequenced') }}
),

placements as (
    select * from {{ ref('int_placements_collapsed') }}
),

children as (
    select * from {{ ref('int_children_deduplicated') }}
),

children_in_return as (
    select distinct la_code, collection_year, child_id
    from return_episodes
),

child_years as (
    select
        la_code,
        collection_year,
        child_id,
        {{ collection_start_date('collection_year') }} as collection_start_date,
        {{ collection_end_date('collection_year') }} as collection_end_date,
        {{ longterm_period_start_cutoff_date('collection_year') }} as longterm_period_start_cutoff_date,
        {{ longterm_placement_start_cutoff_date('collection_year') }} as longterm_placement_start_cutoff_date
    from children_in_return
),

episode_events as (
    select
        child_years.la_code,
        child_years.collection_year,
        child_years.child_id,
        max(case
            when episodes.episode_start_date <= child_years.collection_end_date
                and (episodes.episode_end_date is null or episodes.episode_end_date > child_years.collection_end_date)
                then 1 else 0
        end) as looked_after_31mar_flag,
        max(case
            when episodes.reason_for_new_episode = 'S'
                and episodes.episode_start_date >= child_years.collection_start_date
                and episodes.episode_start_date <= child_years.collection_end_date
                then 1 else 0
        end) as started_flag,
        max(case
            when episodes.episode_end_date >= child_years.collection_start_date
                and episodes.episode_end_date <= child_years.collection_end_date
                and episodes.reason_episode_ceased is not null
                and episodes.reason_episode_ceased <> 'X1'
                then 1 else 0
        end) as ceased_flag
    from child_years
    inner join episodes
        on child_years.la_code = episodes.la_code
        and child_years.child_id = episodes.child_id
    group by child_years.la_code, child_years.collection_year, child_years.child_id
),

episodes_in_force_at_31mar as (
    select
        child_years.la_code,
        child_years.collection_year,
        child_years.child_id,
        child_years.collection_end_date,
        episodes.period_of_care_start_date,
        episodes.placement_number,
        row_number() over (
            partition by child_years.la_code, child_years.collection_year, child_years.child_id
            order by episodes.episode_start_date desc
        ) as recency_rank
    from child_years
    inner join episodes
        on child_years.la_code = episodes.la_code
        and child_years.child_id = episodes.child_id
    where episodes.episode_start_date <= child_years.collection_end_date
        and (episodes.episode_end_date is null or episodes.episode_end_date > child_years.collection_end_date)
),

current_episodes as (
    select * from episodes_in_force_at_31mar where recency_rank = 1
),

placements_in_year as (
    select
        child_years.la_code,
        child_years.collection_year,
        child_years.child_id,
        count(*) as n_placements_in_year
    from child_years
    inner join placements
        on child_years.la_code = placements.la_code
        and child_years.child_id = placements.child_id
    where placements.placement_start_date <= child_years.collection_end_date
        and (placements.placement_end_date is null or placements.placement_end_date > child_years.collection_start_date)
    group by child_years.la_code, child_years.collection_year, child_years.child_id
),

carer_episodes_at_31mar as (
    -- the latest non-temporary episode of the current placement that started by 31 March: its
    -- PLACE says whether the child is placed for adoption (a temporary episode has no carer type)
    select
        current_episodes.la_code,
        current_episodes.collection_year,
        current_episodes.child_id,
        episodes.placement_type,
        row_number() over (
            partition by current_episodes.la_code, current_episodes.collection_year, current_episodes.child_id
            order by episodes.episode_start_date desc
        ) as recency_rank
    from current_episodes
    inner join episodes
        on current_episodes.la_code = episodes.la_code
        and current_episodes.child_id = episodes.child_id
        and current_episodes.placement_number = episodes.placement_number
    where not episodes.is_temporary_placement
        and episodes.episode_start_date <= current_episodes.collection_end_date
),

current_situations as (
    select
        current_episodes.la_code,
        current_episodes.collection_year,
        current_episodes.child_id,
        current_episodes.period_of_care_start_date as current_period_of_care_start_date,
        current_placements.placement_start_date as current_placement_start_date,
        carer_episodes_at_31mar.placement_type as current_placement_type,
        previous_placements.placement_start_date as previous_placement_start_date
    from current_episodes
    left join placements as current_placements
        on current_episodes.la_code = current_placements.la_code
        and current_episodes.child_id = current_placements.child_id
        and current_episodes.placement_number = current_placements.placement_number
    left join placements as previous_placements
        on current_placements.la_code = previous_placements.la_code
        and current_placements.child_id = previous_placements.child_id
        and current_placements.placement_number - 1 = previous_placements.placement_number
        and current_placements.period_of_care_number = previous_placements.period_of_care_number
    left join carer_episodes_at_31mar
        on current_episodes.la_code = carer_episodes_at_31mar.la_code
        and current_episodes.collection_year = carer_episodes_at_31mar.collection_year
        and current_episodes.child_id = carer_episodes_at_31mar.child_id
        and carer_episodes_at_31mar.recency_rank = 1
),

joined as (
    select
        child_years.la_code,
        child_years.collection_year,
        child_years.child_id,
        child_years.collection_start_date,
        child_years.collection_end_date,
        child_years.longterm_period_start_cutoff_date,
        child_years.longterm_placement_start_cutoff_date,
        children.date_of_birth,
        coalesce(children.has_usable_date_of_birth, false) as has_usable_date_of_birth,
        case
            when children.has_usable_date_of_birth
                then {{ age_in_years('children.date_of_birth', 'child_years.collection_end_date') }}
        end as age_at_31mar,
        case when episode_events.looked_after_31mar_flag = 1 then true else false end as is_looked_after_31mar,
        case when episode_events.started_flag = 1 then true else false end as started_in_year,
        case when episode_events.ceased_flag = 1 then true else false end as ceased_in_year,
        coalesce(placements_in_year.n_placements_in_year, 0) as n_placements_in_year,
        current_situations.current_period_of_care_start_date,
        current_situations.current_placement_start_date,
        current_situations.current_placement_type,
        current_situations.previous_placement_start_date
    from child_years
    left join children
        on child_years.la_code = children.la_code
        and child_years.child_id = children.child_id
    left join episode_events
        on child_years.la_code = episode_events.la_code
        and child_years.collection_year = episode_events.collection_year
        and child_years.child_id = episode_events.child_id
    left join placements_in_year
        on child_years.la_code = placements_in_year.la_code
        and child_years.collection_year = placements_in_year.collection_year
        and child_years.child_id = placements_in_year.child_id
    left join current_situations
        on child_years.la_code = current_situations.la_code
        and child_years.collection_year = current_situations.collection_year
        and child_years.child_id = current_situations.child_id
),

placement_flags as (
    select
        *,
        case when n_placements_in_year >= 3 then true else false end as has_3plus_placements_in_year,
        case
            when current_placement_type in ({{ quoted_list(var('placed_for_adoption_placements')) }})
                then true
            else false
        end as is_placed_for_adoption_31mar,
        case
            when is_looked_after_31mar
                and has_usable_date_of_birth
                and age_at_31mar < 16
                and current_period_of_care_start_date <= longterm_period_start_cutoff_date
                then true
            else false
        end as in_longterm_stability_cohort
    from joined
),

stability_flagged as (
    select
        *,
        case
            when current_placement_start_date <= longterm_placement_start_cutoff_date then true else false
        end as is_stable_by_current_placement,
        case
            when is_placed_for_adoption_31mar
                and previous_placement_start_date <= longterm_placement_start_cutoff_date
                then true
            else false
        end as is_stable_by_adoption_rule
    from placement_flags
),

final as (
    select
        -- ids
        la_code,
        collection_year,
        child_id,

        -- the year
        collection_start_date,
        collection_end_date,

        -- the child
        date_of_birth,
        has_usable_date_of_birth,
        age_at_31mar,

        -- headline counts
        is_looked_after_31mar,
        started_in_year,
        ceased_in_year,

        -- placement stability
        n_placements_in_year,
        has_3plus_placements_in_year,
        current_period_of_care_start_date,
        current_placement_start_date,
        current_placement_type,
        previous_placement_start_date,
        is_placed_for_adoption_31mar,
        longterm_period_start_cutoff_date,
        longterm_placement_start_cutoff_date,
        in_longterm_stability_cohort,
        is_stable_by_current_placement,
        is_stable_by_adoption_rule,
        case
            when in_longterm_stability_cohort
                and (is_stable_by_current_placement or is_stable_by_adoption_rule)
                then true
            else false
        end as is_longterm_stable
    from stability_flagged
)

select * from final
