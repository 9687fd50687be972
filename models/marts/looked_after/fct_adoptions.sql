with

adoptions as (
    select * from {{ ref('int_adoptions_dated') }}
),

final as (
    select
        la_code,
        collection_year,
        child_id,
        adoption_date,
        adoption_reason_code,
        period_of_care_number,
        is_in_adoption_year_return,
        adoption_record_collection_year,
        was_adopted_by_foster_carers,
        entry_date,
        is_entry_date_lower_bound,
        decision_date,
        matched_date,
        placement_order_date,
        is_placement_order_date_lower_bound,
        placed_for_adoption_date,
        adoption_placement_start_date,
        moved_in_date,
        days_entry_to_decision,
        days_decision_to_match,
        days_match_to_placed,
        days_entry_to_placed,
        days_placed_to_adoption,
        days_entry_to_adoption,
        days_a2,
        days_a10,
        is_placed_within_12m_of_decision,
        has_dates_out_of_order
    from adoptions
)

select * from final
