{#- One row per episode per return, as submitted, with the child's header facts from the same
    return and the neighbouring episodes of the same child in the same return (by DECOM). The
    validation rules compare episodes within one return: the stitched history is not used. -#}
with

episodes as (
    select * from {{ ref('stg_ssda903__episodes') }}
),

headers as (
    select * from {{ ref('stg_ssda903__headers') }}
),

with_header as (
    select
        episodes.*,
        headers.date_of_birth,
        headers.sex_code,
        {{ collection_start_date('episodes.collection_year') }} as collection_start_date,
        {{ collection_end_date('episodes.collection_year') }} as collection_end_date
    from episodes
    left join headers
        on {{ validation_same_return('episodes', 'headers') }}
),

sequenced as (
    select
        *,
        row_number() over child_return as episode_number,
        count(*) over (partition by la_code, collection_year, child_id) as episodes_in_return,
        lag(episode_start_date) over child_return as previous_start_date,
        lag(episode_end_date) over child_return as previous_end_date,
        lag(reason_episode_ceased) over child_return as previous_reason_episode_ceased,
        lag(placement_type) over child_return as previous_placement_type,
        lag(placement_type, 2) over child_return as placement_type_two_before,
        lag(placement_postcode, 2) over child_return as placement_postcode_two_before,
        lead(episode_start_date) over child_return as next_start_date,
        lead(reason_for_new_episode) over child_return as next_reason_for_new_episode
    from with_header
    window child_return as (
        partition by la_code, collection_year, child_id
        order by episode_start_date, source_row
    )
),

final as (
    select * from sequenced
)

select * from final
