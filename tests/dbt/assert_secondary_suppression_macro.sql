-- Secondary suppression on a hand-built breakdown (indicator-conventions.md, "Publication").
-- Group g1: one cell is c (3), so the next smallest non-zero cell (10, not the true 0) becomes c.
-- Group g2: two cells are already c: nothing changes. Group g3: no c: nothing changes. The Total
-- rows are not part of any group. Returns failing rows.

with

cells as (
    select 'g1' as grp, 'Total' as breakdown_topic, 'Total' as breakdown, 113.0 as numerator, '113' as value_published, '113' as expected
    union all select 'g1', 'Age', 'a', 3.0, 'c', 'c'
    union all select 'g1', 'Age', 'b', 0.0, '0', '0'
    union all select 'g1', 'Age', 'c', 10.0, '10', 'c'
    union all select 'g1', 'Age', 'd', 100.0, '100', '100'
    union all select 'g2', 'Total', 'Total', 30.0, '30', '30'
    union all select 'g2', 'Age', 'a', 2.0, 'c', 'c'
    union all select 'g2', 'Age', 'b', 4.0, 'c', 'c'
    union all select 'g2', 'Age', 'c', 24.0, '24', '24'
    union all select 'g3', 'Total', 'Total', 20.0, '20', '20'
    union all select 'g3', 'Age', 'a', 0.0, '0', '0'
    union all select 'g3', 'Age', 'b', 20.0, '20', '20'
),

suppressed as (
    {{ secondary_suppression(
        relation='cells',
        columns=['grp', 'breakdown_topic', 'breakdown', 'numerator', 'expected', 'value_published'],
        group_by=['grp', 'breakdown_topic'],
        cell_value='numerator',
        tie_breakers=['breakdown'],
        eligible="breakdown_topic <> 'Total'"
    ) }}
)

select * from suppressed
where value_published <> expected
