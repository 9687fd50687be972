{#- True when two expressions are equal or both null (a placement attribute left blank twice is
    the same carer as far as the data can tell). -#}
{% macro is_same_value(left, right) -%}
    (({{ left }} = {{ right }}) or ({{ left }} is null and {{ right }} is null))
{%- endmacro %}
