with

episodes as (
    select * from {{ ref('int_episodes_sequenced') }}
),

positioned as (
    select
        *,
        row_number() over (
            partition by la_code, child_id, period_of_care_number
            order by episode_start_date desc
        ) as position_from_last
    from episodes
),

collapsed as (
    select
        la_code,
        child_id,
        period_of_care_number,
        min(episode_start_date) as period_of_care_start_date,
        max(case when position_from_last = 1 then episode_end_date end) as period_of_care_end_date,
        max(case when starts_period_of_care then reason_for_new_episode end) as first_reason_for_new_episode,
        max(case when position_from_last = 1 then reason_episode_ceased end) as last_reason_episode_ceased,
        count(*) as n_episodes,
        count(distinct placement_number) as n_placements,
        max(case when episode_source = 'stitched' then 1 else 0 end) as stitched_flag,
        min(collection_year) as first_collection_year,
        max(collection_year) as last_collection_year
    from positioned
    group by la_code, child_id, period_of_care_number
),

final as (
    select
        la_code,
        child_id,
        period_of_care_number,
        period_of_care_start_date,
        period_of_care_end_date,
        first_reason_for_new_episode,
        last_reason_episode_ceased,
        case
            when last_reason_episode_ceased is not null and last_reason_episode_ceased <> 'X1' then true
            else false
        end as is_ceased,
        n_episodes,
        n_placements,
        case when stitched_flag = 1 then true else false end as has_stitched_episode,
        first_collection_year,
        last_collection_year
    from collapsed
)

select * from final
