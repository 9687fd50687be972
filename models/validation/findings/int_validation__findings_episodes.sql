{#- Failing rows of the DfE validation rules of group 'episodes' (registry rule_group), every year. -#}
{{ validation_findings_for_group('episodes') }}
