{#-
    Every indicator for every LA and collection year whose SSDA903 return is loaded, in EES tidy
    form (indicator-conventions.md: "Publication"). The families in
    models/intermediate/indicators supply unrounded numerators and denominators;
    value_published is rounded half up and suppressed. Counts have numerator = value and no
    denominator; rates use the ONS 0-17 population of mid-year N-1; a mean is numerator (a sum)
    over denominator (how many); a value that cannot be computed is null and published as 'x'.
-#}

with

indicator_counts as (
    select * from {{ ref('int_indicator_counts_unioned') }}
),

catalogue as (
    select * from {{ ref('indicator_catalogue') }}
),

populations as (
    select * from {{ ref('population_0_17') }}
    where geographic_level = 'Local authority'
),

la_lookup as (
    select * from {{ ref('la_lookup') }}
),

with_population as (
    -- a rate's denominator is the LA's 0-17 population of mid-year N-1
    select
        indicator_counts.la_code,
        indicator_counts.collection_year,
        indicator_counts.indicator,
        indicator_counts.breakdown_topic,
        indicator_counts.breakdown,
        indicator_counts.numerator,
        case
            when catalogue.unit = 'rate_per_10000' then cast(populations.population_0_17 as {{ type_double() }})
            else indicator_counts.denominator
        end as denominator,
        catalogue.unit,
        catalogue.decimal_places
    from indicator_counts
    inner join catalogue
        on indicator_counts.indicator = catalogue.indicator
    left join populations
        on catalogue.unit = 'rate_per_10000'
        and indicator_counts.la_code = populations.old_la_code
        and indicator_counts.collection_year = populations.year + 1
),

valued as (
    select
        la_code,
        collection_year,
        indicator,
        breakdown_topic,
        breakdown,
        unit,
        decimal_places,
        numerator,
        denominator,
        case
            when unit = 'count' then numerator
            when denominator is null or denominator = 0 then null
            when unit = 'rate_per_10000' then numerator / denominator * 10000
            when unit = 'percent' then 100 * numerator / denominator
            when unit = 'mean' then numerator / denominator
        end as value
    from with_population
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
        valued.breakdown_topic,
        valued.breakdown,
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
    -- only breakdown cells form groups (one group per LA, year, indicator and breakdown topic)
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
