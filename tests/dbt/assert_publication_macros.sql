-- The rounding and publication macros on hand-picked values (indicator-conventions.md,
-- "Publication"): half up, never banker's rounding; c for 1-5; 0, low and x. Returns failing cases.

with

cases as (
    --             unit,             num,     den,        value,      dp, expected
    select 'count' as unit, 0.0 as numerator, null as denominator, 0.0 as value, 0 as decimal_places, '0' as expected
    union all select 'count', 1.0, null, 1.0, 0, 'c'
    union all select 'count', 5.0, null, 5.0, 0, 'c'
    union all select 'count', 6.0, null, 6.0, 0, '6'
    union all select 'count', 561.0, null, 561.0, 0, '561'
    -- half up: 12.5 -> 13 and 2.5 -> 3 (banker's rounding would give 12 and 2)
    union all select 'percent', 25.0, 200.0, 12.5, 0, '13'
    union all select 'percent', 10.0, 400.0, 2.5, 0, '3'
    union all select 'percent', 1449.0, 10000.0, 14.49, 0, '14'
    -- 12.35 is 12.3499999... in binary: still 12.4 at 1 dp
    union all select 'percent', 1235.0, 10000.0, 12.35, 1, '12.4'
    union all select 'percent', 12.0, 100.0, 12.0, 1, '12.0'
    -- suppression of rates and percentages: numerator or denominator of 1 to 5
    union all select 'percent', 3.0, 100.0, 3.0, 0, 'c'
    union all select 'percent', 0.0, 4.0, 0.0, 0, 'c'
    union all select 'rate_per_10000', 5.0, 115721.0, 0.43, 0, 'c'
    -- a true zero, and a value that rounds to 0 without being 0
    union all select 'percent', 0.0, 50.0, 0.0, 0, '0'
    union all select 'rate_per_10000', 6.0, 200000.0, 0.3, 0, 'low'
    -- not computable: no population, or a zero denominator
    union all select 'rate_per_10000', 561.0, null, null, 0, 'x'
    union all select 'percent', 0.0, 0.0, null, 0, 'x'
),

published as (
    select
        *,
        {{ publish_value('unit', 'numerator', 'denominator', 'value', 'decimal_places') }} as actual
    from cases
)

select * from published
where actual <> expected or actual is null
