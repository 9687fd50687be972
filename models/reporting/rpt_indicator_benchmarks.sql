{#-
    Each LA-level Total row of rpt_indicators whose indicator DfE publishes at LA level, beside
    DfE's published figures: the LA's own figure as DfE published it (reconciliation), England, the
    region and the ten statistical neighbours (rpt_indicator_neighbour_values), with differences and
    the LA's rank among itself and its neighbours.

    Comparisons use published figures on both sides: the LA's value_published as a number (null for
    c, x and low), never the unrounded value, so a suppressed figure cannot leak through a
    difference. Derived numbers are rounded to 6 decimal places, which keeps floating-point noise
    (and run-to-run noise from parallel sums) out of the exports.
-#}

{%- set derived_places = 6 %}

with

indicators as (
    select * from {{ ref('rpt_indicators') }}
),

catalogue as (
    select * from {{ ref('indicator_catalogue') }}
),

comparators as (
    select * from {{ ref('rpt_indicator_neighbour_values') }}
),

published as (
    select * from {{ ref('dfe_published_indicators') }}
),

sources as (
    select * from {{ ref('dfe_published_sources') }}
),

last_published_years as (
    -- the indicators DfE publishes at LA level, and the last year the seed has for each
    select
        indicator,
        max(time_period) as last_published_year
    from published
    where geographic_level = 'Local authority'
    group by indicator
),

la_rows as (
    select
        indicators.time_period,
        indicators.old_la_code,
        indicators.new_la_code,
        indicators.la_name,
        indicators.indicator,
        indicators.unit,
        catalogue.decimal_places,
        catalogue.better_direction,
        indicators.value,
        indicators.value_published,
        {{ number_or_null('indicators.value_published') }} as la_value_for_comparison,
        last_published_years.last_published_year
    from indicators
    inner join last_published_years
        on indicators.indicator = last_published_years.indicator
    inner join catalogue
        on indicators.indicator = catalogue.indicator
    where indicators.geographic_level = 'Local authority'
        and indicators.breakdown_topic = 'Total'
        and indicators.breakdown = 'Total'
),

single_comparators as (
    -- England, the region and the LA as DfE published it, side by side
    select
        old_la_code,
        time_period,
        indicator,
        max(case when comparator_type = 'dfe_same_la' then value_published end) as dfe_published_value_same_la,
        max(case when comparator_type = 'dfe_same_la' then value_numeric end) as dfe_value_same_la,
        max(case when comparator_type = 'england' then value_published end) as england_value_published,
        max(case when comparator_type = 'england' then value_numeric end) as england_value,
        max(case when comparator_type = 'region' then comparator_code end) as region_code,
        max(case when comparator_type = 'region' then comparator_name end) as region_name,
        max(case when comparator_type = 'region' then value_published end) as region_value_published,
        max(case when comparator_type = 'region' then value_numeric end) as region_value,
        max(case when comparator_type = 'england' then source_file end) as england_source_file
    from comparators
    where comparator_type <> 'statistical_neighbour'
    group by old_la_code, time_period, indicator
),

neighbour_summaries as (
    -- neighbours with a numeric published value; rank = 1 + neighbours strictly better (ties share
    -- the better rank, as DfE's LAIT ranks: R's rank(ties.method = "min"))
    select
        comparators.old_la_code,
        comparators.time_period,
        comparators.indicator,
        max(comparators.sn_model) as sn_model,
        count(*) as neighbours_in_group,
        count(comparators.value_numeric) as neighbours_with_value,
        round(avg(comparators.value_numeric), {{ derived_places }}) as neighbour_mean,
        round(
            percentile_cont(0.5) within group (order by comparators.value_numeric), {{ derived_places }}
        ) as neighbour_median,
        sum(
            case
                when la_rows.better_direction = 'lower'
                    and comparators.value_numeric < la_rows.la_value_for_comparison then 1
                when la_rows.better_direction = 'higher'
                    and comparators.value_numeric > la_rows.la_value_for_comparison then 1
                else 0
            end
        ) as neighbours_better
    from comparators
    inner join la_rows
        on comparators.old_la_code = la_rows.old_la_code
        and comparators.time_period = la_rows.time_period
        and comparators.indicator = la_rows.indicator
    where comparators.comparator_type = 'statistical_neighbour'
    group by comparators.old_la_code, comparators.time_period, comparators.indicator
),

joined as (
    select
        la_rows.*,
        single_comparators.dfe_published_value_same_la,
        single_comparators.dfe_value_same_la,
        single_comparators.england_value_published,
        single_comparators.england_value,
        single_comparators.region_code,
        single_comparators.region_name,
        single_comparators.region_value_published,
        single_comparators.region_value,
        single_comparators.england_source_file,
        neighbour_summaries.sn_model,
        coalesce(neighbour_summaries.neighbours_in_group, 0) as neighbours_in_group,
        coalesce(neighbour_summaries.neighbours_with_value, 0) as neighbours_with_value,
        neighbour_summaries.neighbour_mean,
        neighbour_summaries.neighbour_median,
        neighbour_summaries.neighbours_better,
        sources.source_release,
        sources.vintage
    from la_rows
    left join single_comparators
        on la_rows.old_la_code = single_comparators.old_la_code
        and la_rows.time_period = single_comparators.time_period
        and la_rows.indicator = single_comparators.indicator
    left join neighbour_summaries
        on la_rows.old_la_code = neighbour_summaries.old_la_code
        and la_rows.time_period = neighbour_summaries.time_period
        and la_rows.indicator = neighbour_summaries.indicator
    left join sources
        on single_comparators.england_source_file = sources.source_file
),

