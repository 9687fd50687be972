{#- The groups children looked after at 31 March are published by, and the reasons for ceasing of
    the pct_ceased_* indicators (docs/indicator-conventions.md, Project additions "Characteristics,
    reasons for ceasing and two-year stability"). One source for the child-level labels
    (int_child_years_classified, dim_children) and for the categories every LA-year publishes
    (int_indicator_counts_characteristics, int_indicator_counts_ceased).

    A code outside every group, or a blank code, is labelled NOT_KNOWN, so that each breakdown topic
    still adds up to its Total. Codes are valid by collection year (the ingest quarantines a code used
    outside its years, and staging tests it), so one code means one group in every year: the SGO codes
    E43/E44 (to 2017-18) and E45-E48 (from 2018-19) are all `sgo`. -#}

{% macro not_known_label() -%}
    {{ return('Not known') }}
{%- endmacro %}

{#- Age at 31 March: completed years, the band is the last one whose min_age the age reaches. -#}
{% macro age_bands() -%}
    {{ return([
        {'label': 'Under 1 year', 'min_age': 0},
        {'label': '1 to 4 years', 'min_age': 1},
        {'label': '5 to 9 years', 'min_age': 5},
        {'label': '10 to 15 years', 'min_age': 10},
        {'label': '16 years and over', 'min_age': 16},
    ]) }}
{%- endmacro %}

{% macro uasc_statuses() -%}
    {{ return(['UASC', 'Not UASC']) }}
{%- endmacro %}

{#- field -> ordered groups of SSDA903 codes (codes from seeds/ssda903_code_lists.csv). -#}
{% macro code_groups() -%}
    {{ return({
        'sex': [
            {'label': 'Male', 'codes': ['1', 'M']},
            {'label': 'Female', 'codes': ['2', 'F']},
        ],
        'ethnicity': [
            {'label': 'White', 'codes': ['WBRI', 'WIRI', 'WOTH', 'WIRT', 'WROM']},
            {'label': 'Mixed or Multiple ethnic groups', 'codes': ['MWBC', 'MWBA', 'MWAS', 'MOTH']},
            {'label': 'Asian or Asian British', 'codes': ['AIND', 'APKN', 'ABAN', 'AOTH', 'CHNE']},
            {'label': 'Black, African, Caribbean or Black British', 'codes': ['BCRB', 'BAFR', 'BOTH']},
            {'label': 'Other ethnic group', 'codes': ['OOTH']},
            {'label': 'Refused or information not yet available', 'codes': ['REFU', 'NOBT']},
        ],
        'legal_status': [
            {'label': 'Interim care orders', 'codes': ['C1']},
            {'label': 'Full care orders', 'codes': ['C2']},
            {'label': 'Placement order granted', 'codes': ['E1']},
            {'label': 'Freeing order granted', 'codes': ['D1']},
            {'label': 'Single period of accommodation under section 20', 'codes': ['V2']},
            {'label': 'Detained for child protection', 'codes': ['L1', 'L2', 'L3']},
            {'label': 'Youth justice legal statuses', 'codes': ['J1', 'J2', 'J3']},
        ],
        'category_of_need': [
            {'label': 'Abuse or neglect', 'codes': ['N1']},
            {'label': "Child's disability", 'codes': ['N2']},
            {'label': 'Parental illness or disability', 'codes': ['N3']},
            {'label': 'Family in acute stress', 'codes': ['N4']},
            {'label': 'Family dysfunction', 'codes': ['N5']},
            {'label': 'Socially unacceptable behaviour', 'codes': ['N6']},
            {'label': 'Low income', 'codes': ['N7']},
            {'label': 'Absent parenting', 'codes': ['N8']},
        ],
        'placement_type': [
            {'label': 'Foster placements', 'codes': ['U1', 'U2', 'U3', 'U4', 'U5', 'U6']},
            {'label': 'Placed for adoption', 'codes': ['A3', 'A4', 'A5', 'A6']},
            {'label': 'Placed with parents or other person with parental responsibility', 'codes': ['P1']},
            {'label': 'Other placements in the community', 'codes': ['P2', 'P3']},
            {'label': "Secure units, children's homes and semi-independent or supported accommodation", 'codes': ['K1', 'K2', 'H5', 'K3']},
            {'label': 'Other residential settings', 'codes': ['R1', 'R2', 'R3', 'R5']},
            {'label': 'Residential schools', 'codes': ['S1']},
            {'label': 'Other placements', 'codes': ['Z1', 'Z11', 'Z12', 'Z13', 'Z14', 'T0', 'T1', 'T2', 'T3', 'T4']},
        ],
        'placement_provider': [
            {'label': 'Own provision (by the local authority)', 'codes': ['PR1']},
            {'label': 'Other local authority provision', 'codes': ['PR2']},
            {'label': 'Other public provision', 'codes': ['PR3']},
            {'label': 'Private provision', 'codes': ['PR4']},
            {'label': 'Voluntary or third sector provision', 'codes': ['PR5']},
            {'label': 'Parents or other person with parental responsibility', 'codes': ['PR0']},
        ],
        'reason_ceased': [
            {'label': 'adopted', 'codes': ['E11', 'E12'], 'indicator': 'pct_ceased_adopted'},
            {'label': 'sgo', 'codes': ['E43', 'E44', 'E45', 'E46', 'E47', 'E48'], 'indicator': 'pct_ceased_sgo'},
            {'label': 'cao', 'codes': ['E41'], 'indicator': 'pct_ceased_cao'},
            {'label': 'returned_home_planned', 'codes': ['E4A'], 'indicator': 'pct_ceased_returned_home_planned'},
            {'label': 'returned_home_unplanned', 'codes': ['E4B'], 'indicator': 'pct_ceased_returned_home_unplanned'},
            {'label': 'independent_living_supported', 'codes': ['E5'], 'indicator': 'pct_ceased_independent_living_supported'},
            {'label': 'independent_living_unsupported', 'codes': ['E6'], 'indicator': 'pct_ceased_independent_living_unsupported'},
            {'label': 'adult_social_care', 'codes': ['E7'], 'indicator': 'pct_ceased_adult_social_care'},
            {'label': 'age18_stayed_with_carers', 'codes': ['E17'], 'indicator': 'pct_ceased_age18_stayed_with_carers'},
            {'label': 'custody', 'codes': ['E9'], 'indicator': 'pct_ceased_custody'},
            {'label': 'lived_with_non_pr', 'codes': ['E13'], 'indicator': 'pct_ceased_lived_with_non_pr'},
            {'label': 'other_la', 'codes': ['E3'], 'indicator': 'pct_ceased_other_la'},
            {'label': 'other_reason', 'codes': ['E8'], 'indicator': 'pct_ceased_other_reason'},
            {'label': 'died', 'codes': ['E2']},
            {'label': 'remand_ended', 'codes': ['E14']},
            {'label': 'age_assessed_18_or_over', 'codes': ['E15']},
            {'label': 'moved_abroad', 'codes': ['E16']},
        ],
    }) }}
{%- endmacro %}

{#- A text literal (quotes doubled). -#}
{% macro text_literal(value) -%}
    '{{ value | replace("'", "''") }}'
{%- endmacro %}

{#- The group label of a code column, NOT_KNOWN for a blank or unlisted code. -#}
{% macro code_group_label(column, field) -%}
    case
        {%- for group in code_groups()[field] %}
        when {{ column }} in ({{ quoted_list(group.codes) }}) then {{ text_literal(group.label) }}
        {%- endfor %}
        else {{ text_literal(not_known_label()) }}
    end
{%- endmacro %}

{#- The age band of an age in completed years, NOT_KNOWN without one. -#}
{% macro age_band_label(age) -%}
    case
        when {{ age }} is null then {{ text_literal(not_known_label()) }}
        {%- for band in age_bands() | reverse %}
        when {{ age }} >= {{ band.min_age }} then {{ text_literal(band.label) }}
        {%- endfor %}
    end
{%- endmacro %}

{#- The breakdown topics of cla_31mar: topic name, the fct_child_years column holding the child's
    label, and every label in publication order (each LA-year publishes all of them, zeros too). -#}
{% macro cla_31mar_breakdown_topics() -%}
    {%- set groups = code_groups() -%}
    {%- set topics = [
        {'topic': 'Age band', 'column': 'age_band',
            'labels': age_bands() | map(attribute='label') | list + [not_known_label()]},
        {'topic': 'Sex', 'column': 'sex',
            'labels': groups['sex'] | map(attribute='label') | list + [not_known_label()]},
        {'topic': 'Ethnicity', 'column': 'ethnic_group',
            'labels': groups['ethnicity'] | map(attribute='label') | list + [not_known_label()]},
        {'topic': 'UASC status', 'column': 'uasc_status', 'labels': uasc_statuses()},
        {'topic': 'Legal status', 'column': 'legal_status_group',
            'labels': groups['legal_status'] | map(attribute='label') | list + [not_known_label()]},
        {'topic': 'Category of need', 'column': 'category_of_need_group',
            'labels': groups['category_of_need'] | map(attribute='label') | list + [not_known_label()]},
        {'topic': 'Placement type', 'column': 'placement_type_group',
            'labels': groups['placement_type'] | map(attribute='label') | list + [not_known_label()]},
        {'topic': 'Placement provider', 'column': 'placement_provider_group',
            'labels': groups['placement_provider'] | map(attribute='label') | list + [not_known_label()]},
    ] -%}
    {{ return(topics) }}
{%- endmacro %}
