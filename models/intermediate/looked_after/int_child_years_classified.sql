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

    Characteristics, reasons for ceasing and two-year stability (conventions "Characteristics,
    reasons for ceasing and two-year stability"; labels from macros/indicators/characteristic_groups.sql):
    - the 31 March situation is null unless looked after at 31 March N: legal status of the current
      episode; category of need of the first episode of the current period of care (DfE: the need
      when the child started to be looked after); placement type and provider of the current
      placement's carer episode (a temporary episode on 31 March shows the placement it interrupts);
    - UASC at 31 March N: the child's UASC row of the latest loaded return that has one, with DUC
      null or after 31/03/N;
    - the last reason ceased: REC of the child's last episode ending in year N with REC not X1;
    - two-year stability: looked after at 31 March N-1 as year N-1's return counts it, null when the
      LA's year N-1 return is not loaded; placements in force between 01/04/N-2 and 31/03/N.
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

stitched_episodes as (
    select * from {{ ref('int_episodes_stitched') }}
),

uasc_records as (
    select * from {{ ref('stg_ssda903__uasc_records') }}
),

returns_loaded as (
    select distinct la_code, collection_year
    from return_episodes
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
        {{ collection_start_date('collection_year - 1') }} as two_year_start_date,
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
        episodes.period_of_care_number,
        episodes.period_of_care_start_date,
        episodes.placement_number,
        episodes.legal_status,
        episodes.placement_type,
        episodes.placement_provider,
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
        episodes.placement_provider,
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

period_of_care_needs as (
    -- the category of need of the episode that opened each period of care
    select
        episodes.la_code,
        episodes.child_id,
        episodes.period_of_care_number,
        stitched_episodes.category_of_need
    from episodes
    inner join stitched_episodes
        on episodes.la_code = stitched_episodes.la_code
        and episodes.child_id = stitched_episodes.child_id
        and episodes.episode_start_date = stitched_episodes.episode_start_date
    where episodes.starts_period_of_care
),

ceases_in_year as (
    select
        child_years.la_code,
        child_years.collection_year,
        child_years.child_id,
        episodes.reason_episode_ceased,
        row_number() over (
            partition by child_years.la_code, child_years.collection_year, child_years.child_id
            order by episodes.episode_end_date desc, episodes.episode_start_date desc
        ) as recency_rank
    from child_years
    inner join episodes
        on child_years.la_code = episodes.la_code
        and child_years.child_id = episodes.child_id
    where episodes.episode_end_date >= child_years.collection_start_date
        and episodes.episode_end_date <= child_years.collection_end_date
        and episodes.reason_episode_ceased is not null
        and episodes.reason_episode_ceased <> 'X1'
),

last_ceases as (
    select * from ceases_in_year where recency_rank = 1
),

latest_uasc_records as (
    select
        la_code,
        child_id,
        uasc_ceased_date,
        row_number() over (partition by la_code, child_id order by collection_year desc) as return_rank
    from uasc_records
),

placements_in_two_years as (
    select
        child_years.la_code,
        child_years.collection_year,
        child_years.child_id,
        count(*) as n_placements_2yrs
    from child_years
    inner join placements
        on child_years.la_code = placements.la_code
        and child_years.child_id = placements.child_id
    where placements.placement_start_date <= child_years.collection_end_date
        and (placements.placement_end_date is null or placements.placement_end_date > child_years.two_year_start_date)
    group by child_years.la_code, child_years.collection_year, child_years.child_id
),

previous_years as (
    -- year N-1 as its own return counts it: a child absent from that return was not looked after
    select
        child_years.la_code,
        child_years.collection_year,
        child_years.child_id,
        case when previous_returns.collection_year is not null then true else false end
            as is_previous_return_loaded,
        case
            when previous_returns.collection_year is null then null
            when previous_events.looked_after_31mar_flag = 1 then true
            else false
        end as is_looked_after_previous_31mar
    from child_years
    left join returns_loaded as previous_returns
        on child_years.la_code = previous_returns.la_code
        and child_years.collection_year - 1 = previous_returns.collection_year
    left join episode_events as previous_events
        on child_years.la_code = previous_events.la_code
        and child_years.child_id = previous_events.child_id
        and child_years.collection_year - 1 = previous_events.collection_year
),

current_situations as (
    select
        current_episodes.la_code,
        current_episodes.collection_year,
        current_episodes.child_id,
        current_episodes.period_of_care_start_date as current_period_of_care_start_date,
        current_placements.placement_start_date as current_placement_start_date,
        carer_episodes_at_31mar.placement_type as current_placement_type,
        previous_placements.placement_start_date as previous_placement_start_date,
        current_episodes.legal_status as legal_status_31mar,
        period_of_care_needs.category_of_need as category_of_need_31mar,
        -- a temporary episode outside any placement (an LA error) shows its own PLACE
        coalesce(carer_episodes_at_31mar.placement_type, current_episodes.placement_type) as placement_type_31mar,
        carer_episodes_at_31mar.placement_provider as placement_provider_31mar
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
    left join period_of_care_needs
        on current_episodes.la_code = period_of_care_needs.la_code
        and current_episodes.child_id = period_of_care_needs.child_id
        and current_episodes.period_of_care_number = period_of_care_needs.period_of_care_number
),

joined as (
    select
        child_years.la_code,
        child_years.collection_year,
        child_years.child_id,
        child_years.collection_start_date,
        child_years.collection_end_date,
        child_years.two_year_start_date,
        child_years.longterm_period_start_cutoff_date,
        child_years.longterm_placement_start_cutoff_date,
        children.sex_code,
        children.ethnicity_code,
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
        current_situations.previous_placement_start_date,
        current_situations.legal_status_31mar,
        current_situations.category_of_need_31mar,
        current_situations.placement_type_31mar,
        current_situations.placement_provider_31mar,
        case when latest_uasc_records.child_id is not null then true else false end as has_uasc_record,
        latest_uasc_records.uasc_ceased_date,
        last_ceases.reason_episode_ceased as last_reason_episode_ceased,
        previous_years.is_previous_return_loaded,
        previous_years.is_looked_after_previous_31mar,
        case
            when previous_years.is_previous_return_loaded
                then coalesce(placements_in_two_years.n_placements_2yrs, 0)
        end as n_placements_2yrs
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
    left join latest_uasc_records
        on child_years.la_code = latest_uasc_records.la_code
        and child_years.child_id = latest_uasc_records.child_id
        and latest_uasc_records.return_rank = 1
    left join last_ceases
        on child_years.la_code = last_ceases.la_code
        and child_years.collection_year = last_ceases.collection_year
        and child_years.child_id = last_ceases.child_id
    left join previous_years
        on child_years.la_code = previous_years.la_code
        and child_years.collection_year = previous_years.collection_year
        and child_years.child_id = previous_years.child_id
    left join placements_in_two_years
        on child_years.la_code = placements_in_two_years.la_code
        and child_years.collection_year = placements_in_two_years.collection_year
        and child_years.child_id = placements_in_two_years.child_id
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

characteristics_labelled as (
    select
        *,
        {{ age_band_label('age_at_31mar') }} as age_band,
        {{ code_group_label('sex_code', 'sex') }} as sex,
        {{ code_group_label('ethnicity_code', 'ethnicity') }} as ethnic_group,
        case
            when has_uasc_record and (uasc_ceased_date is null or uasc_ceased_date > collection_end_date)
                then true
            else false
        end as is_uasc_31mar,
        case
            when ceased_in_year then {{ code_group_label('last_reason_episode_ceased', 'reason_ceased') }}
        end as reason_ceased_group,
        case
            when is_looked_after_31mar then {{ code_group_label('legal_status_31mar', 'legal_status') }}
        end as legal_status_group,
        case
            when is_looked_after_31mar then {{ code_group_label('category_of_need_31mar', 'category_of_need') }}
        end as category_of_need_group,
        case
            when is_looked_after_31mar then {{ code_group_label('placement_type_31mar', 'placement_type') }}
        end as placement_type_group,
        case
            when is_looked_after_31mar then {{ code_group_label('placement_provider_31mar', 'placement_provider') }}
        end as placement_provider_group,
        case
            when n_placements_2yrs is not null then n_placements_2yrs >= 3
        end as has_3plus_placements_2yrs,
        case
            when not is_previous_return_loaded then null
            when is_looked_after_31mar and is_looked_after_previous_31mar then true
            else false
        end as in_two_year_stability_cohort
    from stability_flagged
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
        end as is_longterm_stable,

        -- characteristics (labels: macros/indicators/characteristic_groups.sql)
        sex_code,
        sex,
        ethnicity_code,
        ethnic_group,
        age_band,
        has_uasc_record,
        uasc_ceased_date,
        is_uasc_31mar,
        case
            when is_looked_after_31mar and is_uasc_31mar then {{ text_literal(uasc_statuses()[0]) }}
            when is_looked_after_31mar then {{ text_literal(uasc_statuses()[1]) }}
        end as uasc_status,

        -- situation at 31 March (null unless looked after at 31 March)
        legal_status_31mar,
        legal_status_group,
        category_of_need_31mar,
        category_of_need_group,
        placement_type_31mar,
        placement_type_group,
        placement_provider_31mar,
        placement_provider_group,

        -- reason ceased (last occasion in the year; null unless ceased)
        last_reason_episode_ceased,
        reason_ceased_group,

        -- two-year stability (null when year N-1's return is not loaded)
        two_year_start_date,
        is_previous_return_loaded,
        is_looked_after_previous_31mar,
        n_placements_2yrs,
        has_3plus_placements_2yrs,
        in_two_year_stability_cohort
    from characteristics_labelled
)

select * from final
