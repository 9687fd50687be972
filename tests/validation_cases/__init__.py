"""Hand-written cases for the DfE validation rules: per rule, a failing child and a passing child.

`CASES` maps a rule code to a function that, given the two children (each with a default header in
the case's collection year) and the year, adds the rows that make one fail the rule and the other
pass it. The test (tests/test_validation_rules.py) runs every case in every year the registry says
the rule applies to, in one warehouse.
"""

from validation_cases import (  # noqa: F401  (registers the cases)
    adoption,
    cross_table,
    cross_year,
    episodes,
    header,
    missing,
    oc2,
    oc3,
    quarantined_values,
    short_breaks,
    social_workers,
    social_workers_completeness,
    temporary_placements,
)
from validation_cases.builder import CASES, Child, NotApplicable

__all__ = ["CASES", "Child", "NotApplicable"]
