"""Cases of the adoption rules (macros/validation/rules/adoption.sql)."""

from __future__ import annotations

import datetime as dt

from validation_cases.builder import Child, case, date


def adopted(child: Child, **items: object) -> Child:
    return child.row("ad1", **{"nb_adoptr": "2", "sex_adoptr": "MF", "ls_adoptr": "L3", **items})


def placed(child: Child, decision: dt.date, **items: object) -> Child:
    return child.row("placed_adoption", date_placed=decision, **items)


@case("331")
def _matched_after_placed(fail: Child, ok: Child, n: int) -> None:
    for child, matched in ((fail, date(n - 1, 7, 1)), (ok, date(n - 1, 5, 1))):
        child.episode(date(n - 1, 6, 1), place="A4", dec=date(n - 1, 12, 1), rec="E11")
        adopted(child, date_int=date(n - 1, 4, 1), date_match=matched)


@case("333")
def _decision_after_match(fail: Child, ok: Child, n: int) -> None:
    adopted(fail, date_int=date(n - 1, 8, 1), date_match=date(n - 1, 7, 1))
    adopted(ok, date_int=date(n - 1, 6, 1), date_match=date(n - 1, 7, 1))


@case("334")
def _decision_before_care(fail: Child, ok: Child, n: int) -> None:
    for child, decision in ((fail, date(n - 1, 5, 1)), (ok, date(n - 1, 7, 1))):
        child.episode(date(n - 1, 6, 1))
        adopted(child, date_int=decision)


@case("511")
def _two_adopters_single_sex_code(fail: Child, ok: Child, n: int) -> None:
    adopted(fail, sex_adoptr="M1", ls_adoptr="L0")
    adopted(ok, sex_adoptr="MF")


@case("517")
def _l3_not_mf(fail: Child, ok: Child, n: int) -> None:
    adopted(fail, ls_adoptr="L3", sex_adoptr="MM")
    adopted(ok, ls_adoptr="L3", sex_adoptr="MF")


@case("518")
def _l4_not_same_sex(fail: Child, ok: Child, n: int) -> None:
    adopted(fail, ls_adoptr="L4", sex_adoptr="MF")
    adopted(ok, ls_adoptr="L4", sex_adoptr="FF")


@case("184")
def _decision_before_birth(fail: Child, ok: Child, n: int) -> None:
    placed(fail, fail.dob - dt.timedelta(days=1))
    placed(ok, ok.dob + dt.timedelta(days=1))


@case("119")
def _ceased_without_reason(fail: Child, ok: Child, n: int) -> None:
    placed(fail, date(n - 1, 5, 1), date_placed_ceased=date(n - 1, 9, 1))
    placed(ok, date(n - 1, 5, 1), date_placed_ceased=date(n - 1, 9, 1), reason_placed_ceased="RD1")


@case("522")
def _ceased_before_made(fail: Child, ok: Child, n: int) -> None:
    placed(fail, date(n - 1, 6, 1), date_placed_ceased=date(n - 1, 5, 1), reason_placed_ceased="RD1")
    placed(ok, date(n - 1, 6, 1), date_placed_ceased=date(n - 1, 7, 1), reason_placed_ceased="RD1")


@case("552")
def _placed_before_decision(fail: Child, ok: Child, n: int) -> None:
    for child, decision in ((fail, date(n - 1, 7, 1)), (ok, date(n - 1, 5, 1))):
        child.episode(date(n - 1, 6, 1), place="A4")
        placed(child, decision)


@case("390")
def _adopted_from_foster_care(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 6, 1), place="U1", dec=date(n - 1, 12, 1), rec="E11")
    ok.episode(date(n - 1, 6, 1), place="A4", dec=date(n - 1, 12, 1), rec="E11")
