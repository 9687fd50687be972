"""Cases of the episode rules (macros/validation/rules/episodes.sql)."""

from __future__ import annotations

import datetime as dt

from validation_cases.builder import Child, NotApplicable, add_years, case, date


def dob_for_age(child: Child, at: dt.date, age: int) -> None:
    """Give the child a date of birth making it `age` (completed years) on `at`."""
    child.set_dob(add_years(at, -age) - dt.timedelta(days=30))


@case("142")
def _open_episode_followed(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 5, 1)).episode(date(n - 1, 8, 1), rne="P")
    ok.episode(date(n - 1, 5, 1), dec=date(n - 1, 8, 1), rec="X1").episode(date(n - 1, 8, 1), rne="P")


@case("148")
def _dec_without_rec(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 5, 1), dec=date(n - 1, 9, 1))
    ok.episode(date(n - 1, 5, 1), dec=date(n - 1, 9, 1), rec="E13")


@case("302")
def _starts_before_birth(fail: Child, ok: Child, n: int) -> None:
    fail.set_dob(date(n - 1, 7, 1)).episode(date(n - 1, 6, 1))
    ok.set_dob(date(n - 1, 5, 1)).episode(date(n - 1, 6, 1))


@case("352")
def _starts_aged_18(fail: Child, ok: Child, n: int) -> None:
    start = date(n - 1, 6, 1)
    dob_for_age(fail, start, 18)
    dob_for_age(ok, start, 17)
    fail.episode(start)
    ok.episode(start)


@case("353")
def _before_children_act(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(1991, 10, 13))
    ok.episode(date(1991, 10, 14))


@case("354")
def _starts_after_year(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n, 4, 1))
    ok.episode(date(n, 3, 31))


@case("355")
def _less_than_a_day(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 6, 1), dec=date(n - 1, 6, 1), rec="E13")
    ok.episode(date(n - 1, 6, 1), dec=date(n - 1, 6, 2), rec="E13")


@case("357")
def _first_episode_not_s(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 6, 1), rne="P")
    ok.episode(date(n - 1, 6, 1), rne="S")


@case("358")
def _remand_under_10(fail: Child, ok: Child, n: int) -> None:
    start = date(n - 1, 6, 1)
    dob_for_age(fail, start, 9)
    dob_for_age(ok, start, 10)
    fail.episode(start, ls="J1")
    ok.episode(start, ls="J1")


@case("378")
def _with_parents_under_v2(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 6, 1), place="P1", ls="V2")
    ok.episode(date(n - 1, 6, 1), place="P1", ls="C2")


@case("385")
def _ends_after_year(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 6, 1), dec=date(n, 4, 2), rec="E13")
    ok.episode(date(n - 1, 6, 1), dec=date(n, 3, 30), rec="E13")


@case("386")
def _adopted_aged_18(fail: Child, ok: Child, n: int) -> None:
    end = date(n - 1, 9, 1)
    dob_for_age(fail, end, 18)
    dob_for_age(ok, end, 17)
    fail.episode(date(n - 1, 5, 1), place="A4", dec=end, rec="E11")
    ok.episode(date(n - 1, 5, 1), place="A4", dec=end, rec="E11")


@case("388")
def _x1_without_next(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 5, 1), dec=date(n - 1, 8, 1), rec="X1")
    ok.episode(date(n - 1, 5, 1), dec=date(n - 1, 8, 1), rec="X1").episode(date(n - 1, 8, 1), rne="P")


@case("389")
def _adult_care_under_16(fail: Child, ok: Child, n: int) -> None:
    end = date(n - 1, 9, 1)
    dob_for_age(fail, end, 15)
    dob_for_age(ok, end, 16)
    fail.episode(date(n - 1, 5, 1), dec=end, rec="E7")
    ok.episode(date(n - 1, 5, 1), dec=end, rec="E7")


@case("433")
def _continuation_with_gap(fail: Child, ok: Child, n: int) -> None:
    for child, start in ((fail, date(n - 1, 7, 5)), (ok, date(n - 1, 7, 1))):
        child.episode(date(n - 1, 5, 1), dec=date(n - 1, 7, 1), rec="X1").episode(start, rne="P")


@case("437")
def _died_then_more_care(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 5, 1), dec=date(n - 1, 7, 1), rec="E2").episode(date(n - 1, 8, 1))
    ok.episode(date(n - 1, 5, 1), dec=date(n - 1, 7, 1), rec="E2")


@case("445")
def _freeing_order_after_2005(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 6, 1), ls="D1")
    ok.episode(date(n - 1, 6, 1), ls="E1")


@case("446")
def _placement_order_before_2005(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(2005, 11, 30), ls="E1")
    ok.episode(date(2005, 12, 1), ls="E1")


@case("501")
def _overlap(fail: Child, ok: Child, n: int) -> None:
    for child, start in ((fail, date(n - 1, 7, 1)), (ok, date(n - 1, 8, 1))):
        child.episode(date(n - 1, 5, 1), dec=date(n - 1, 8, 1), rec="X1").episode(start, rne="P")


def _minimum_age_case(fail: Child, ok: Child, place: str, minimum_age: int, n: int) -> None:
    start = date(n - 1, 6, 1)
    dob_for_age(fail, start, minimum_age - 1)
    dob_for_age(ok, start, minimum_age)
    fail.episode(start, place=place)
    ok.episode(start, place=place)


@case("370")
def _independent_living_age(fail: Child, ok: Child, n: int) -> None:
    if n >= 2025:
        raise NotApplicable("P2 is not a valid code from 2024-25")
    _minimum_age_case(fail, ok, "P2", 16 if n >= 2024 else 15, n)


@case("371")
def _semi_independent_age(fail: Child, ok: Child, n: int) -> None:
    _minimum_age_case(fail, ok, "K3" if n >= 2025 else "H5", 16 if n >= 2024 else 14, n)


@case("372")
def _custody_age(fail: Child, ok: Child, n: int) -> None:
    _minimum_age_case(fail, ok, "R5", 10, n)


@case("373")
def _school_age(fail: Child, ok: Child, n: int) -> None:
    _minimum_age_case(fail, ok, "S1", 4, n)


@case("374")
def _residential_employment_age(fail: Child, ok: Child, n: int) -> None:
    _minimum_age_case(fail, ok, "P3", 14, n)
