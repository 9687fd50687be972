"""Cases of the temporary-placement rules (macros/validation/rules/temporary_placements.sql)."""

from __future__ import annotations

import datetime as dt

from validation_cases.builder import Child, case, date


def around_usual_placement(child: Child, n: int, temporary: list[tuple[str, int]], back: str = "U1") -> Child:
    """A usual placement, then for each (PLACE, days) a temporary placement and a return to `back`."""
    start = date(n - 1, 5, 1)
    child.episode(start, place="U1", dec=start + dt.timedelta(days=10), rec="X1")
    start += dt.timedelta(days=10)
    for place, days in temporary:
        end = start + dt.timedelta(days=days)
        child.episode(start, rne="P", place=place, place_provider=None, dec=end, rec="X1")
        child.episode(end, rne="P", place=back, dec=end + dt.timedelta(days=10), rec="X1")
        start = end + dt.timedelta(days=10)
    child.rows[-1][2].update(dec=None, rec=None)  # the last return to the usual placement stays open
    return child


@case("375")
def _hospital_over_six_weeks(fail: Child, ok: Child, n: int) -> None:
    around_usual_placement(fail, n, [("T1", 43)])
    around_usual_placement(ok, n, [("T1", 42)])


@case("376")
def _carer_holiday_over_three_weeks(fail: Child, ok: Child, n: int) -> None:
    around_usual_placement(fail, n, [("T3", 22)])
    around_usual_placement(ok, n, [("T3", 21)])


@case("379")
def _unspecified_over_seven_days(fail: Child, ok: Child, n: int) -> None:
    around_usual_placement(fail, n, [("T4", 8)])
    around_usual_placement(ok, n, [("T4", 7)])


@case("377")
def _three_carer_holidays(fail: Child, ok: Child, n: int) -> None:
    around_usual_placement(fail, n, [("T3", 5), ("T3", 5), ("T3", 5)])
    around_usual_placement(ok, n, [("T3", 5), ("T3", 5)])


@case("380")
def _period_starts_temporary(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 6, 1), rne="S", place="T1", place_provider=None)
    around_usual_placement(ok, n, [("T1", 5)])


@case("381")
def _period_ends_temporary(fail: Child, ok: Child, n: int) -> None:
    for child, rec in ((fail, "E13"), (ok, "X1")):
        child.episode(date(n - 1, 5, 1), dec=date(n - 1, 6, 1), rec="X1")
        child.episode(
            date(n - 1, 6, 1), rne="P", place="T1", place_provider=None, dec=date(n - 1, 6, 5), rec=rec
        )
    ok.episode(date(n - 1, 6, 5), rne="P")


@case("382")
def _temporary_during_short_break(fail: Child, ok: Child, n: int) -> None:
    fail.episode(date(n - 1, 6, 1), rne="P", ls="V3", place="T1", place_provider=None)
    ok.episode(date(n - 1, 6, 1), rne="P", ls="C2", place="T1", place_provider=None)


@case("383")
def _no_return_to_usual_placement(fail: Child, ok: Child, n: int) -> None:
    around_usual_placement(fail, n, [("T1", 5)], back="K2")
    around_usual_placement(ok, n, [("T1", 5)], back="U1")
