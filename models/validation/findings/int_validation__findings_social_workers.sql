{#- Failing rows of the DfE validation rules of group 'social_workers' (registry rule_group), every year. -#}
{{ validation_findings_for_group('social_workers') }}
