{#-
    Every period of care that ended with a cease (REC not null and not X1), with its length and what
    followed it (docs/indicator-conventions.md, "Adoption timeliness and local outcome measures").
    Short breaks are already removed, so a short break after a return home is not a re-entry.

    - days in care = DEC - start of the period (the day of DEC is not a day in care): 28 days or
      fewer is a short period. When the period starts at the child's first known episode and that
      episode's RNE is not S, the start is only a lower bound: the length is then unknown, except
      that a lower bound over 28 days still says "more than 28 days";
    - returned home: the period's last REC is E4A or E4B;
    - re-entry: the child's next period of care (an RNE S episode, or any episode after a cease,
      which starts a period by rule 6) starts 0 to 365 days after DEC;
    - the year of a cease is the collection year containing DEC; a child's last cease of the year
      and first return home of the year are flagged.
-#}

with

periods as (
    select * from {{ ref('int_periods_of_care_collapsed') }}
),

return_episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

periods_followed as (
    select
        la_code,
        child_id,
        period_of_care_number,
        period_of_care_start_date,
        period_of_care_end_date,
        last_reason_episode_ceased,
        is_ceased,
        case
            when period_of_care_number = 1 and coalesce(first_reason_for_new_episode, '') <> 'S' then true
            else false
        end as is_start_lower_bound,
        lead(period_of_care_start_date) over (
            partition by la_code, child_id order by period_of_care_number
        ) as next_period_start_date
    from periods
),

ceased_periods as (
    select
        *,
        cast(
            extract(year from period_of_care_end_date)
            + case when extract(month from period_of_care_end_date) >= 4 then 1 else 0 end
            as {{ dbt.type_int() }}
        ) as collection_year,
        {{ dbt.datediff('period_of_care_start_date', 'period_of_care_end_date', 'day') }}
            as days_in_care_at_least,
        {{ dbt.datediff('period_of_care_end_date', 'next_period_start_date', 'day') }}
            as days_to_next_period,
        case when last_reason_episode_ceased in ('E4A', 'E4B') then true else false end as is_returned_home
    from periods_followed
    where is_ceased
        and period_of_care_end_date is not null
),

children_in_return as (
    select distinct la_code, collection_year, child_id
    from return_episodes
),

ranked_in_year as (
    select
        ceased_periods.*,
        case when children_in_return.child_id is not null then true else false end as is_in_cease_year_return,
        row_number() over (
            partition by ceased_periods.la_code, ceased_periods.child_id, ceased_periods.collection_year
            order by ceased_periods.period_of_care_end_date desc
        ) as cease_rank_from_last,
        row_number() over (
            partition by
                ceased_periods.la_code,
                ceased_periods.child_id,
                ceased_periods.collection_year,
                ceased_periods.is_returned_home
            order by ceased_periods.period_of_care_end_date
        ) as rank_among_same_kind
    from ceased_periods
    left join children_in_return
        on ceased_periods.la_code = children_in_return.la_code
        and ceased_periods.collection_year = children_in_return.collection_year
        and ceased_periods.child_id = children_in_return.child_id
),

final as (
    select
        -- ids
        la_code,
        child_id,
        period_of_care_number,

        -- the cease
        collection_year,
        period_of_care_start_date,
        period_of_care_end_date,
        last_reason_episode_ceased,
        is_in_cease_year_return,
        case when cease_rank_from_last = 1 then true else false end as is_last_cease_in_year,
        is_returned_home,
        case
            when is_returned_home and rank_among_same_kind = 1 then true else false
        end as is_first_return_home_in_year,

        -- length of the period
        is_start_lower_bound,
        days_in_care_at_least,
        case when is_start_lower_bound then null else days_in_care_at_least end as days_in_care,
        case
            when not is_start_lower_bound then days_in_care_at_least <= 28
            when days_in_care_at_least > 28 then false
        end as is_within_28_days,

        -- what followed
        next_period_start_date,
        days_to_next_period,
        case
            when days_to_next_period between 0 and 365 then true else false
        end as is_reentered_within_365_days
    from ranked_in_year
)

select * from final
