{#-
    Social worker stability of each child looked after at 31 March N (indicator-conventions.md,
    "Outcomes from the whole SSDA903 return"): the number of distinct SW_IDs with a social worker
    episode of year N's own return in force on at least one day of year N, that is SW_DECOM <=
    31/03/N and (SW_DEC null or SW_DEC > 01/04/N-1). A return to an earlier worker adds nobody (A, B,
    A counts 2). A child without an episode counts 0. Years whose return has no social worker table
    keep their rows with has_social_worker_table false.
-#}

with

child_years as (
    select * from {{ ref('int_child_years_classified') }}
),

social_worker_episodes as (
    select * from {{ ref('stg_ssda903__social_worker_episodes') }}
),

returns as (
    select * from {{ ref('int_returns_with_outcome_tables') }}
),

looked_after_31mar as (
    select la_code, collection_year, child_id, collection_start_date, collection_end_date
    from child_years
    where is_looked_after_31mar
),

workers_in_year as (
    select
        looked_after_31mar.la_code,
        looked_after_31mar.collection_year,
        looked_after_31mar.child_id,
        count(distinct social_worker_episodes.social_worker_id) as n_social_workers,
        count(*) as n_social_worker_episodes
    from looked_after_31mar
    inner join social_worker_episodes
        on looked_after_31mar.la_code = social_worker_episodes.la_code
        and looked_after_31mar.collection_year = social_worker_episodes.collection_year
        and looked_after_31mar.child_id = social_worker_episodes.child_id
    where social_worker_episodes.social_worker_episode_start_date <= looked_after_31mar.collection_end_date
        and (
            social_worker_episodes.social_worker_episode_end_date is null
            or social_worker_episodes.social_worker_episode_end_date > looked_after_31mar.collection_start_date
        )
    group by looked_after_31mar.la_code, looked_after_31mar.collection_year, looked_after_31mar.child_id
),

final as (
    select
        looked_after_31mar.la_code,
        looked_after_31mar.collection_year,
        looked_after_31mar.child_id,
        returns.has_social_worker_table,
        coalesce(workers_in_year.n_social_workers, 0) as n_social_workers,
        coalesce(workers_in_year.n_social_worker_episodes, 0) as n_social_worker_episodes_in_year,
        case when coalesce(workers_in_year.n_social_workers, 0) >= 3 then true else false end
            as has_3plus_social_workers
    from looked_after_31mar
    inner join returns
        on looked_after_31mar.la_code = returns.la_code
        and looked_after_31mar.collection_year = returns.collection_year
    left join workers_in_year
        on looked_after_31mar.la_code = workers_in_year.la_code
        and looked_after_31mar.collection_year = workers_in_year.collection_year
        and looked_after_31mar.child_id = workers_in_year.child_id
)

select * from final
