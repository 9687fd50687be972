{#- Failing rows of the DfE validation rules of group 'oc2' (registry rule_group), every year. -#}
{{ validation_findings_for_group('oc2') }}
