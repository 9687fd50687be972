{#-
    Care leavers aged 17-18 and 19-21 (indicator-conventions.md, "Outcomes from the whole SSDA903
    return"; project additions "OC2, OC3 and social workers"): one row per LA, collection year and
    indicator, Total breakdown only. Every loaded return gets every indicator; a return without the
    OC3 table has null numerators and denominators (published 'x').

    - the cohort of an age group: year N's OC3 rows in that group after the exclusions (died,
      returned home, care taken over by another LA, short breaks only); care_leavers_<age> counts it.
    - activity percentages over the cohort. The apprenticeship and "training or employment excluding
      apprenticeships" splits exist only in years whose code list has ACTIV F4 (code-list seed:
      2022 on); before that their numerator is null with the cohort as denominator, published 'z'.
    - accommodation percentages over the cohort less ACCOM G*, H* and R*.
    - in touch: IN_TOUCH YES over the cohort.
    - staying put: of the cohort whose last episode ceased on the 18th birthday in a foster
      placement, those living with former foster carers (ACCOM Z1, Z2).
-#}

{%- set age_groups = ['17_18', '19_21'] %}

{#- (indicator id after pct_care_leavers_<age>_, numerator, denominator); split indicators last -#}
{%- set percentages = [
    ('eet', 'n_eet', 'n_cohort'),
    ('neet', 'n_neet', 'n_cohort'),
    ('activity_not_known', 'n_activity_not_known', 'n_cohort'),
    ('higher_education', 'n_higher_education', 'n_cohort'),
    ('education_other_than_he', 'n_education_other_than_he', 'n_cohort'),
    ('suitable_accom', 'n_suitable_accom', 'n_accommodation_known_place'),
    ('unsuitable_accom', 'n_unsuitable_accom', 'n_accommodation_known_place'),
    ('accom_not_known', 'n_accom_not_known', 'n_accommodation_known_place'),
    ('in_touch', 'n_in_touch', 'n_cohort'),
    ('staying_put', 'n_staying_put', 'n_ceased_in_foster_care_on_18th_birthday'),
] %}
{%- set split_percentages = [
    ('apprenticeship', 'n_apprenticeship', 'n_cohort'),
    ('training_employment_excl_apprenticeship', 'n_training_employment_excl_apprenticeship', 'n_cohort'),
] %}

with

care_leavers as (
    select * from {{ ref('fct_care_leaver_years') }}
    where is_in_cohort
),

returns as (
    select * from {{ ref('int_returns_with_outcome_tables') }}
),

code_lists as (
    select * from {{ ref('ssda903_code_lists') }}
),

age_groups as (
    {% for age_group in age_groups %}
    select '{{ age_group }}' as age_group
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

apprenticeship_codes as (
    -- the apprenticeship split exists in the years ACTIV F4 is a valid code
    select valid_from_year, valid_to_year, 1 as code_flag
    from code_lists
    where field = 'ACTIV' and code = 'F4'
),

la_years as (
    select
        returns.la_code,
        returns.collection_year,
        returns.has_oc3_table,
        coalesce(max(apprenticeship_codes.code_flag), 0) as apprenticeship_code_flag
    from returns
    left join apprenticeship_codes
        on (apprenticeship_codes.valid_from_year is null or apprenticeship_codes.valid_from_year <= returns.collection_year)
        and (apprenticeship_codes.valid_to_year is null or apprenticeship_codes.valid_to_year >= returns.collection_year)
    group by returns.la_code, returns.collection_year, returns.has_oc3_table
),

la_year_groups as (
    select
        la_years.la_code,
        la_years.collection_year,
        la_years.has_oc3_table,
        la_years.apprenticeship_code_flag,
        age_groups.age_group,
        count(care_leavers.child_id) as n_cohort,
        sum(case when care_leavers.is_eet then 1 else 0 end) as n_eet,
        sum(case when care_leavers.activity_group = 'neet' then 1 else 0 end) as n_neet,
        sum(case when care_leavers.activity_group = 'not_known' then 1 else 0 end) as n_activity_not_known,
        sum(case when care_leavers.activity_group = 'higher_education' then 1 else 0 end) as n_higher_education,
        sum(case when care_leavers.activity_group = 'education_other_than_he' then 1 else 0 end)
            as n_education_other_than_he,
        sum(case when care_leavers.activity_group = 'apprenticeship' then 1 else 0 end) as n_apprenticeship,
        sum(case when care_leavers.activity_group = 'training_employment_excl_apprenticeship' then 1 else 0 end)
            as n_training_employment_excl_apprenticeship,
        sum(case when care_leavers.accommodation_group <> 'excluded' then 1 else 0 end)
            as n_accommodation_known_place,
        sum(case when care_leavers.accommodation_group = 'suitable' then 1 else 0 end) as n_suitable_accom,
        sum(case when care_leavers.accommodation_group = 'unsuitable' then 1 else 0 end) as n_unsuitable_accom,
        sum(case when care_leavers.accommodation_group = 'not_known' then 1 else 0 end) as n_accom_not_known,
        sum(case when care_leavers.is_in_touch then 1 else 0 end) as n_in_touch,
        sum(case when care_leavers.ceased_in_foster_care_on_18th_birthday then 1 else 0 end)
            as n_ceased_in_foster_care_on_18th_birthday,
        sum(case
            when care_leavers.ceased_in_foster_care_on_18th_birthday and care_leavers.is_with_former_foster_carers
                then 1 else 0
        end) as n_staying_put
    from la_years
    cross join age_groups
    left join care_leavers
        on la_years.la_code = care_leavers.la_code
        and la_years.collection_year = care_leavers.collection_year
        and age_groups.age_group = care_leavers.age_group
    group by
        la_years.la_code,
        la_years.collection_year,
        la_years.has_oc3_table,
        la_years.apprenticeship_code_flag,
        age_groups.age_group
),

indicator_counts as (
    select
        la_code,
        collection_year,
        {{ dbt.concat(["'care_leavers_'", 'age_group']) }} as indicator,
        case when has_oc3_table then n_cohort end as numerator,
        cast(null as {{ type_double() }}) as denominator
    from la_year_groups
    {% for suffix, numerator, denominator in percentages %}
    union all
    select
        la_code,
        collection_year,
        {{ dbt.concat(["'pct_care_leavers_'", 'age_group', "'_" ~ suffix ~ "'"]) }} as indicator,
        case when has_oc3_table then {{ numerator }} end as numerator,
        case when has_oc3_table then {{ denominator }} end as denominator
    from la_year_groups
    {% endfor %}
    {% for suffix, numerator, denominator in split_percentages %}
    union all
    select
        la_code,
        collection_year,
        {{ dbt.concat(["'pct_care_leavers_'", 'age_group', "'_" ~ suffix ~ "'"]) }} as indicator,
        -- a null numerator with a denominator is published 'z': the split does not exist that year
        case when has_oc3_table and apprenticeship_code_flag = 1 then {{ numerator }} end as numerator,
        case when has_oc3_table then {{ denominator }} end as denominator
    from la_year_groups
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
