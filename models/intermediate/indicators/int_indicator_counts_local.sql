{#-
    Local outcome measures (measure_source Local; docs/indicator-conventions.md, "Adoption
    timeliness and local outcome measures"): one row per LA, collection year and indicator, Total
    breakdown only. Every loaded return gets every indicator. Built on int_care_exits_followed.

    - local_pct_ceased_within_28d: children of year N's return whose last cease of year N ended a
      period of 28 days or fewer, over those whose last cease of year N has a known length (or a
      lower bound over 28 days);
    - local_pct_short_period_returned_home: of those short periods, the ones ending E4A/E4B;
    - local_pct_reentry_12m_after_return_home: the children of year N-1's return whose first
      return home (E4A/E4B) fell in year N-1, with a new period of care 0 to 365 days later (every
      such child has had 365 days by 31 March N); null when year N-1's return is not loaded;
    - local_mean_days_in_care_ceased: periods of care (not children) of year N's children that
      ceased in year N, mean days in care, over periods whose start is known.
-#}

with

exits as (
    select * from {{ ref('int_care_exits_followed') }}
    where is_in_cease_year_return
),

return_episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

returns_loaded as (
    select distinct la_code, collection_year
    from return_episodes
),

cease_years as (
    select
        returns_loaded.la_code,
        returns_loaded.collection_year,
        sum(case when exits.is_last_cease_in_year and exits.is_within_28_days then 1 else 0 end)
            as n_ceased_within_28d,
        sum(case when exits.is_last_cease_in_year and exits.is_within_28_days is not null then 1 else 0 end)
            as n_ceased_with_known_length,
        sum(case
            when exits.is_last_cease_in_year and exits.is_within_28_days and exits.is_returned_home
                then 1 else 0
        end) as n_ceased_within_28d_returned_home,
        sum(case when exits.is_first_return_home_in_year then 1 else 0 end) as n_returned_home,
        sum(case
            when exits.is_first_return_home_in_year and exits.is_reentered_within_365_days then 1 else 0
        end) as n_returned_home_reentered_365d,
        coalesce(sum(exits.days_in_care), 0) as sum_days_in_care,
        count(exits.days_in_care) as n_periods_with_known_length
    from returns_loaded
    left join exits
        on returns_loaded.la_code = exits.la_code
        and returns_loaded.collection_year = exits.collection_year
    group by returns_loaded.la_code, returns_loaded.collection_year
),

reentry_cohorts as (
    -- year N reports the children who returned home in year N-1 (null when N-1 is not loaded)
    select
        returns_loaded.la_code,
        returns_loaded.collection_year,
        previous_year.n_returned_home_reentered_365d as numerator,
        previous_year.n_returned_home as denominator
    from returns_loaded
    left join cease_years as previous_year
        on returns_loaded.la_code = previous_year.la_code
        and returns_loaded.collection_year - 1 = previous_year.collection_year
),

indicator_counts as (
    select la_code, collection_year, 'local_pct_ceased_within_28d' as indicator,
        n_ceased_within_28d as numerator, n_ceased_with_known_length as denominator
    from cease_years
    union all
    select la_code, collection_year, 'local_pct_short_period_returned_home' as indicator,
        n_ceased_within_28d_returned_home as numerator, n_ceased_within_28d as denominator
    from cease_years
    union all
    select la_code, collection_year, 'local_pct_reentry_12m_after_return_home' as indicator,
        numerator, denominator
    from reentry_cohorts
    union all
    select la_code, collection_year, 'local_mean_days_in_care_ceased' as indicator,
        sum_days_in_care as numerator, n_periods_with_known_length as denominator
    from cease_years
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
