{#- Within each `partition_by` group, ordered by `start_column`, an interval must end on or before the
    next one starts (an end equal to the next start is a same-day continuation, not an overlap); an
    open interval (null end) must be the last. With `ignore_pairs_sharing`, a pair of neighbours with
    the same value of that column is not checked (e.g. overlaps inside one annual return, which are
    the LA's validation errors and reported separately); with `ignore_pairs_flagged_by`, a boolean
    column of the earlier interval, a pair whose earlier interval has it true is not checked either.
    Fails once per overlapping pair. -#}
{% test no_overlapping_intervals(model, partition_by, start_column, end_column, ignore_pairs_sharing=none, ignore_pairs_flagged_by=none) %}
{%- set partition = partition_by | join(', ') %}
with

ordered as (
    select
        {{ partition }},
        {{ start_column }} as interval_start,
        {{ end_column }} as interval_end,
        lead({{ start_column }}) over (partition by {{ partition }} order by {{ start_column }}) as next_start
        {%- if ignore_pairs_sharing %},
        {{ ignore_pairs_sharing }} as pair_key,
        lead({{ ignore_pairs_sharing }}) over (partition by {{ partition }} order by {{ start_column }}) as next_pair_key
        {%- endif %}
        {%- if ignore_pairs_flagged_by %},
        {{ ignore_pairs_flagged_by }} as is_pair_ignored
        {%- endif %}
    from {{ model }}
)

select *
from ordered
where next_start is not null
  and (interval_end is null or interval_end > next_start)
  {%- if ignore_pairs_sharing %}
  and pair_key <> next_pair_key
  {%- endif %}
  {%- if ignore_pairs_flagged_by %}
  and not coalesce(is_pair_ignored, false)
  {%- endif %}
{% endtest %}
