{#- The published text of an indicator value (indicator-conventions.md, "Publication"):
      'x'   not computable (no value: no population for the year, zero denominator, or no numerator
            and no denominator, as for a table the return does not have);
      'c'   a count of 1 to 5, a rate/percentage whose numerator or denominator is 1 to 5, or a
            mean over 1 to 5 children (a mean's numerator is a sum, not a count of children);
      'z'   not applicable: a family emits a null numerator with a denominator when the measure
            does not exist for that year (e.g. care leavers' apprenticeships before 2022); a
            denominator of 1 to 5 still gives 'c';
      '0'   a true zero;
      'low' a non-zero value that rounds to 0;
      otherwise the value rounded half up to `decimal_places`.
    Arguments are SQL expressions; `unit` is 'count', 'rate_per_10000', 'percent' or 'mean'. -#}
{% macro publish_value(unit, numerator, denominator, value, decimal_places) -%}
    case
        when {{ value }} is null and ({{ numerator }} is not null or {{ denominator }} is null) then 'x'
        when {{ unit }} <> 'mean' and {{ numerator }} >= 1 and {{ numerator }} <= 5 then 'c'
        when {{ unit }} <> 'count' and {{ denominator }} >= 1 and {{ denominator }} <= 5 then 'c'
        when {{ value }} is null then 'z'
        when {{ value }} = 0 then '0'
        when {{ round_half_up(value, decimal_places) }} = 0 then 'low'
        else {{ format_rounded(value, decimal_places) }}
    end
{%- endmacro %}