flagged as (
    select
        *,
        -- differences and rank need a number for the LA and an indicator on a common scale
        (unit <> 'count' and la_value_for_comparison is not null) as is_comparable,
        (
            unit <> 'count'
            and la_value_for_comparison is not null
            and better_direction in ('higher', 'lower')
            and neighbours_with_value > 0
        ) as is_ranked
    from joined
),

compared as (
    select
        *,
        case when is_comparable then la_value_for_comparison - england_value end as diff_from_england,
        case when is_comparable then la_value_for_comparison - region_value end as diff_from_region,
        case when is_comparable then la_value_for_comparison - neighbour_mean end as diff_from_neighbour_mean,
        case when is_ranked then 1 + neighbours_better end as rank_among_neighbours,
        case when is_ranked then 1 + neighbours_with_value end as ranked_areas,
        la_value_for_comparison - dfe_value_same_la as diff_from_dfe_same_la,
        case
            when dfe_published_value_same_la is null then 'no_dfe_figure'
            when la_value_for_comparison is null or dfe_value_same_la is null then 'not_comparable'
            when la_value_for_comparison = dfe_value_same_la then 'match'
            -- within one unit of the last published decimal place (1 point for whole percentages)
            when unit <> 'count'
                and abs(la_value_for_comparison - dfe_value_same_la)
                    <= power(10, -decimal_places) + 0.000001 then 'within_one_unit'
            else 'differs'
        end as reconciliation,
        case
            when england_value_published is null and time_period > last_published_year then
                {{ dbt.concat([
                    "'No DfE figures are published for this year: the reference data for this indicator ends in '",
                    "cast(last_published_year as " ~ dbt.type_string() ~ ")",
                    "'.'"
                ]) }}
            when england_value_published is null then 'DfE published no figures for this indicator in this year.'
            when unit = 'count' then 'A count: no differences or rank, as areas differ in size; compare the rate.'
            when la_value_for_comparison is null then
                {{ dbt.concat([
                    "'This authority''s figure is published as '",
                    "value_published",
                    "': no differences or rank.'"
                ]) }}
            when neighbours_with_value = 0 then 'No statistical neighbour has a published figure: no average or rank.'
            when better_direction not in ('higher', 'lower') then 'No better direction: not ranked.'
        end as benchmark_note
    from flagged
),

final as (
    select
        cast(time_period as {{ dbt.type_int() }}) as time_period,
        cast(old_la_code as {{ dbt.type_string() }}) as old_la_code,
        cast(new_la_code as {{ dbt.type_string() }}) as new_la_code,
        cast(la_name as {{ dbt.type_string() }}) as la_name,
        cast(indicator as {{ dbt.type_string() }}) as indicator,
        cast(unit as {{ dbt.type_string() }}) as unit,
        cast(better_direction as {{ dbt.type_string() }}) as better_direction,
        cast(case when value_published <> 'c' then value end as {{ type_double() }}) as la_value,
        cast(value_published as {{ dbt.type_string() }}) as la_value_published,
        cast(la_value_for_comparison as {{ type_double() }}) as la_value_for_comparison,
        cast(dfe_published_value_same_la as {{ dbt.type_string() }}) as dfe_published_value_same_la,
        cast(round(diff_from_dfe_same_la, {{ derived_places }}) as {{ type_double() }}) as diff_from_dfe_same_la,
        cast(reconciliation as {{ dbt.type_string() }}) as reconciliation,
        cast(england_value_published as {{ dbt.type_string() }}) as england_value_published,
        cast(england_value as {{ type_double() }}) as england_value,
        cast(round(diff_from_england, {{ derived_places }}) as {{ type_double() }}) as diff_from_england,
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(region_name as {{ dbt.type_string() }}) as region_name,
        cast(region_value_published as {{ dbt.type_string() }}) as region_value_published,
        cast(region_value as {{ type_double() }}) as region_value,
        cast(round(diff_from_region, {{ derived_places }}) as {{ type_double() }}) as diff_from_region,
        cast(sn_model as {{ dbt.type_string() }}) as sn_model,
        cast(neighbours_in_group as {{ dbt.type_int() }}) as neighbours_in_group,
        cast(neighbours_with_value as {{ dbt.type_int() }}) as neighbours_with_value,
        cast(neighbour_mean as {{ type_double() }}) as neighbour_mean,
        cast(neighbour_median as {{ type_double() }}) as neighbour_median,
        cast(round(diff_from_neighbour_mean, {{ derived_places }}) as {{ type_double() }}) as diff_from_neighbour_mean,
        cast(rank_among_neighbours as {{ dbt.type_int() }}) as rank_among_neighbours,
        cast(ranked_areas as {{ dbt.type_int() }}) as ranked_areas,
        cast(source_release as {{ dbt.type_string() }}) as benchmark_source_release,
        cast(vintage as {{ dbt.type_string() }}) as benchmark_vintage,
        cast(england_source_file as {{ dbt.type_string() }}) as benchmark_source_file,
        cast(benchmark_note as {{ dbt.type_string() }}) as benchmark_note
    from compared
)

select * from final
order by old_la_code, time_period, indicator
