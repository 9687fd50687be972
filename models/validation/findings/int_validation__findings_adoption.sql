{#- Failing rows of the DfE validation rules of group 'adoption' (registry rule_group), every year. -#}
{{ validation_findings_for_group('adoption') }}
