with

episodes as (
    select * from {{ ref('int_episodes_sequenced') }}
    where placement_number is not null
),

positioned as (
    select
        *,
        row_number() over (
            partition by la_code, child_id, placement_number
            order by episode_start_date desc
        ) as position_from_last
    from episodes
),

collapsed as (
    select
        la_code,
        child_id,
        placement_number,
        min(period_of_care_number) as period_of_care_number,
        min(episode_start_date) as placement_start_date,
        max(case when position_from_last = 1 then episode_end_date end) as placement_end_date,
        max(case when starts_placement then placement_type end) as first_placement_type,
        max(case when starts_placement then reason_for_new_episode end) as first_reason_for_new_episode,
        count(*) as n_episodes,
        sum(case when is_temporary_placement then 1 else 0 end) as n_temporary_episodes,
        max(case when episode_source = 'stitched' then 1 else 0 end) as stitched_flag,
        min(collection_year) as first_collection_year,
        max(collection_year) as last_collection_year
    from positioned
    group by la_code, child_id, placement_number
),

final as (
    select
        la_code,
        child_id,
        placement_number,
        period_of_care_number,
        placement_start_date,
        placement_end_date,
        first_placement_type,
        first_reason_for_new_episode,
        n_episodes,
        n_temporary_episodes,
        case when stitched_flag = 1 then true else false end as has_stitched_episode,
        first_collection_year,
        last_collection_year
    from collapsed
)

select * from final
