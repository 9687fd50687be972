{#- Failing rows of the DfE validation rules of group 'cross_table' (registry rule_group), every year. -#}
{{ validation_findings_for_group('cross_table') }}
