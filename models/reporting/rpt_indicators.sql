{#-
    The first-release indicators for every LA and collection year whose SSDA903 return is loaded,
    in EES tidy form (indicator-conventions.md: first-release table and "Publication").
    numerator, denominator and value are unrounded; value_published is rounded half up and
    suppressed. Counts have numerator = value and no denominator; rates use the ONS 0-17 population
    of mid-year N-1; a value that cannot be computed is null and published as 'x'.
-#}

with

child_years as (
    select * from {{ ref('fct_child_years') }}
),

catalogue as (
    select * from {{ ref('indicator_catalogue') }}
),

populations as (
    select * from {{ ref('population_0_17') }}
),

la_lookup as (
    select * from {{ ref('la_lookup') }}
),

la_years as (
    select
        la_code,
        collection_year,
        sum(case when is_looked_after_31mar then 1 else 0 end) as n_looked_after_31mar,
        sum(case when started_in_year then 1 else 0 end) as n_started,
        sum(case when ceased_in_year then 1 else 0 end) as n_ceased,
        sum(case when is_looked_after_31mar and has_3plus_placements_in_year then 1 else 0 end)
            as n_looked_after_31mar_3plus_placements,
        sum(case when in_longterm_stability_cohort then 1 else 0 end) as n_longterm_stability_cohort,
        sum(case when is_longterm_stable then 1 else 0 end) as n_longterm_stable
    from child_years
    group by la_code, collection_year
),

la_years_with_population as (
    -- rates for year N use the population of mid-year N-1
    select
        la_years.*,
        populations.population_0_17
    from la_years
    left join populations
        on la_years.la_code = populations.old_la_code
        and la_years.collection_year = populations.year + 1
        and populations.geographic_level = 'Local authority'
),

indicator_counts as (
    select la_code, collection_year, 'cla_31mar' as indicator,
        n_looked_after_31mar as numerator, cast(null as {{ type_double() }}) as denominator
    from la_years_with_population
    union all
    select la_code, collection_year, 'cla_rate_31mar' as indicator,
        n_looked_after_31mar as numerator, population_0_17 as denominator
    from la_years_with_population
    union all
    select la_code, collection_year, 'cla_starts' as indicator,
        n_started as numerator, cast(null as {{ type_double() }}) as denominator
    from la_years_with_population
    union all
    select la_code, collection_year, 'cla_ceases' as indicator,
        n_ceased as numerator, cast(null as {{ type_double() }}) as denominator
    from la_years_with_population
    union all
    select la_code, collection_year, 'pct_3plus_placements_year' as indicator,
        n_looked_after_31mar_3plus_placements as numerator, n_looked_after_31mar as denominator
    from la_years_with_population
    union all
    select la_code, collection_year, 'pct_longterm_stability_u16' as indicator,
        n_longterm_stable as numerator, n_longterm_stability_cohort as denominator
    from la_years_with_population
),

valued as (
    select
        indicator_counts.la_code,
        indicator_counts.collection_year,
        indicator_counts.indicator,
        catalogue.unit,
        catalogue.decimal_places,
        cast(indicator_counts.numerator as {{ type_double() }}) as numerator,
        cast(indicator_counts.denominator as {{ type_double() }}) as denominator,
        case
            when catalogue.unit = 'count'
                then cast(indicator_counts.numerator as {{ type_double() }})
            when indicator_counts.denominator is null or indicator_counts.denominator = 0
                then null
            when catalogue.unit = 'rate_per_10000'
                then cast(indicator_counts.numerator as {{ type_double() }})
                    / cast(indicator_counts.denominator as {{ type_double() }}) * 10000
            when catalogue.unit = 'percent'
                then 100 * cast(indicator_counts.numerator as {{ type_double() }})
                    / cast(indicator_counts.denominator as {{ type_double() }})
        end as value
    from indicator_counts
    inner join catalogue
        on indicator_counts.indicator = catalogue.indicator
),

labelled as (
    select
        valued.collection_year as time_period,
        'Reporting year' as time_identifier,
        'Local authority' as geographic_level,
        valued.la_code as old_la_code,
        la_lookup.new_la_code,
        la_lookup.la_name,
        valued.indicator,
        'Total' as breakdown_topic,
        'Total' as breakdown,
        valued.numerator,
        valued.denominator,
        valued.value,
        {{ publish_value('valued.unit', 'valued.numerator', 'valued.denominator', 'valued.value', 'valued.decimal_places') }}
            as value_published,
        valued.unit
    from valued
    left join la_lookup
        on valued.la_code = la_lookup.old_la_code
        and (la_lookup.valid_from_year is null or la_lookup.valid_from_year <= valued.collection_year)
        and (la_lookup.valid_to_year is null or la_lookup.valid_to_year >= valued.collection_year)
),

{%- set output_columns = [
    'time_period', 'time_identifier', 'geographic_level', 'old_la_code', 'new_la_code', 'la_name',
    'indicator', 'breakdown_topic', 'breakdown', 'numerator', 'denominator', 'value',
    'value_published', 'unit'
] %}

secondary_suppressed as (
    -- only breakdown cells form groups; this release publishes Total rows only, so this is ready
    -- for breakdowns and changes nothing yet
    {{ secondary_suppression(
        relation='labelled',
        columns=output_columns,
        group_by=['old_la_code', 'time_period', 'indicator', 'breakdown_topic'],
        cell_value='numerator',
        tie_breakers=['breakdown'],
        eligible="breakdown_topic <> 'Total'"
    ) }}
),

final as (
    select
        cast(time_period as {{ dbt.type_int() }}) as time_period,
        cast(time_identifier as {{ dbt.type_string() }}) as time_identifier,
        cast(geographic_level as {{ dbt.type_string() }}) as geographic_level,
        cast(old_la_code as {{ dbt.type_string() }}) as old_la_code,
        cast(new_la_code as {{ dbt.type_string() }}) as new_la_code,
        cast(la_name as {{ dbt.type_string() }}) as la_name,
        cast(indicator as {{ dbt.type_string() }}) as indicator,
        cast(breakdown_topic as {{ dbt.type_string() }}) as breakdown_topic,
        cast(breakdown as {{ dbt.type_string() }}) as breakdown,
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        cast(value as {{ type_double() }}) as value,
        cast(value_published as {{ dbt.type_string() }}) as value_published,
        cast(unit as {{ dbt.type_string() }}) as unit
    from secondary_suppressed
)

select * from final
order by old_la_code, time_period, indicator, breakdown_topic, breakdown
