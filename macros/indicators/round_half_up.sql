{#- Round half up (0.5 -> 1, 2.5 -> 3), the same on every engine. SQL round() differs by engine and
    type (DuckDB rounds doubles half away from zero after binary error, Postgres rounds doubles half
    to even). Casting to a fixed-point decimal first removes binary noise such as 12.349999... for
    12.35. `decimal_places` may be a literal or an integer expression; values are non-negative. -#}
{% macro round_half_up(expression, decimal_places) -%}
    (
        floor(cast({{ expression }} as numeric(38, 9)) * power(10, {{ decimal_places }}) + 0.5)
        / power(10, {{ decimal_places }})
    )
{%- endmacro %}

{#- Text of a value rounded half up to `decimal_places` (0 to 3), with exactly that many decimals:
    12 -> '12', 12.4 at 1 dp -> '12.4', 12 at 1 dp -> '12.0'. -#}
{% macro format_rounded(expression, decimal_places) -%}
    case {{ decimal_places }}
        when 0 then {{ dbt.safe_cast(dbt.safe_cast(round_half_up(expression, 0), dbt.type_bigint()), dbt.type_string()) }}
        {%- for dp in [1, 2, 3] %}
        when {{ dp }} then {{ dbt.safe_cast(dbt.safe_cast(round_half_up(expression, dp), 'numeric(38, ' ~ dp ~ ')'), dbt.type_string()) }}
        {%- endfor %}
    end
{%- endmacro %}
