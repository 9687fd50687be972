{#-
    Where each episode's placement is (ssda903-spec.md section 2, derived fields; project additions
    in docs/indicator-conventions.md, "Placement location and distance"). Episodes are those of
    int_episodes_sequenced (stitched history, short breaks removed); HOME_POST and PL_POST are looked
    up in the LA's own postcode lookup (stg_reference__postcodes) after removing spaces.

    - placement_la_code (PL_LA): for an English postcode the upper-tier LA, ONSPD oscty unless it is
      E99999999 (or blank), else oslaua; WAL, SCO or NIR for the other UK nations; NUK for the
      Channel Islands and the Isle of Man. Null when PL_POST is blank or not in the lookup.
    - placement_location (PL_LOCATION): IN when placement_la_code is any GSS code la_lookup has ever
      given the episode's LA (a lookup of any ONSPD vintage matches), OUT otherwise; null when
      placement_la_code is null.
    - placement_distance_miles (PL_DISTANCE): straight line between the HOME_POST and PL_POST grid
      references, sqrt(dE^2 + dN^2) / 1000 / 1.6093, rounded half up to 1 dp as DfE derives it.
      Null when either postcode is blank, not in the lookup or without a grid reference, or when one
      is in Northern Ireland (Irish grid) and the other in Great Britain.
    - is_new_placement: the episode starts a placement (the conventions' placement: a new carer) or
      changes the placement with the same carer (RNE T or U). A temporary episode, a legal-status
      change (RNE L) and a return to the same carer after a temporary placement are not.
    - has_postcode_lookup: the LA supplied a lookup with at least one usable row; without one the
      location and distance are not computable rather than unknown.
-#}

with

episodes as (
    select * from {{ ref('int_episodes_sequenced') }}
),

stitched as (
    select * from {{ ref('int_episodes_stitched') }}
),

postcodes as (
    select * from {{ ref('stg_reference__postcodes') }}
),

la_lookup as (
    select * from {{ ref('la_lookup') }}
),

las_with_lookup as (
    select distinct la_code from postcodes
),

la_gss_codes as (
    select distinct
        old_la_code as la_code,
        new_la_code as gss_code
    from la_lookup
),

postcode_places as (
    select
        la_code,
        postcode_key,
        easting,
        northing,
        case
            when country_code = 'E92000001'
                then case
                    when county_code is null or county_code = 'E99999999' then district_code
                    else county_code
                end
            when country_code = 'W92000004' then 'WAL'
            when country_code = 'S92000003' then 'SCO'
            when country_code = 'N92000002' then 'NIR'
            else 'NUK'
        end as upper_tier_la_code,
        case
            when country_code in ('E92000001', 'W92000004', 'S92000003') then 'GB'
            when country_code = 'N92000002' then 'NI'
        end as grid_system
    from postcodes
),

episodes_with_postcodes as (
    select
        episodes.la_code,
        episodes.child_id,
        episodes.episode_start_date,
        episodes.episode_end_date,
        episodes.reason_for_new_episode,
        episodes.placement_type,
        episodes.is_temporary_placement,
        episodes.starts_placement,
        episodes.period_of_care_number,
        episodes.placement_number,
        stitched.reason_for_placement_change,
        stitched.home_postcode,
        episodes.placement_postcode,
        replace(stitched.home_postcode, ' ', '') as home_postcode_key,
        replace(episodes.placement_postcode, ' ', '') as placement_postcode_key
    from episodes
    inner join stitched
        on episodes.la_code = stitched.la_code
        and episodes.child_id = stitched.child_id
        and episodes.episode_start_date = stitched.episode_start_date
),

looked_up as (
    select
        episodes_with_postcodes.*,
        las_with_lookup.la_code is not null as has_postcode_lookup,
        placement_places.upper_tier_la_code as placement_la_code,
        case
            when placement_places.upper_tier_la_code is null then null
            when la_gss_codes.gss_code is not null then 'IN'
            else 'OUT'
        end as placement_location,
        case
            when home_places.grid_system = placement_places.grid_system
                then sqrt(
                    power(placement_places.easting - home_places.easting, 2)
                    + power(placement_places.northing - home_places.northing, 2)
                ) / 1000 / 1.6093
        end as distance_miles_unrounded
    from episodes_with_postcodes
    left join las_with_lookup
        on episodes_with_postcodes.la_code = las_with_lookup.la_code
    left join postcode_places as home_places
        on episodes_with_postcodes.la_code = home_places.la_code
        and episodes_with_postcodes.home_postcode_key = home_places.postcode_key
    left join postcode_places as placement_places
        on episodes_with_postcodes.la_code = placement_places.la_code
        and episodes_with_postcodes.placement_postcode_key = placement_places.postcode_key
    left join la_gss_codes
        on episodes_with_postcodes.la_code = la_gss_codes.la_code
        and placement_places.upper_tier_la_code = la_gss_codes.gss_code
),

final as (
    select
        -- ids
        la_code,
        child_id,
        episode_start_date,

        -- episode
        episode_end_date,
        reason_for_new_episode,
        placement_type,
        is_temporary_placement,
        reason_for_placement_change,
        period_of_care_number,
        placement_number,
        case
            when is_temporary_placement then false
            when starts_placement then true
            when reason_for_new_episode in ('T', 'U') then true
            else false
        end as is_new_placement,

        -- postcodes (personal data: never beyond the restricted schemas)
        home_postcode,
        placement_postcode,

        -- derived location
        has_postcode_lookup,
        placement_la_code,
        placement_location,
        cast(
            case
                when distance_miles_unrounded is not null then {{ round_half_up('distance_miles_unrounded', 1) }}
            end as {{ type_double() }}
        ) as placement_distance_miles
    from looked_up
)

select * from final
