{#- The data-quality conditions indicator-conventions.md says to report rather than repair:
    - open_episode_followed_in_same_return: an open episode followed by a later episode of the same
      return (kept open, not stitched);
    - open_child_missing_from_next_return: a child with an open episode in one return who has no
      episode in the next loaded return of the LA (not counted in that year); reported against the
      next return's year;
    - episodes_overlap_within_return: an episode ending after the next one starts, both episodes of
      the same return (a validation error in that return; not repaired, even when a later return
      re-sent the next one);
    - no_usable_date_of_birth: a child in the return without a usable DOB in the latest header
      (left out of the long-term stability cohort). -#}

with

resolved as (
    select * from {{ ref('int_episode_rows_resolved') }}
),

return_episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

children as (
    select * from {{ ref('int_children_deduplicated') }}
),

open_followed_in_same_return as (
    select distinct
        la_code,
        collection_year,
        child_id,
        'open_episode_followed_in_same_return' as warning
    from resolved
    where row_status = 'kept' and is_open_with_later_episode_in_same_return
),

kept_with_next as (
    select
        la_code,
        collection_year,
        child_id,
        episode_end_date,
        is_next_episode_in_same_return,
        lead(episode_start_date) over (
            partition by la_code, child_id order by episode_start_date
        ) as next_episode_start_date
    from resolved
    where row_status = 'kept'
),

overlaps_within_return as (
    select distinct
        la_code,
        collection_year,
        child_id,
        'episodes_overlap_within_return' as warning
    from kept_with_next
    where is_next_episode_in_same_return
        and episode_end_date > next_episode_start_date
),

returns_loaded as (
    select distinct la_code, collection_year from return_episodes
),

next_returns as (
    select
        this_return.la_code,
        this_return.collection_year,
        min(later_return.collection_year) as next_collection_year
    from returns_loaded as this_return
    inner join returns_loaded as later_return
        on this_return.la_code = later_return.la_code
        and later_return.collection_year > this_return.collection_year
    group by this_return.la_code, this_return.collection_year
),

children_left_open as (
    select distinct la_code, collection_year, child_id
    from return_episodes
    where episode_end_date is null
),

missing_from_next_return as (
    select distinct
        children_left_open.la_code,
        next_returns.next_collection_year as collection_year,
        children_left_open.child_id,
        'open_child_missing_from_next_return' as warning
    from children_left_open
    inner join next_returns
        on children_left_open.la_code = next_returns.la_code
        and children_left_open.collection_year = next_returns.collection_year
    left join return_episodes as next_return_episodes
        on children_left_open.la_code = next_return_episodes.la_code
        and children_left_open.child_id = next_return_episodes.child_id
        and next_returns.next_collection_year = next_return_episodes.collection_year
    where next_return_episodes.child_id is null
),

children_in_return as (
    select distinct la_code, collection_year, child_id from return_episodes
),

without_usable_dob as (
    select
        children_in_return.la_code,
        children_in_return.collection_year,
        children_in_return.child_id,
        'no_usable_date_of_birth' as warning
    from children_in_return
    left join children
        on children_in_return.la_code = children.la_code
        and children_in_return.child_id = children.child_id
    where not coalesce(children.has_usable_date_of_birth, false)
),

final as (
    select la_code, collection_year, child_id, warning from open_followed_in_same_return
    union all
    select la_code, collection_year, child_id, warning from overlaps_within_return
    union all
    select la_code, collection_year, child_id, warning from missing_from_next_return
    union all
    select la_code, collection_year, child_id, warning from without_usable_dob
)

select * from final
