{#- A list of text literals for an `in (...)` clause: ['V3', 'V4'] -> 'V3', 'V4'. -#}
{% macro quoted_list(values) -%}
    {%- for value in values -%}
    '{{ value }}'{{ ", " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
