"""Cases of the missing-episode rules (macros/validation/rules/missing.sql)."""

from __future__ import annotations

import datetime as dt

from validation_cases.builder import Child, case, date


def missing(child: Child, start: dt.date, end: dt.date | None = None) -> Child:
    return child.row("missing", missing="M", mis_start=start, mis_end=end)


@case("567")
def _ends_before_start(fail: Child, ok: Child, n: int) -> None:
    missing(fail, date(n - 1, 7, 10), date(n - 1, 7, 5))
    missing(ok, date(n - 1, 7, 10), date(n - 1, 7, 12))


@case("570")
def _starts_after_year(fail: Child, ok: Child, n: int) -> None:
    missing(fail, date(n, 4, 2))
    missing(ok, date(n, 3, 30))


@case("571")
def _ends_outside_year(fail: Child, ok: Child, n: int) -> None:
    missing(fail, date(n - 1, 3, 1), date(n - 1, 3, 20))
    missing(ok, date(n - 1, 3, 1), date(n - 1, 4, 2))


@case("574")
def _starts_while_previous_open(fail: Child, ok: Child, n: int) -> None:
    missing(fail, date(n - 1, 7, 1))
    missing(fail, date(n - 1, 8, 1), date(n - 1, 8, 2))
    missing(ok, date(n - 1, 7, 1), date(n - 1, 7, 3))
    missing(ok, date(n - 1, 8, 1), date(n - 1, 8, 2))


@case("586")
def _before_birth(fail: Child, ok: Child, n: int) -> None:
    missing(fail, fail.dob)
    missing(ok, ok.dob + dt.timedelta(days=1))


@case("581")
def _outside_care(fail: Child, ok: Child, n: int) -> None:
    for child, start in ((fail, date(n - 1, 9, 1)), (ok, date(n - 1, 7, 1))):
        child.episode(date(n - 1, 6, 1), dec=date(n - 1, 8, 1), rec="E13")
        missing(child, start, start + dt.timedelta(days=1))
