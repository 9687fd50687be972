{#-
    Adoption timeliness (metric-definitions.md 5.4; docs/indicator-conventions.md, "Adoption
    timeliness and local outcome measures"): one row per LA, collection year and indicator, Total
    breakdown only. Every loaded return gets every indicator.

    - The children of year N are those adopted in year N (DEC of the E11/E12 episode) who have an
      episode row in year N's return (fct_adoptions.is_in_adoption_year_return).
    - Stage means over year N's children: numerator = sum of days, denominator = children with the
      stage's days (both dates present, usable and in order).
    - Scorecard A1, A2, A10 pool the children of years N-2, N-1 and N, and are computed only when
      all three returns are loaded; otherwise numerator and denominator are null (published 'x').
    - pct_adopted_placed_within_12m_of_decision: of year N's children with a decision and a placed
      date, those placed on or before the same day 12 months after the decision.
-#}

{%- set yearly_means = [
    ('adoption_days_entry_to_decision', 'days_entry_to_decision'),
    ('adoption_days_decision_to_match', 'days_decision_to_match'),
    ('adoption_days_match_to_placed', 'days_match_to_placed'),
    ('adoption_days_entry_to_placed', 'days_entry_to_placed'),
    ('adoption_days_placed_to_adoption', 'days_placed_to_adoption'),
    ('adoption_days_entry_to_adoption', 'days_entry_to_adoption'),
] %}

{%- set pooled_means = [
    ('adoption_a1_days', 'days_entry_to_placed'),
    ('adoption_a2_days', 'days_a2'),
    ('adoption_a10_days', 'days_a10'),
] %}

{#- every day column summed above (A1 reuses days_entry_to_placed) -#}
{%- set day_columns = yearly_means | map(attribute=1) | list + ['days_a2', 'days_a10'] %}

with

adoptions as (
    select * from {{ ref('fct_adoptions') }}
    where is_in_adoption_year_return
),

return_episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

returns_loaded as (
    select distinct la_code, collection_year
    from return_episodes
),

adoption_years as (
    -- sums and counts of each stage over the children adopted in one year
    select
        returns_loaded.la_code,
        returns_loaded.collection_year,
        {% for days in day_columns %}
        coalesce(sum(adoptions.{{ days }}), 0) as sum_{{ days }},
        count(adoptions.{{ days }}) as n_{{ days }},
        {% endfor %}
        sum(case when adoptions.is_placed_within_12m_of_decision then 1 else 0 end) as n_placed_within_12m,
        count(adoptions.is_placed_within_12m_of_decision) as n_decided_and_placed
    from returns_loaded
    left join adoptions
        on returns_loaded.la_code = adoptions.la_code
        and returns_loaded.collection_year = adoptions.collection_year
    group by returns_loaded.la_code, returns_loaded.collection_year
),

pooled_years as (
    -- the scorecard's 3-year cohort ending in year N: years N-2 to N, all three loaded
    select
        returns_loaded.la_code,
        returns_loaded.collection_year,
        count(*) as n_returns_pooled,
        {% for _, days in pooled_means %}
        sum(adoption_years.sum_{{ days }}) as pooled_sum_{{ days }},
        sum(adoption_years.n_{{ days }}) as pooled_n_{{ days }}{{ "," if not loop.last }}
        {% endfor %}
    from returns_loaded
    inner join adoption_years
        on returns_loaded.la_code = adoption_years.la_code
        and adoption_years.collection_year between returns_loaded.collection_year - 2
            and returns_loaded.collection_year
    group by returns_loaded.la_code, returns_loaded.collection_year
),

indicator_counts as (
    {% for indicator, days in yearly_means %}
    select
        la_code,
        collection_year,
        '{{ indicator }}' as indicator,
        sum_{{ days }} as numerator,
        n_{{ days }} as denominator
    from adoption_years
    union all
    {% endfor %}
    {% for indicator, days in pooled_means %}
    select
        la_code,
        collection_year,
        '{{ indicator }}' as indicator,
        case when n_returns_pooled = 3 then pooled_sum_{{ days }} end as numerator,
        case when n_returns_pooled = 3 then pooled_n_{{ days }} end as denominator
    from pooled_years
    union all
    {% endfor %}
    select
        la_code,
        collection_year,
        'pct_adopted_placed_within_12m_of_decision' as indicator,
        n_placed_within_12m as numerator,
        n_decided_and_placed as denominator
    from adoption_years
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
