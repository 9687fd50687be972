{#- Failing rows of the DfE validation rules of group 'short_breaks' (registry rule_group), every year. -#}
{{ validation_findings_for_group('short_breaks') }}
