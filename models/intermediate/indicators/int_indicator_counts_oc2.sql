{#-
    SDQ and health outcomes of the CLA 12 months cohort (indicator-conventions.md, "Outcomes from
    the whole SSDA903 return"; project additions "OC2, OC3 and social workers"): one row per LA,
    collection year and indicator, Total breakdown only. Every loaded return gets every indicator;
    a return without the OC2 table has null numerators and denominators (published 'x').

    - SDQ over the cohort aged 5-16 at 31 March: received = a score; the mean and the three bands
      are over the children with a score (mean: numerator = sum of scores, denominator = how many).
    - health assessment, dental check, immunisations and substance misuse over the whole cohort;
      development assessments over ages 0-4; convictions over ages 10-17.
    - substance misuse interventions over the children with a substance misuse problem: received =
      INTERVENTION_RECEIVED; refused = INTERVENTION_OFFERED ("offered but refused") and not received.
-#}

{%- set indicators = [
    ('pct_sdq_received', 'n_5_16_with_sdq_score', 'n_5_16'),
    ('sdq_mean_score', 'sum_sdq_score', 'n_5_16_with_sdq_score'),
    ('pct_sdq_normal_0_13', 'n_sdq_0_13', 'n_5_16_with_sdq_score'),
    ('pct_sdq_borderline_14_16', 'n_sdq_14_16', 'n_5_16_with_sdq_score'),
    ('pct_sdq_concern_17_40', 'n_sdq_17_40', 'n_5_16_with_sdq_score'),
    ('pct_health_assessment', 'n_health_assessment', 'n_cohort'),
    ('pct_dental_check', 'n_teeth_check', 'n_cohort'),
    ('pct_immunisations', 'n_immunisations', 'n_cohort'),
    ('pct_dev_assessment_0_4', 'n_0_4_development_assessment', 'n_0_4'),
    ('pct_convicted_10_17', 'n_10_17_convicted', 'n_10_17'),
    ('pct_substance_misuse', 'n_substance_misuse', 'n_cohort'),
    ('pct_substance_misuse_intervention_received', 'n_substance_misuse_intervention_received', 'n_substance_misuse'),
    ('pct_substance_misuse_intervention_refused', 'n_substance_misuse_intervention_refused', 'n_substance_misuse'),
] %}

with

cla12m as (
    select * from {{ ref('fct_child_years_outcomes') }}
),

returns as (
    select * from {{ ref('int_returns_with_outcome_tables') }}
),

la_years as (
    select
        returns.la_code,
        returns.collection_year,
        returns.has_oc2_table,
        count(cla12m.child_id) as n_cohort,
        sum(case when cla12m.is_aged_5_16 then 1 else 0 end) as n_5_16,
        sum(case when cla12m.is_aged_5_16 and cla12m.has_sdq_score then 1 else 0 end) as n_5_16_with_sdq_score,
        coalesce(sum(case when cla12m.is_aged_5_16 then cla12m.sdq_score end), 0) as sum_sdq_score,
        sum(case when cla12m.is_aged_5_16 and cla12m.sdq_band = '0-13' then 1 else 0 end) as n_sdq_0_13,
        sum(case when cla12m.is_aged_5_16 and cla12m.sdq_band = '14-16' then 1 else 0 end) as n_sdq_14_16,
        sum(case when cla12m.is_aged_5_16 and cla12m.sdq_band = '17-40' then 1 else 0 end) as n_sdq_17_40,
        sum(case when cla12m.had_health_assessment then 1 else 0 end) as n_health_assessment,
        sum(case when cla12m.had_teeth_check then 1 else 0 end) as n_teeth_check,
        sum(case when cla12m.are_immunisations_up_to_date then 1 else 0 end) as n_immunisations,
        sum(case when cla12m.is_aged_0_4 then 1 else 0 end) as n_0_4,
        sum(case when cla12m.is_aged_0_4 and cla12m.had_development_assessment then 1 else 0 end)
            as n_0_4_development_assessment,
        sum(case when cla12m.is_aged_10_17 then 1 else 0 end) as n_10_17,
        sum(case when cla12m.is_aged_10_17 and cla12m.is_convicted then 1 else 0 end) as n_10_17_convicted,
        sum(case when cla12m.had_substance_misuse_problem then 1 else 0 end) as n_substance_misuse,
        sum(case
            when cla12m.had_substance_misuse_problem and cla12m.received_substance_misuse_intervention
                then 1 else 0
        end) as n_substance_misuse_intervention_received,
        sum(case when cla12m.refused_substance_misuse_intervention then 1 else 0 end)
            as n_substance_misuse_intervention_refused
    from returns
    left join cla12m
        on returns.la_code = cla12m.la_code
        and returns.collection_year = cla12m.collection_year
    group by returns.la_code, returns.collection_year, returns.has_oc2_table
),

indicator_counts as (
    {% for indicator, numerator, denominator in indicators %}
    select
        la_code,
        collection_year,
        '{{ indicator }}' as indicator,
        case when has_oc2_table then {{ numerator }} end as numerator,
        case when has_oc2_table then {{ denominator }} end as denominator
    from la_years
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
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
