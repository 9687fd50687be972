{#- Publication safety for an indicator table: no count of 1 to 5 is published as a number, and no
    rate or percentage whose numerator or denominator is 1 to 5, and no mean over 1 to 5 children
    (indicator-conventions.md, "Publication"; a mean's numerator is a sum). Fails on every row that would disclose a small number. -#}
{% test no_small_counts_published(model, numerator='numerator', denominator='denominator', published='value_published', unit='unit') %}
select *
from {{ model }}
where {{ published }} not in ('c', 'x', 'z')
  and (
    ({{ unit }} <> 'mean' and {{ numerator }} >= 1 and {{ numerator }} <= 5)
    or ({{ unit }} <> 'count' and {{ denominator }} >= 1 and {{ denominator }} <= 5)
  )
{% endtest %}
