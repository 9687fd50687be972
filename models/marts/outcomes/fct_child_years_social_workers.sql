with

social_workers as (
    select * from {{ ref('int_child_years_social_workers') }}
),

final as (
    select
        la_code,
        collection_year,
        child_id,
        has_social_worker_table,
        n_social_workers,
        n_social_worker_episodes_in_year,
        has_3plus_social_workers
    from social_workers
)

select * from final
