-- Every raw episode row is exactly one of kept or superseded (ssda903-spec.md section 8), and the
-- kept rows are exactly the stitched history. Returns one row per violation.

with

raw_rows as (
    select la_code, collection_year, child as child_id, decom as episode_start_date
    from {{ source('ssda903', 'episodes') }}
),

audit_rows as (
    select la_code, collection_year, child_id, episode_start_date, row_status
    from {{ ref('fct_episode_row_audit') }}
),

history as (
    select la_code, collection_year, child_id, episode_start_date
    from {{ ref('fct_episodes') }}
),

raw_without_fate as (
    select raw_rows.la_code, raw_rows.collection_year, 'raw row neither kept nor superseded' as problem
    from raw_rows
    left join audit_rows
        on raw_rows.la_code = audit_rows.la_code
        and raw_rows.collection_year = audit_rows.collection_year
        and raw_rows.child_id = audit_rows.child_id
        and raw_rows.episode_start_date = audit_rows.episode_start_date
    where audit_rows.row_status is null
),

fate_without_raw as (
    select audit_rows.la_code, audit_rows.collection_year, 'audit row without a raw row' as problem
    from audit_rows
    left join raw_rows
        on audit_rows.la_code = raw_rows.la_code
        and audit_rows.collection_year = raw_rows.collection_year
        and audit_rows.child_id = raw_rows.child_id
        and audit_rows.episode_start_date = raw_rows.episode_start_date
    where raw_rows.child_id is null
),

kept_not_in_history as (
    select audit_rows.la_code, audit_rows.collection_year, 'kept row missing from fct_episodes' as problem
    from audit_rows
    left join history
        on audit_rows.la_code = history.la_code
        and audit_rows.collection_year = history.collection_year
        and audit_rows.child_id = history.child_id
        and audit_rows.episode_start_date = history.episode_start_date
    where audit_rows.row_status = 'kept' and history.child_id is null
),

history_not_kept as (
    select history.la_code, history.collection_year, 'fct_episodes row not kept in the audit' as problem
    from history
    left join audit_rows
        on history.la_code = audit_rows.la_code
        and history.collection_year = audit_rows.collection_year
        and history.child_id = audit_rows.child_id
        and history.episode_start_date = audit_rows.episode_start_date
        and audit_rows.row_status = 'kept'
    where audit_rows.child_id is null
)

select * from raw_without_fate
union all
select * from fate_without_raw
union all
select * from kept_not_in_history
union all
select * from history_not_kept
