{#- One row per child per return with episodes in it (LA, collection year, child): whether DfE's
    validation rules count the child as looked after continuously for 12 months at 31 March (the OC2
    cohort, following the 2021-22 DfE validation specification), and the child's first and last
    episodes in the return. -#}
with

episodes as (
    select * from {{ ref('int_validation__episodes') }}
),

flagged as (
    select
        *,
        coalesce(
            episode_start_date <= collection_end_date
            and (episode_end_date >= collection_start_date or episode_end_date is null),
            false
        ) as is_during_year,
        -- any of these means the child was not looked after continuously through the year
        coalesce(
            (
                reason_for_new_episode = 'S'
                and episode_start_date > collection_start_date
                and episode_start_date <= collection_end_date
            )
            or (
                coalesce(reason_episode_ceased, '') <> 'X1'
                and episode_end_date >= collection_start_date
                and episode_end_date < collection_end_date
            )
            or (
                is_short_break
                and episode_start_date <= collection_end_date
                and (episode_end_date >= collection_start_date or episode_end_date is null)
            ),
            false
        ) as breaks_continuity
    from episodes
),

children as (
    select
        la_code,
        collection_year,
        child_id,
        {{ dbt.bool_or('is_during_year') }} and not {{ dbt.bool_or('breaks_continuity') }} as is_continuously_looked_after
    from flagged
    group by la_code, collection_year, child_id
),

first_episodes as (
    select * from episodes where episode_number = 1
),

last_episodes as (
    select * from episodes where episode_number = episodes_in_return
),

final as (
    select
        children.la_code,
        children.collection_year,
        children.child_id,
        children.is_continuously_looked_after,
        first_episodes.date_of_birth,
        first_episodes.collection_start_date,
        first_episodes.collection_end_date,

        first_episodes.episode_start_date as first_start_date,
        first_episodes.reason_for_new_episode as first_reason_for_new_episode,
        first_episodes.legal_status as first_legal_status,
        first_episodes.category_of_need as first_category_of_need,
        first_episodes.placement_type as first_placement_type,
        first_episodes.placement_provider as first_placement_provider,
        first_episodes.placement_urn as first_placement_urn,
        first_episodes.source_file as first_source_file,
        first_episodes.source_row as first_source_row,

        last_episodes.episode_start_date as last_start_date,
        last_episodes.episode_end_date as last_end_date,
        last_episodes.reason_episode_ceased as last_reason_episode_ceased,
        last_episodes.reason_for_new_episode as last_reason_for_new_episode,
        last_episodes.legal_status as last_legal_status,
        last_episodes.category_of_need as last_category_of_need,
        last_episodes.placement_type as last_placement_type,
        last_episodes.placement_provider as last_placement_provider,
        last_episodes.placement_urn as last_placement_urn
    from children
    inner join first_episodes
        on {{ validation_same_return('children', 'first_episodes') }}
    inner join last_episodes
        on {{ validation_same_return('children', 'last_episodes') }}
)

select * from final
