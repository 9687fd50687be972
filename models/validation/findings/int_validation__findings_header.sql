{#- Failing rows of the DfE validation rules of group 'header' (registry rule_group), every year. -#}
{{ validation_findings_for_group('header') }}
