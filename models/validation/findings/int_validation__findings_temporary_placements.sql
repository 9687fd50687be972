{#- Failing rows of the DfE validation rules of group 'temporary_placements' (registry rule_group), every year. -#}
{{ validation_findings_for_group('temporary_placements') }}
