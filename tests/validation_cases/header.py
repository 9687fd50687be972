"""Cases of the header, UASC and review rules (macros/validation/rules/header.sql)."""

from __future__ import annotations

import datetime as dt

from validation_cases.builder import Child, add_years, case, date, sex_code


def _replace_header(child: Child, n: int, **columns: object) -> Child:
    return child.drop_header().header(n, **columns)


@case("301")
def _born_after_year(fail: Child, ok: Child, n: int) -> None:
    fail.set_dob(date(n, 4, 2))


@case("351")
def _over_25(fail: Child, ok: Child, n: int) -> None:
    fail.set_dob(date(n - 27, 1, 1))
    ok.set_dob(date(n - 20, 1, 1))


@case("168")
def _bad_upn(fail: Child, ok: Child, n: int) -> None:
    _replace_header(fail, n, upn="I123456789012")
    _replace_header(ok, n, upn="A123456789012")


def _mother(child: Child, n: int, sex: str, mother: bool | None, child_dob: dt.date | None) -> None:
    child.set_dob(date(n - 17, 1, 1))
    _replace_header(child, n, sex=sex_code(n, sex), mother=mother, mc_dob=child_dob)


@case("174")
def _male_with_child_dob(fail: Child, ok: Child, n: int) -> None:
    _mother(fail, n, "male", None, date(n - 1, 5, 1))
    _mother(ok, n, "female", True, date(n - 1, 5, 1))


@case("611")
def _mother_without_child_dob(fail: Child, ok: Child, n: int) -> None:
    _mother(fail, n, "female", True, None)
    _mother(ok, n, "female", True, date(n - 1, 5, 1))


@case("612")
def _child_dob_not_mother(fail: Child, ok: Child, n: int) -> None:
    _mother(fail, n, "female", False, date(n - 1, 5, 1))
    _mother(ok, n, "female", True, date(n - 1, 5, 1))


@case("620")
def _mother_under_11(fail: Child, ok: Child, n: int) -> None:
    _mother(fail, n, "female", True, date(n - 1, 5, 1))
    _mother(ok, n, "female", True, date(n - 1, 5, 1))
    fail.set_dob(date(n - 11, 6, 1))


@case("621")
def _mother_younger_than_child(fail: Child, ok: Child, n: int) -> None:
    _mother(fail, n, "female", True, date(n - 18, 1, 1))
    _mother(ok, n, "female", True, date(n - 1, 5, 1))


@case("304")
def _uasc_ceased_after_18(fail: Child, ok: Child, n: int) -> None:
    fail.row("uasc", sex=sex_code(n), duc=add_years(fail.dob, 18) + dt.timedelta(days=1))
    ok.row("uasc", sex=sex_code(n), duc=add_years(ok.dob, 18))


@case("440")
def _under_4_code_for_older_child(fail: Child, ok: Child, n: int) -> None:
    fail.row("reviews", review=date(n - 1, 7, 1), review_code="PN0")
    ok.row("reviews", review=date(n - 1, 7, 1), review_code="PN1")


@case("441")
def _older_child_code_under_4(fail: Child, ok: Child, n: int) -> None:
    for child, code in ((fail, "PN1"), (ok, "PN0")):
        child.set_dob(date(n - 3, 1, 1))
        child.row("reviews", review=date(n - 1, 7, 1), review_code=code)
