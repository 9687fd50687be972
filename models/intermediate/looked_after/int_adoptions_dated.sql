{#-
    Children adopted (an episode ending with REC E11 or E12) with the dates of each adoption stage
    and the days between them (metric-definitions.md 5.4; docs/indicator-conventions.md, "Adoption
    timeliness and local outcome measures"). Short breaks are already removed from the episodes.

    - entry to care: the start of the period of care that the adoption ended. It is only a lower
      bound when that period starts at the child's first known episode and that episode's RNE is
      not S (the child was in care before the earliest loaded return): such a child is left out of
      every stage that starts at entry;
    - decision (DATE_INT) and match (DATE_MATCH): the child's AD1 row of the latest return that has
      one;
    - placed for adoption: the start of the first A3-A6 episode of the period;
    - court authority to place (A2): the start of the first episode of the period with legal status
      E1 (placement order) or D1 (freeing order); unknown when that episode is the first episode of
      a period whose start is a lower bound;
    - A10 "moved in": for a child adopted by their foster carers (FOSTER_CARE = 1), the start of the
      placement the adoption episode belongs to (adoption by the current carer continues the
      placement); otherwise the placed date;
    - a stage whose end comes before its start (the dates contradict each other) is left out,
      except A2, which is 0 when the match came before the order.
-#}

with

episodes as (
    select * from {{ ref('int_episodes_sequenced') }}
),

placements as (
    select * from {{ ref('int_placements_collapsed') }}
),

adoption_records as (
    select * from {{ ref('stg_ssda903__adoptions') }}
),

return_episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

adoption_episodes as (
    select
        la_code,
        child_id,
        period_of_care_number,
        period_of_care_start_date,
        placement_number as adoption_placement_number,
        episode_end_date as adoption_date,
        reason_episode_ceased as adoption_reason_code,
        cast(
            extract(year from episode_end_date)
            + case when extract(month from episode_end_date) >= 4 then 1 else 0 end
            as {{ dbt.type_int() }}
        ) as collection_year
    from episodes
    where reason_episode_ceased in ('E11', 'E12')
        and episode_end_date is not null
),

period_first_episodes as (
    select
        la_code,
        child_id,
        period_of_care_number,
        episode_start_date as first_episode_start_date,
        case
            when episode_number = 1 and coalesce(reason_for_new_episode, '') <> 'S' then true
            else false
        end as is_entry_date_lower_bound
    from episodes
    where starts_period_of_care
),

period_milestones as (
    select
        la_code,
        child_id,
        period_of_care_number,
        min(case
            when placement_type in ({{ quoted_list(var('placed_for_adoption_placements')) }})
                then episode_start_date
        end) as placed_for_adoption_date,
        min(case when legal_status in ('E1', 'D1') then episode_start_date end) as placement_order_date
    from episodes
    group by la_code, child_id, period_of_care_number
),

latest_adoption_records as (
    select
        la_code,
        child_id,
        collection_year as adoption_record_collection_year,
        should_be_placed_decision_date,
        matched_date,
        was_fostered_by_adopters,
        row_number() over (
            partition by la_code, child_id order by collection_year desc
        ) as recency_rank
    from adoption_records
),

children_in_return as (
    select distinct la_code, collection_year, child_id
    from return_episodes
),

joined as (
    select
        adoption_episodes.la_code,
        adoption_episodes.collection_year,
        adoption_episodes.child_id,
        adoption_episodes.adoption_date,
        adoption_episodes.adoption_reason_code,
        adoption_episodes.period_of_care_number,
        adoption_episodes.period_of_care_start_date as entry_date,
        period_first_episodes.is_entry_date_lower_bound,
        latest_adoption_records.adoption_record_collection_year,
        latest_adoption_records.should_be_placed_decision_date as decision_date,
        latest_adoption_records.matched_date,
        period_milestones.placed_for_adoption_date,
        period_milestones.placement_order_date,
        case
            when period_first_episodes.is_entry_date_lower_bound
                and period_milestones.placement_order_date = period_first_episodes.first_episode_start_date
                then true
            else false
        end as is_placement_order_date_lower_bound,
        coalesce(latest_adoption_records.was_fostered_by_adopters, false) as was_adopted_by_foster_carers,
        adoption_placements.placement_start_date as adoption_placement_start_date,
        case when children_in_return.child_id is not null then true else false end as is_in_adoption_year_return
    from adoption_episodes
    inner join period_first_episodes
        on adoption_episodes.la_code = period_first_episodes.la_code
        and adoption_episodes.child_id = period_first_episodes.child_id
        and adoption_episodes.period_of_care_number = period_first_episodes.period_of_care_number
    inner join period_milestones
        on adoption_episodes.la_code = period_milestones.la_code
        and adoption_episodes.child_id = period_milestones.child_id
        and adoption_episodes.period_of_care_number = period_milestones.period_of_care_number
    left join latest_adoption_records
        on adoption_episodes.la_code = latest_adoption_records.la_code
        and adoption_episodes.child_id = latest_adoption_records.child_id
        and latest_adoption_records.recency_rank = 1
    left join placements as adoption_placements
        on adoption_episodes.la_code = adoption_placements.la_code
        and adoption_episodes.child_id = adoption_placements.child_id
        and adoption_episodes.adoption_placement_number = adoption_placements.placement_number
    left join children_in_return
        on adoption_episodes.la_code = children_in_return.la_code
        and adoption_episodes.collection_year = children_in_return.collection_year
        and adoption_episodes.child_id = children_in_return.child_id
),

moved_in_dated as (
    select
        *,
        case
            when was_adopted_by_foster_carers then adoption_placement_start_date
            else placed_for_adoption_date
        end as moved_in_date,
        case when is_entry_date_lower_bound then null else entry_date end as usable_entry_date,
        case
            when is_placement_order_date_lower_bound then null else placement_order_date
        end as usable_placement_order_date
    from joined
),

raw_days as (
    select
        *,
        {{ dbt.datediff('usable_entry_date', 'decision_date', 'day') }} as raw_days_entry_to_decision,
        {{ dbt.datediff('decision_date', 'matched_date', 'day') }} as raw_days_decision_to_match,
        {{ dbt.datediff('matched_date', 'placed_for_adoption_date', 'day') }} as raw_days_match_to_placed,
        {{ dbt.datediff('usable_entry_date', 'placed_for_adoption_date', 'day') }} as raw_days_entry_to_placed,
        {{ dbt.datediff('placed_for_adoption_date', 'adoption_date', 'day') }} as raw_days_placed_to_adoption,
        {{ dbt.datediff('usable_entry_date', 'adoption_date', 'day') }} as raw_days_entry_to_adoption,
        {{ dbt.datediff('usable_entry_date', 'moved_in_date', 'day') }} as raw_days_entry_to_moved_in,
        {{ dbt.datediff('usable_placement_order_date', 'matched_date', 'day') }} as raw_days_order_to_match,
        {{ dbt.datediff('decision_date', 'placed_for_adoption_date', 'day') }} as raw_days_decision_to_placed,
        {{ dbt.dateadd('month', 12, 'decision_date') }} as decision_plus_12_months_date
    from moved_in_dated
),

final as (
    select
        -- ids
        la_code,
        collection_year,
        child_id,
        adoption_date,

        -- the adoption
        adoption_reason_code,
        period_of_care_number,
        is_in_adoption_year_return,
        adoption_record_collection_year,
        was_adopted_by_foster_carers,

        -- stage dates
        entry_date,
        is_entry_date_lower_bound,
        decision_date,
        matched_date,
        placement_order_date,
        is_placement_order_date_lower_bound,
        placed_for_adoption_date,
        adoption_placement_start_date,
        moved_in_date,

        -- days per stage (null when a date is missing, only a lower bound, or out of order)
        case when raw_days_entry_to_decision >= 0 then raw_days_entry_to_decision end
            as days_entry_to_decision,
        case when raw_days_decision_to_match >= 0 then raw_days_decision_to_match end
            as days_decision_to_match,
        case when raw_days_match_to_placed >= 0 then raw_days_match_to_placed end
            as days_match_to_placed,
        case when raw_days_entry_to_placed >= 0 then raw_days_entry_to_placed end
            as days_entry_to_placed,
        case when raw_days_placed_to_adoption >= 0 then raw_days_placed_to_adoption end
            as days_placed_to_adoption,
        case when raw_days_entry_to_adoption >= 0 then raw_days_entry_to_adoption end
            as days_entry_to_adoption,

        -- scorecard measures (A1 is days_entry_to_placed)
        case
            when placed_for_adoption_date is null or placed_for_adoption_date >= adoption_date then null
            when raw_days_order_to_match < 0 then 0
            else raw_days_order_to_match
        end as days_a2,
        case when raw_days_entry_to_moved_in >= 0 then raw_days_entry_to_moved_in end as days_a10,

        -- placed within 12 months of the decision (same day 12 months later; 29 Feb -> 28 Feb)
        case
            when raw_days_decision_to_placed is null or raw_days_decision_to_placed < 0 then null
            when placed_for_adoption_date <= decision_plus_12_months_date then true
            else false
        end as is_placed_within_12m_of_decision,

        case
            when raw_days_entry_to_decision < 0
                or raw_days_decision_to_match < 0
                or raw_days_match_to_placed < 0
                or raw_days_entry_to_placed < 0
                or raw_days_placed_to_adoption < 0
                or raw_days_decision_to_placed < 0
                then true
            else false
        end as has_dates_out_of_order
    from raw_days
)

select * from final
