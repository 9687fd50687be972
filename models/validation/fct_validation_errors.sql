with

findings as (
    select * from {{ ref('int_validation__findings_unioned') }}
),

rules as (
    select * from {{ ref('validation_rules') }}
),

-- a rule applies to a return in the registry rows' years (blank = open); the row in force gives
-- the message of that year
in_force as (
    select
        findings.la_code,
        findings.collection_year,
        findings.child_id,
        findings.rule_code,
        rules.rule_group,
        rules.severity,
        rules.message,
        rules.fields,
        findings.table_name,
        findings.source_file,
        findings.source_row,
        findings.locator,
        findings.values_involved
    from findings
    inner join rules
        on rules.rule_code = findings.rule_code
        and findings.collection_year >= coalesce(rules.first_year, findings.collection_year)
        and findings.collection_year <= coalesce(rules.last_year, findings.collection_year)
),

final as (
    select distinct
        la_code,
        collection_year,
        child_id,
        rule_code,
        rule_group,
        severity,
        message,
        fields,
        table_name,
        source_file,
        source_row,
        locator,
        values_involved
    from in_force
)

select * from final
