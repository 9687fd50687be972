{#- Every non-null code in the given columns must be in the code-list seed for its field, valid in
    the row's collection year (valid_from_year <= N <= valid_to_year, blanks open; ssda903-spec.md
    section 5): the seed is the one source of code lists. `codes` maps column -> seed field, so one
    query checks a whole table. Fails once per (column, code, year) not valid. -#}
{% test valid_codes_for_year(model, codes, year_column='collection_year') %}
with

code_list as (
    select field, code, valid_from_year, valid_to_year
    from {{ ref('ssda903_code_lists') }}
),

used as (
    {%- for column, field in codes.items() %}
    select distinct
        '{{ column }}' as column_name,
        '{{ field }}' as field,
        {{ column }} as code,
        {{ year_column }} as collection_year
    from {{ model }}
    where {{ column }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select used.column_name, used.code, used.collection_year
from used
where not exists (
    select 1
    from code_list
    where code_list.field = used.field
        and code_list.code = used.code
        and (code_list.valid_from_year is null or code_list.valid_from_year <= used.collection_year)
        and (code_list.valid_to_year is null or code_list.valid_to_year >= used.collection_year)
)
{% endtest %}
