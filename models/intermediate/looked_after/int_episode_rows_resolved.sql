{#-
    Stitching, step by step (indicator-conventions.md "Multi-year history" and "Where the official
    wording is silent"; ssda903-spec.md section 8). Works per LA and child over every loaded return.

    1. Latest return wins: for the same (la_code, child_id, episode_start_date) the row from the
       latest collection year is kept; earlier copies are superseded ('later_return').
    2. Stale open copies: an open episode from an earlier return is superseded when the next
       episode came from a later return and repeats it (same RNE, LS, PLACE, PLACE_PROVIDER, PL_POST,
       URN: the LA corrected DECOM), or when the episode before it came from a later return (the later
       return re-described that time without it). A closed episode from an earlier return is
       superseded in the second case only when the later episode covers its start.
    3. On what is left, per child in DECOM order, when the next episode came from a later return
       only (not when it is also an episode of this row's own return, re-sent later):
       - closed_by_next: an open episode whose next episode came from a later return ends on that
         episode's DECOM; REC stays blank (a stitched episode is not a cease);
       - truncated_overlap: an episode ending after the next DECOM, the next from a later return,
         ends on that DECOM;
       - gap_closed: an X1 episode ending before the next DECOM, the next from a later return, ends
         on that DECOM.
       An open episode followed by an episode of the same return is left open (a data-quality
       warning), as are overlaps and gaps inside one return (the LA's validation errors), even
       when a later return re-sent that next episode.
    Short breaks (V3/V4) take part: stitching runs before they are removed.
-#}

with

episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by la_code, child_id, episode_start_date
            order by collection_year desc
        ) as return_rank,
        max(collection_year) over (
            partition by la_code, child_id, episode_start_date
        ) as latest_collection_year,
        min(collection_year) over (
            partition by la_code, child_id, episode_start_date
        ) as first_collection_year,
        count(*) over (
            partition by la_code, child_id, episode_start_date
        ) as n_returns_with_episode
    from episodes
),

latest_copies as (
    select * from ranked where return_rank = 1
),

latest_copies_with_neighbours as (
    select
        *,
        lag(collection_year) over (
            partition by la_code, child_id order by episode_start_date
        ) as previous_collection_year,
        lag(episode_end_date) over (
            partition by la_code, child_id order by episode_start_date
        ) as previous_episode_end_date,
        lead(collection_year) over (
            partition by la_code, child_id order by episode_start_date
        ) as next_collection_year,
        lead(reason_for_new_episode) over (
            partition by la_code, child_id order by episode_start_date
        ) as next_reason_for_new_episode,
        lead(legal_status) over (
            partition by la_code, child_id order by episode_start_date
        ) as next_legal_status,
        lead(placement_type) over (
            partition by la_code, child_id order by episode_start_date
        ) as next_placement_type,
        lead(placement_provider) over (
            partition by la_code, child_id order by episode_start_date
        ) as next_placement_provider,
        lead(placement_postcode) over (
            partition by la_code, child_id order by episode_start_date
        ) as next_placement_postcode,
        lead(placement_urn) over (
            partition by la_code, child_id order by episode_start_date
        ) as next_placement_urn
    from latest_copies
),

stale_copies_flagged as (
    select
        *,
        case
            when episode_end_date is null
                and next_collection_year > collection_year
                and {{ is_same_value('reason_for_new_episode', 'next_reason_for_new_episode') }}
                and {{ is_same_value('legal_status', 'next_legal_status') }}
                and {{ is_same_value('placement_type', 'next_placement_type') }}
                and {{ is_same_value('placement_provider', 'next_placement_provider') }}
                and {{ is_same_value('placement_postcode', 'next_placement_postcode') }}
                and {{ is_same_value('placement_urn', 'next_placement_urn') }}
                then 'stale_open_copy'
            when previous_collection_year > collection_year
                and (
                    episode_end_date is null
                    or previous_episode_end_date is null
                    or previous_episode_end_date > episode_start_date
                )
                then 'redescribed_by_later_return'
        end as stale_reason
    from latest_copies_with_neighbours
),

kept as (
    select * from stale_copies_flagged where stale_reason is null
),

kept_with_neighbours as (
    select
        *,
        lead(episode_start_date) over (
            partition by la_code, child_id order by episode_start_date
        ) as next_episode_start_date,
        lead(collection_year) over (
            partition by la_code, child_id order by episode_start_date
        ) as next_kept_collection_year
    from kept
),

next_episodes_located as (
    -- is the next episode also an episode of this row's own return? (its kept copy may come from a
    -- later return that re-sent it: the two episodes still follow each other inside this return)
    select
        kept_with_neighbours.*,
        case
            when own_return.child_id is not null then true
            else false
        end as is_next_episode_in_same_return
    from kept_with_neighbours
    left join episodes as own_return
        on kept_with_neighbours.la_code = own_return.la_code
        and kept_with_neighbours.collection_year = own_return.collection_year
        and kept_with_neighbours.child_id = own_return.child_id
        and kept_with_neighbours.next_episode_start_date = own_return.episode_start_date
),

stitch_steps as (
    select
        *,
        case
            when next_kept_collection_year is null or next_kept_collection_year <= collection_year then null
            when is_next_episode_in_same_return then null
            when episode_end_date is null then 'closed_by_next'
            when episode_end_date > next_episode_start_date then 'truncated_overlap'
            when reason_episode_ceased = 'X1'
                and episode_end_date < next_episode_start_date
                then 'gap_closed'
        end as stitch_step,
        case
            when episode_end_date is null and is_next_episode_in_same_return then true
            else false
        end as is_open_with_later_episode_in_same_return
    from next_episodes_located
),

kept_rows as (
    select
        la_code,
        collection_year,
        child_id,
        episode_start_date,
        case when stitch_step is null then episode_end_date else next_episode_start_date end
            as episode_end_date,
        reason_for_new_episode,
        legal_status,
        category_of_need,
        placement_type,
        placement_provider,
        reason_episode_ceased,
        reason_for_placement_change,
        home_postcode,
        placement_postcode,
        placement_urn,
        is_short_break,
        is_temporary_placement,
        'kept' as row_status,
        cast(null as {{ dbt.type_string() }}) as superseded_reason,
        cast(null as {{ dbt.type_int() }}) as superseded_by_collection_year,
        case when stitch_step is null then 'original' else 'stitched' end as episode_source,
        stitch_step,
        is_open_with_later_episode_in_same_return,
        is_next_episode_in_same_return,
        episode_end_date as original_episode_end_date,
        reason_episode_ceased as original_reason_episode_ceased,
        first_collection_year,
        n_returns_with_episode,
        load_id,
        source_file,
        source_row
    from stitch_steps
),

superseded_rows as (
    select
        ranked.la_code,
        ranked.collection_year,
        ranked.child_id,
        ranked.episode_start_date,
        ranked.episode_end_date,
        ranked.reason_for_new_episode,
        ranked.legal_status,
        ranked.category_of_need,
        ranked.placement_type,
        ranked.placement_provider,
        ranked.reason_episode_ceased,
        ranked.reason_for_placement_change,
        ranked.home_postcode,
        ranked.placement_postcode,
        ranked.placement_urn,
        ranked.is_short_break,
        ranked.is_temporary_placement,
        'superseded' as row_status,
        coalesce(stale.stale_reason, 'later_return') as superseded_reason,
        case
            when stale.stale_reason = 'stale_open_copy' then stale.next_collection_year
            when stale.stale_reason = 'redescribed_by_later_return' then stale.previous_collection_year
            else ranked.latest_collection_year
        end as superseded_by_collection_year,
        cast(null as {{ dbt.type_string() }}) as episode_source,
        cast(null as {{ dbt.type_string() }}) as stitch_step,
        false as is_open_with_later_episode_in_same_return,
        false as is_next_episode_in_same_return,
        ranked.episode_end_date as original_episode_end_date,
        ranked.reason_episode_ceased as original_reason_episode_ceased,
        ranked.first_collection_year,
        ranked.n_returns_with_episode,
        ranked.load_id,
        ranked.source_file,
        ranked.source_row
    from ranked
    left join stale_copies_flagged as stale
        on ranked.la_code = stale.la_code
        and ranked.child_id = stale.child_id
        and ranked.episode_start_date = stale.episode_start_date
        and ranked.collection_year = stale.collection_year
    where ranked.return_rank > 1 or stale.stale_reason is not null
),

final as (
    select * from kept_rows
    union all
    select * from superseded_rows
)

select * from final
