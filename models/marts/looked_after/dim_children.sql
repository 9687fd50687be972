with

children as (
    select * from {{ ref('int_children_deduplicated') }}
),

final as (
    select
        la_code,
        child_id,
        upn,
        sex_code,
        {{ code_group_label('sex_code', 'sex') }} as sex,
        ethnicity_code,
        {{ code_group_label('ethnicity_code', 'ethnicity') }} as ethnic_group,
        date_of_birth,
        has_usable_date_of_birth,
        header_collection_year,
        header_source_file,
        header_source_row,
        first_collection_year,
        last_collection_year,
        n_returns
    from children
)

select * from final
