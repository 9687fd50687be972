{#-
    The comparators of every LA-level Total row of rpt_indicators whose indicator DfE publishes at
    LA level (the set comes from the dfe_published_indicators seed, so it grows with the seed), in
    long form: England, the LA's region (la_lookup, in force for the year), its ten statistical
    neighbours, and the LA itself as DfE published it, each with DfE's published value (text, symbols
    kept) and its numeric form (null for a symbol or when DfE published no figure).

    Statistical neighbours: the newest model that covers the LA, for every year (the 2025 model;
    the April 2021 groupings only for an authority the 2025 model does not have, such as Cumbria).
    DfE's dashboard and LAIT show one comparator group over the whole time series too.
-#}

with

indicators as (
    select * from {{ ref('rpt_indicators') }}
),

published as (
    select * from {{ ref('dfe_published_indicators') }}
),

la_lookup as (
    select * from {{ ref('la_lookup') }}
),

neighbour_groups as (
    select * from {{ ref('statistical_neighbours') }}
),

published_values as (
    select
        indicator,
        time_period,
        geographic_level,
        area_code,
        old_la_code,
        area_name,
        value as value_published,
        {{ number_or_null('value') }} as value_numeric,
        source_file
    from published
),

la_level_indicators as (
    -- what DfE publishes at LA level, derived from the seed
    select distinct indicator
    from published_values
    where geographic_level = 'Local authority'
),

la_rows as (
    select
        indicators.old_la_code,
        indicators.la_name,
        indicators.time_period,
        indicators.indicator
    from indicators
    inner join la_level_indicators
        on indicators.indicator = la_level_indicators.indicator
    where indicators.geographic_level = 'Local authority'
        and indicators.breakdown_topic = 'Total'
        and indicators.breakdown = 'Total'
),

regions as (
    select
        la_rows.old_la_code,
        la_rows.time_period,
        la_rows.indicator,
        la_lookup.region_code,
        la_lookup.region_name
    from la_rows
    inner join la_lookup
        on la_rows.old_la_code = la_lookup.old_la_code
        and (la_lookup.valid_from_year is null or la_lookup.valid_from_year <= la_rows.time_period)
        and (la_lookup.valid_to_year is null or la_lookup.valid_to_year >= la_rows.time_period)
),

chosen_models as (
    -- the newest model that covers the LA ('2025' sorts after '2021')
    select
        old_la_code,
        max(sn_model) as sn_model
    from neighbour_groups
    group by old_la_code
),

neighbours as (
    select
        la_rows.old_la_code,
        la_rows.time_period,
        la_rows.indicator,
        neighbour_groups.sn_model,
        neighbour_groups.neighbour_rank,
        neighbour_groups.neighbour_old_la_code,
        neighbour_groups.neighbour_la_name,
        neighbour_groups.closeness
    from la_rows
    inner join chosen_models
        on la_rows.old_la_code = chosen_models.old_la_code
    inner join neighbour_groups
        on chosen_models.old_la_code = neighbour_groups.old_la_code
        and chosen_models.sn_model = neighbour_groups.sn_model
),

england_rows as (
    select
        la_rows.old_la_code,
        la_rows.time_period,
        la_rows.indicator,
        'england' as comparator_type,
        1 as comparator_order,
        'E92000001' as comparator_code,
        'England' as comparator_name,
        cast(null as {{ dbt.type_int() }}) as neighbour_rank,
        cast(null as {{ dbt.type_string() }}) as closeness,
        cast(null as {{ dbt.type_string() }}) as sn_model,
        published_values.value_published,
        published_values.value_numeric,
        published_values.source_file
    from la_rows
    left join published_values
        on published_values.geographic_level = 'National'
        and la_rows.indicator = published_values.indicator
        and la_rows.time_period = published_values.time_period
),

region_rows as (
    select
        regions.old_la_code,
        regions.time_period,
        regions.indicator,
        'region' as comparator_type,
        2 as comparator_order,
        regions.region_code as comparator_code,
        regions.region_name as comparator_name,
        cast(null as {{ dbt.type_int() }}) as neighbour_rank,
        cast(null as {{ dbt.type_string() }}) as closeness,
        cast(null as {{ dbt.type_string() }}) as sn_model,
        published_values.value_published,
        published_values.value_numeric,
        published_values.source_file
    from regions
    left join published_values
        on published_values.geographic_level = 'Regional'
        and regions.region_code = published_values.area_code
        and regions.indicator = published_values.indicator
        and regions.time_period = published_values.time_period
),

same_la_rows as (
    -- the LA's own figure as DfE published it: the reconciliation check
    select
        la_rows.old_la_code,
        la_rows.time_period,
        la_rows.indicator,
        'dfe_same_la' as comparator_type,
        0 as comparator_order,
        la_rows.old_la_code as comparator_code,
        la_rows.la_name as comparator_name,
        cast(null as {{ dbt.type_int() }}) as neighbour_rank,
        cast(null as {{ dbt.type_string() }}) as closeness,
        cast(null as {{ dbt.type_string() }}) as sn_model,
        published_values.value_published,
        published_values.value_numeric,
        published_values.source_file
    from la_rows
    left join published_values
        on published_values.geographic_level = 'Local authority'
        and la_rows.old_la_code = published_values.old_la_code
        and la_rows.indicator = published_values.indicator
        and la_rows.time_period = published_values.time_period
),

neighbour_rows as (
    select
        neighbours.old_la_code,
        neighbours.time_period,
        neighbours.indicator,
        'statistical_neighbour' as comparator_type,
        2 + neighbours.neighbour_rank as comparator_order,
        neighbours.neighbour_old_la_code as comparator_code,
        neighbours.neighbour_la_name as comparator_name,
        neighbours.neighbour_rank,
        neighbours.closeness,
        neighbours.sn_model,
        published_values.value_published,
        published_values.value_numeric,
        published_values.source_file
    from neighbours
    left join published_values
        on published_values.geographic_level = 'Local authority'
        and neighbours.neighbour_old_la_code = published_values.old_la_code
        and neighbours.indicator = published_values.indicator
        and neighbours.time_period = published_values.time_period
),

comparators as (
    select * from same_la_rows
    union all
    select * from england_rows
    union all
    select * from region_rows
    union all
    select * from neighbour_rows
),

final as (
    select
        cast(time_period as {{ dbt.type_int() }}) as time_period,
        cast(old_la_code as {{ dbt.type_string() }}) as old_la_code,
        cast(indicator as {{ dbt.type_string() }}) as indicator,
        cast(comparator_order as {{ dbt.type_int() }}) as comparator_order,
        cast(comparator_type as {{ dbt.type_string() }}) as comparator_type,
        cast(comparator_code as {{ dbt.type_string() }}) as comparator_code,
        cast(comparator_name as {{ dbt.type_string() }}) as comparator_name,
        cast(neighbour_rank as {{ dbt.type_int() }}) as neighbour_rank,
        cast(closeness as {{ dbt.type_string() }}) as closeness,
        cast(sn_model as {{ dbt.type_string() }}) as sn_model,
        cast(value_published as {{ dbt.type_string() }}) as value_published,
        cast(value_numeric as {{ type_double() }}) as value_numeric,
        cast(source_file as {{ dbt.type_string() }}) as source_file
    from comparators
)

select * from final
order by old_la_code, time_period, indicator, comparator_order
