{#- DfE SSDA903 rules on code validity, dates, blanks and duplicate keys: the ingest quarantines
    these values at the door (they never reach staging), so each rule reports the quarantine rows that
    seeds/validation_quarantine_map.csv maps to it. Code lists by collection year come from the
    ssda903_code_lists seed, so a code valid in one year and not the next (SEX 1/2 to M/F in 2024-25,
    PLACE H5/P2/K3 in 2024-25, Z1/Z11-Z14 in 2025-26, REC E43-E48 in 2018-19, ACTIV F3/P3 in 2021-22)
    is reported exactly in the years it is invalid. -#}

{% macro validation_rule_101() -%}{{ validation_from_quarantine('101') }}{%- endmacro %}
{% macro validation_rule_102() -%}{{ validation_from_quarantine('102') }}{%- endmacro %}
{% macro validation_rule_103() -%}{{ validation_from_quarantine('103') }}{%- endmacro %}
{% macro validation_rule_104() -%}{{ validation_from_quarantine('104') }}{%- endmacro %}
{% macro validation_rule_112() -%}{{ validation_from_quarantine('112') }}{%- endmacro %}
{% macro validation_rule_113() -%}{{ validation_from_quarantine('113') }}{%- endmacro %}
{% macro validation_rule_114() -%}{{ validation_from_quarantine('114') }}{%- endmacro %}
{% macro validation_rule_115() -%}{{ validation_from_quarantine('115') }}{%- endmacro %}
{% macro validation_rule_116() -%}{{ validation_from_quarantine('116') }}{%- endmacro %}
{% macro validation_rule_120() -%}{{ validation_from_quarantine('120') }}{%- endmacro %}
{% macro validation_rule_131() -%}{{ validation_from_quarantine('131') }}{%- endmacro %}
{% macro validation_rule_132() -%}{{ validation_from_quarantine('132') }}{%- endmacro %}
{% macro validation_rule_133() -%}{{ validation_from_quarantine('133') }}{%- endmacro %}
{% macro validation_rule_153() -%}{{ validation_from_quarantine('153') }}{%- endmacro %}
{% macro validation_rule_141() -%}{{ validation_from_quarantine('141') }}{%- endmacro %}
{% macro validation_rule_143() -%}{{ validation_from_quarantine('143') }}{%- endmacro %}
{% macro validation_rule_144() -%}{{ validation_from_quarantine('144') }}{%- endmacro %}
{% macro validation_rule_145() -%}{{ validation_from_quarantine('145') }}{%- endmacro %}
{% macro validation_rule_146() -%}{{ validation_from_quarantine('146') }}{%- endmacro %}
{% macro validation_rule_147() -%}{{ validation_from_quarantine('147') }}{%- endmacro %}
{% macro validation_rule_149() -%}{{ validation_from_quarantine('149') }}{%- endmacro %}
{% macro validation_rule_166() -%}{{ validation_from_quarantine('166') }}{%- endmacro %}
{% macro validation_rule_167() -%}{{ validation_from_quarantine('167') }}{%- endmacro %}
{% macro validation_rule_171() -%}{{ validation_from_quarantine('171') }}{%- endmacro %}
{% macro validation_rule_175() -%}{{ validation_from_quarantine('175') }}{%- endmacro %}
{% macro validation_rule_176() -%}{{ validation_from_quarantine('176') }}{%- endmacro %}
{% macro validation_rule_177() -%}{{ validation_from_quarantine('177') }}{%- endmacro %}
{#- 178 also: a provider given for a placement that has none (T0-T4 and Z1 to 2024-25; T0-T3 and
    Z11-Z14 from 2025-26: ssda903-spec.md 5.2), found by the comparison with DfE's validator. -#}
{% macro validation_rule_178() -%}
    {{ validation_from_quarantine('178') }}
    union all
    select {{ validation_episode_row('e', [('PLACE_PROVIDER', 'e.placement_provider'), ('PLACE', 'e.placement_type')]) }}
    from {{ ref('stg_ssda903__episodes') }} as e
    where e.placement_provider is not null
        and (
            (e.collection_year <= 2025 and e.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4', 'Z1'))
            or (e.collection_year >= 2026 and e.placement_type in ('T0', 'T1', 'T2', 'T3', 'Z11', 'Z12', 'Z13', 'Z14'))
        )
{%- endmacro %}
{% macro validation_rule_180() -%}{{ validation_from_quarantine('180') }}{%- endmacro %}
{% macro validation_rule_181() -%}{{ validation_from_quarantine('181') }}{%- endmacro %}
{% macro validation_rule_196() -%}{{ validation_from_quarantine('196') }}{%- endmacro %}
{% macro validation_rule_1004() -%}{{ validation_from_quarantine('1004') }}{%- endmacro %}
{% macro validation_rule_564() -%}{{ validation_from_quarantine('564') }}{%- endmacro %}
{% macro validation_rule_1005() -%}{{ validation_from_quarantine('1005') }}{%- endmacro %}
{% macro validation_rule_1006() -%}{{ validation_from_quarantine('1006') }}{%- endmacro %}
{% macro validation_rule_565() -%}{{ validation_from_quarantine('565') }}{%- endmacro %}
{% macro validation_rule_1009() -%}{{ validation_from_quarantine('1009') }}{%- endmacro %}
{% macro validation_rule_631() -%}{{ validation_from_quarantine('631') }}{%- endmacro %}
{% macro validation_rule_356() -%}{{ validation_from_quarantine('356') }}{%- endmacro %}
{% macro validation_rule_442() -%}{{ validation_from_quarantine('442') }}{%- endmacro %}
{% macro validation_rule_sw04stg1() -%}{{ validation_from_quarantine('SW04STG1') }}{%- endmacro %}
{% macro validation_rule_sw05stg1() -%}{{ validation_from_quarantine('SW05STG1') }}{%- endmacro %}
{% macro validation_rule_sw19stg2() -%}{{ validation_from_quarantine('SW19STG2') }}{%- endmacro %}
{% macro validation_rule_int31() -%}{{ validation_from_quarantine('INT31') }}{%- endmacro %}
{% macro validation_rule_int32() -%}{{ validation_from_quarantine('INT32') }}{%- endmacro %}
{% macro validation_rule_int33() -%}{{ validation_from_quarantine('INT33') }}{%- endmacro %}
{% macro validation_rule_int34() -%}{{ validation_from_quarantine('INT34') }}{%- endmacro %}
{% macro validation_rule_int35() -%}{{ validation_from_quarantine('INT35') }}{%- endmacro %}
{% macro validation_rule_int36() -%}{{ validation_from_quarantine('INT36') }}{%- endmacro %}
