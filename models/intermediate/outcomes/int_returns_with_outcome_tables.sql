{#-
    Which tables of the whole return each loaded return has (indicator-conventions.md, "Outcomes
    from the whole SSDA903 return": OC2, OC3 and social-worker indicators are published only for
    years whose return has that table). A return has a table when the ingest loaded a file for it
    (load log, status loaded) or when any row of it is in the raw table: an XML return carries no
    load-log row per table, and a CSV file whose rows were all quarantined still counts.
-#}

with

return_episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

loads as (
    select * from {{ ref('stg_ssda903__loads') }}
),

oc2_rows as (
    select * from {{ ref('stg_ssda903__oc2_outcomes') }}
),

oc3_rows as (
    select * from {{ ref('stg_ssda903__oc3_outcomes') }}
),

social_worker_rows as (
    select * from {{ ref('stg_ssda903__social_worker_episodes') }}
),

returns_loaded as (
    select distinct la_code, collection_year from return_episodes
),

tables_present as (
    select la_code, collection_year, table_name
    from loads
    where load_status = 'loaded' and table_name in ('oc2', 'oc3', 'sw_episodes')
    union
    select distinct la_code, collection_year, 'oc2' as table_name from oc2_rows
    union
    select distinct la_code, collection_year, 'oc3' as table_name from oc3_rows
    union
    select distinct la_code, collection_year, 'sw_episodes' as table_name from social_worker_rows
),

flagged as (
    select
        returns_loaded.la_code,
        returns_loaded.collection_year,
        max(case when tables_present.table_name = 'oc2' then 1 else 0 end) as oc2_flag,
        max(case when tables_present.table_name = 'oc3' then 1 else 0 end) as oc3_flag,
        max(case when tables_present.table_name = 'sw_episodes' then 1 else 0 end) as social_workers_flag
    from returns_loaded
    left join tables_present
        on returns_loaded.la_code = tables_present.la_code
        and returns_loaded.collection_year = tables_present.collection_year
    group by returns_loaded.la_code, returns_loaded.collection_year
),

final as (
    select
        la_code,
        collection_year,
        case when oc2_flag = 1 then true else false end as has_oc2_table,
        case when oc3_flag = 1 then true else false end as has_oc3_table,
        case when social_workers_flag = 1 then true else false end as has_social_worker_table
    from flagged
)

select * from final
