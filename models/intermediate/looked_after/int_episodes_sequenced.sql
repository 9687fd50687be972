{#-
    Periods of care and placements over the stitched history with short breaks removed
    (indicator-conventions.md "Time", "Short breaks", "Placements", "Where the official wording is
    silent"; project additions in docs/indicator-conventions.md).

    Period of care: starts at the child's first known episode, at an RNE 'S' episode, or at the
    episode after one that ended the period (REC not null and not X1); it then runs until the first
    episode whose REC is not null and not X1.

    Placement: temporary episodes (PLACE T0-T4) neither start nor end one; they belong to the
    placement they interrupt. A non-temporary episode starts a new placement when it starts a period
    of care, when it is the first non-temporary episode of its period, or when its RNE is S, P or B,
    except that a P or B episode directly after a temporary placement, with the same PLACE, URN and
    PL_POST as the episode before the temporary one, continues that placement (back to the same
    carer). RNE L, T and U continue the current placement.
-#}

with

episodes as (
    select * from {{ ref('int_episodes_stitched') }}
    where not is_short_break
),

ordered as (
    select
        *,
        row_number() over (
            partition by la_code, child_id order by episode_start_date
        ) as episode_number,
        lag(reason_episode_ceased) over (
            partition by la_code, child_id order by episode_start_date
        ) as previous_reason_episode_ceased,
        lag(is_temporary_placement) over (
            partition by la_code, child_id order by episode_start_date
        ) as previous_is_temporary_placement
    from episodes
),

period_starts_flagged as (
    select
        *,
        case
            when episode_number = 1 then true
            when reason_for_new_episode = 'S' then true
            when previous_reason_episode_ceased is not null
                and previous_reason_episode_ceased <> 'X1'
                then true
            else false
        end as starts_period_of_care
    from ordered
),

periods_numbered as (
    select
        *,
        sum(case when starts_period_of_care then 1 else 0 end) over (
            partition by la_code, child_id order by episode_start_date
            rows between unbounded preceding and current row
        ) as period_of_care_number
    from period_starts_flagged
),

carers as (
    -- each non-temporary episode with the non-temporary episode before it (the usual carer)
    select
        la_code,
        child_id,
        episode_start_date,
        lag(placement_type) over (
            partition by la_code, child_id order by episode_start_date
        ) as previous_carer_placement_type,
        lag(placement_urn) over (
            partition by la_code, child_id order by episode_start_date
        ) as previous_carer_placement_urn,
        lag(placement_postcode) over (
            partition by la_code, child_id order by episode_start_date
        ) as previous_carer_placement_postcode,
        lag(period_of_care_number) over (
            partition by la_code, child_id order by episode_start_date
        ) as previous_carer_period_of_care_number
    from periods_numbered
    where not is_temporary_placement
),

placement_starts_flagged as (
    select
        periods_numbered.*,
        case
            when periods_numbered.is_temporary_placement then false
            when periods_numbered.starts_period_of_care then true
            when carers.previous_carer_period_of_care_number is null
                or carers.previous_carer_period_of_care_number <> periods_numbered.period_of_care_number
                then true
            when periods_numbered.reason_for_new_episode in ('P', 'B')
                and periods_numbered.previous_is_temporary_placement
                and {{ is_same_value('periods_numbered.placement_type', 'carers.previous_carer_placement_type') }}
                and {{ is_same_value('periods_numbered.placement_urn', 'carers.previous_carer_placement_urn') }}
                and {{ is_same_value('periods_numbered.placement_postcode', 'carers.previous_carer_placement_postcode') }}
                then false
            when periods_numbered.reason_for_new_episode in ('S', 'P', 'B') then true
            else false
        end as starts_placement
    from periods_numbered
    left join carers
        on periods_numbered.la_code = carers.la_code
        and periods_numbered.child_id = carers.child_id
        and periods_numbered.episode_start_date = carers.episode_start_date
),

placements_numbered as (
    select
        *,
        sum(case when starts_placement then 1 else 0 end) over (
            partition by la_code, child_id order by episode_start_date
            rows between unbounded preceding and current row
        ) as placements_started_so_far,
        max(case when starts_placement then period_of_care_number end) over (
            partition by la_code, child_id order by episode_start_date
            rows between unbounded preceding and current row
        ) as period_of_care_of_latest_placement
    from placement_starts_flagged
),

final as (
    select
        -- ids
        la_code,
        child_id,
        episode_start_date,
        episode_number,

        -- episode
        episode_end_date,
        reason_for_new_episode,
        legal_status,
        placement_type,
        placement_provider,
        reason_episode_ceased,
        placement_postcode,
        placement_urn,
        is_temporary_placement,

        -- period of care
        starts_period_of_care,
        period_of_care_number,
        min(episode_start_date) over (
            partition by la_code, child_id, period_of_care_number
        ) as period_of_care_start_date,

        -- placement (null for a temporary episode outside any placement)
        starts_placement,
        case
            when period_of_care_of_latest_placement = period_of_care_number
                then placements_started_so_far
        end as placement_number,

        -- provenance
        episode_source,
        stitch_step,
        collection_year,
        source_file,
        source_row
    from placements_numbered
)

select * from final
