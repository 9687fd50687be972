{#- Failing rows of the DfE validation rules of group 'codes_and_dates' (registry rule_group), every year. -#}
{{ validation_findings_for_group('codes_and_dates') }}
