with

errors as (
    select * from {{ ref('fct_validation_errors') }}
),

summarised as (
    select
        la_code,
        collection_year,
        rule_code,
        rule_group,
        severity,
        message,
        count(*) as failing_rows,
        count(distinct child_id) as failing_children
    from errors
    group by la_code, collection_year, rule_code, rule_group, severity, message
),

final as (
    select * from summarised
)

select * from final
