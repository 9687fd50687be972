{#- Use the folder's schema name as it is (staging, restricted_marts, reporting, ...), not prefixed
    with the target schema: readers and the publication step look tables up by these names. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
