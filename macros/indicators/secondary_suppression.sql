{#- One pass of secondary suppression (indicator-conventions.md, "Publication"): in each group of
    breakdown cells that sum to a total, when exactly one cell is 'c', the smallest other cell that
    still shows a non-zero number is also published as 'c'. True zeros are never chosen: hiding a 0
    protects nothing. With a single grouping one pass is enough (a group then has two 'c' cells);
    call the macro again on its own output for overlapping groupings.

    Returns a select over `relation` with `columns` (which must include `published_column`) where
    `published_column` is re-computed. Rows for which `eligible` (a SQL condition) is false, such as
    the Total row of each group, pass unchanged and are not part of any group. `cell_value` orders
    the candidates (smallest first); `tie_breakers` make the choice deterministic. -#}
{% macro secondary_suppression(relation, columns, group_by, cell_value, tie_breakers, published_column='value_published', eligible='true') -%}
    {%- set partition = group_by | join(', ') -%}
    {%- set kept = columns | reject('equalto', published_column) | list -%}
    select
        {% for column in kept -%}
        {{ column }},
        {% endfor -%}
        case
            when _is_eligible = 1 and _n_suppressed_in_group = 1 and _candidate_rank = 1 and _is_candidate = 1
                then 'c'
            else _published_before
        end as {{ published_column }}
    from (
        select
            _cells.*,
            sum(case when _is_eligible = 1 and _published_before = 'c' then 1 else 0 end)
                over (partition by {{ partition }}, _is_eligible) as _n_suppressed_in_group,
            row_number() over (
                partition by {{ partition }}, _is_eligible, _is_candidate
                order by {{ cell_value }}, {{ tie_breakers | join(', ') }}
            ) as _candidate_rank
        from (
            select
                {% for column in kept -%}
                {{ column }},
                {% endfor -%}
                {{ published_column }} as _published_before,
                case when {{ eligible }} then 1 else 0 end as _is_eligible,
                case when {{ published_column }} not in ('c', 'x', 'z', '0') then 1 else 0 end as _is_candidate
            from {{ relation }}
        ) as _cells
    ) as _ranked
{%- endmacro %}
