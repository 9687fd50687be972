{#- One row per child known to an LA from any return's header or episodes. Characteristics come
    from the header row of the latest return that has one (indicator-conventions.md: "DOB: the
    header row of the latest return wins"). A DOB is usable when present and not after the end of
    that return's collection year. -#}

with

headers as (
    select * from {{ ref('stg_ssda903__headers') }}
),

episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

appearances as (
    select la_code, child_id, collection_year from headers
    union all
    select la_code, child_id, collection_year from episodes
),

children as (
    select
        la_code,
        child_id,
        min(collection_year) as first_collection_year,
        max(collection_year) as last_collection_year,
        count(distinct collection_year) as n_returns
    from appearances
    group by la_code, child_id
),

latest_headers as (
    select
        *,
        row_number() over (
            partition by la_code, child_id order by collection_year desc
        ) as return_rank
    from headers
),

final as (
    select
        children.la_code,
        children.child_id,
        latest_headers.upn,
        latest_headers.sex_code,
        latest_headers.ethnicity_code,
        latest_headers.date_of_birth,
        case
            when latest_headers.date_of_birth is not null
                and latest_headers.date_of_birth <= {{ collection_end_date('latest_headers.collection_year') }}
                then true
            else false
        end as has_usable_date_of_birth,
        latest_headers.collection_year as header_collection_year,
        latest_headers.source_file as header_source_file,
        latest_headers.source_row as header_source_row,
        children.first_collection_year,
        children.last_collection_year,
        children.n_returns
    from children
    left join latest_headers
        on children.la_code = latest_headers.la_code
        and children.child_id = latest_headers.child_id
        and latest_headers.return_rank = 1
)

select * from final
