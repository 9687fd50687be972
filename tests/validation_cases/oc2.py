"""Cases of the OC2 rules (macros/validation/rules/oc2.sql).

A child "in the cohort" has one open episode since 1 January N-3 (looked after continuously for
12 months at 31 March N); a child "not in the cohort" started to be looked after on 1 June N-1.
"""

from __future__ import annotations

from validation_cases.builder import Child, case, date


def in_cohort(child: Child, n: int) -> Child:
    return child.episode(date(n - 3, 1, 1))


def not_in_cohort(child: Child, n: int) -> Child:
    return child.episode(date(n - 1, 6, 1))


def oc2(child: Child, **items: object) -> Child:
    return child.row("oc2", **items)


@case("157")
def _sdq1_for_an_eligible_age(fail: Child, ok: Child, n: int) -> None:
    oc2(in_cohort(fail, n), sdq_reason="SDQ1")
    oc2(in_cohort(ok, n), sdq_reason="SDQ2")


@case("185")
def _score_outside_cohort(fail: Child, ok: Child, n: int) -> None:
    oc2(not_in_cohort(fail, n), sdq_score=10)
    oc2(in_cohort(ok, n), sdq_score=10)


@case("186")
def _no_score_nor_reason(fail: Child, ok: Child, n: int) -> None:
    oc2(in_cohort(fail, n))
    oc2(in_cohort(ok, n), sdq_score=12)


@case("188")
def _score_under_4(fail: Child, ok: Child, n: int) -> None:
    for child in (fail, ok):
        child.set_dob(date(n - 2, 6, 1))
        child.episode(date(n - 2, 7, 1))
    oc2(fail, sdq_score=5)
    oc2(ok)


@case("189")
def _score_aged_17(fail: Child, ok: Child, n: int) -> None:
    for child in (fail, ok):
        child.set_dob(date(n - 19, 1, 1))
        in_cohort(child, n)
    oc2(fail, sdq_reason="SDQ2")
    oc2(ok)


@case("197a")
def _score_and_reason(fail: Child, ok: Child, n: int) -> None:
    oc2(in_cohort(fail, n), sdq_score=10, sdq_reason="SDQ2")
    oc2(in_cohort(ok, n), sdq_score=10)


@case("197B")
def _turning_4_without_score_or_reason(fail: Child, ok: Child, n: int) -> None:
    for child in (fail, ok):
        child.set_dob(date(n - 5, 9, 1))
        in_cohort(child, n)
    oc2(fail)
    oc2(ok, sdq_reason="SDQ1")


@case("198")
def _reason_outside_cohort(fail: Child, ok: Child, n: int) -> None:
    oc2(not_in_cohort(fail, n), sdq_reason="SDQ2")
    oc2(in_cohort(ok, n), sdq_reason="SDQ2")


@case("190")
def _items_outside_cohort(fail: Child, ok: Child, n: int) -> None:
    oc2(not_in_cohort(fail, n), immunisations=True)
    oc2(in_cohort(ok, n), immunisations=True)


@case("192")
def _misuse_without_intervention_item(fail: Child, ok: Child, n: int) -> None:
    oc2(in_cohort(fail, n), substance_misuse=True)
    oc2(in_cohort(ok, n), substance_misuse=True, intervention_received=True)


@case("193")
def _intervention_without_misuse(fail: Child, ok: Child, n: int) -> None:
    oc2(in_cohort(fail, n), substance_misuse=False, intervention_offered=True)
    oc2(in_cohort(ok, n), substance_misuse=False)


@case("158")
def _received_and_offered(fail: Child, ok: Child, n: int) -> None:
    oc2(in_cohort(fail, n), substance_misuse=True, intervention_received=True, intervention_offered=False)
    oc2(in_cohort(ok, n), substance_misuse=True, intervention_received=True)


@case("159")
def _not_received_offer_blank(fail: Child, ok: Child, n: int) -> None:
    oc2(in_cohort(fail, n), substance_misuse=True, intervention_received=False)
    oc2(in_cohort(ok, n), substance_misuse=True, intervention_received=False, intervention_offered=True)


@case("542")
def _conviction_under_10(fail: Child, ok: Child, n: int) -> None:
    ok.set_dob(date(n - 12, 6, 15))
    oc2(in_cohort(fail, n), convicted=False)  # 9 at 31 March
    oc2(in_cohort(ok, n), convicted=False)


@case("545")
def _no_health_check_under_5(fail: Child, ok: Child, n: int) -> None:
    for child in (fail, ok):
        child.set_dob(date(n - 4, 1, 1))
        in_cohort(child, n)
    oc2(fail)
    oc2(ok, health_check=True)


@case("546")
def _health_check_aged_5(fail: Child, ok: Child, n: int) -> None:
    oc2(in_cohort(fail, n), health_check=True)
    oc2(in_cohort(ok, n))
