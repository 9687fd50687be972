"""Cases of the short-break rules (macros/validation/rules/short_breaks.sql)."""

from __future__ import annotations

import datetime as dt

from validation_cases.builder import Child, case, date


def short_breaks(child: Child, n: int, days: list[int], ls: str = "V3", place: str = "K2") -> Child:
    """One short break (a period of care of its own) per entry of `days`, a month apart."""
    for i, length in enumerate(days):
        start = date(n - 1, 5 + i, 1)
        child.episode(start, ls=ls, place=place, dec=start + dt.timedelta(days=length), rec="E13")
    return child


@case("365")
def _one_break_over_17_days(fail: Child, ok: Child, n: int) -> None:
    short_breaks(fail, n, [18])
    short_breaks(ok, n, [17])


@case("366")
def _break_not_new_period(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 6, 1), rne="P", ls="V3", place="K2", dec=date(n - 1, 6, 3), rec="E13")
    ok.episode(date(n - 1, 6, 1), rne="S", ls="V3", place="K2", dec=date(n - 1, 6, 3), rec="E13")


@case("367")
def _over_75_days(fail: Child, ok: Child, n: int) -> None:
    short_breaks(fail, n, [16, 16, 16, 16, 12])  # 76 days
    short_breaks(ok, n, [16, 16, 16, 16, 11])  # 75 days


@case("384")
def _break_in_long_term_foster_care(fail: Child, ok: Child, n: int) -> None:
    short_breaks(fail, n, [3], place="U1")
    short_breaks(ok, n, [3], place="K2")


@case("426")
def _v3_and_v4(fail: Child, ok: Child, n: int) -> None:
    short_breaks(fail, n, [3], ls="V3")
    fail.episode(date(n - 1, 9, 1), ls="V4", place="K2")
    short_breaks(ok, n, [3, 3], ls="V3")
