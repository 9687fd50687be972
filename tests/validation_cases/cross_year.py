"""Cases of the rules comparing a return with the previous year's (macros/validation/rules/cross_year.sql)."""

from __future__ import annotations

import datetime as dt

from validation_cases.builder import Child, case, date, sex_code


@case("202")
def _sex_changed(fail: Child, ok: Child, n: int) -> None:
    fail.header(n - 1, sex=sex_code(n - 1, "female"))
    ok.header(n - 1, sex=sex_code(n - 1, "male"))  # 1 last year and M this year (2025) is no change


@case("203")
def _dob_changed(fail: Child, ok: Child, n: int) -> None:
    fail.header(n - 1, dob=fail.dob + dt.timedelta(days=1))
    ok.header(n - 1)


@case("204")
def _ethnicity_changed(fail: Child, ok: Child, n: int) -> None:
    fail.header(n - 1, ethnic="WIRI")
    ok.header(n - 1)


@case("502")
def _first_episode_not_last_years_open_one(fail: Child, ok: Child, n: int) -> None:
    for child, start in ((fail, date(n - 3, 2, 1)), (ok, date(n - 3, 1, 1))):
        child.header(n - 1).episode(date(n - 3, 1, 1), year=n - 1).episode(start)


LAST_YEAR = {"rne": "S", "ls": "C2", "cin": "N1", "place": "U1", "place_provider": "PR1", "urn": "SC123456"}
CHANGED = {
    "503A": {"rne": "P"},
    "503B": {"ls": "C1"},
    "503C": {"cin": "N2"},
    "503D": {"place": "K2"},
    "503E": {"place_provider": "PR2"},
    "503F": {"urn": "SC654321"},
}


def _first_episode_changed(changed: dict, allowed: dict | None = None):
    def build(fail: Child, ok: Child, n: int) -> None:
        start = date(n - 2, 6, 1)
        last_year, this_year = dict(LAST_YEAR), dict(LAST_YEAR)
        if allowed and n in allowed:
            last_year["place"], this_year["place"] = allowed[n]
        for child in (fail, ok):
            child.header(n - 1).episode(start, year=n - 1, **last_year)
        fail.episode(start, **{**LAST_YEAR, **changed})
        ok.episode(start, **this_year)

    return build


# 503D: recoding H5 to K3 (2024-25) and Z1 to Z11 (2025-26) is not a change of placement type.
for _code, _changed in CHANGED.items():
    _allowed = {2025: ("H5", "K3"), 2026: ("Z1", "Z11")} if _code == "503D" else None
    case(_code)(_first_episode_changed(_changed, _allowed))


@case("562")
def _started_before_year_missing_last_year(fail: Child, ok: Child, n: int) -> None:
    start = date(n - 2, 6, 1)
    fail.header(n - 1).episode(date(n - 2, 1, 1), year=n - 1)
    ok.header(n - 1).episode(start, year=n - 1)
    fail.episode(start)
    ok.episode(start)


@case("576")
def _open_missing_not_continued(fail: Child, ok: Child, n: int) -> None:
    for child, start in ((fail, date(n - 1, 5, 1)), (ok, date(n - 1, 3, 1))):
        child.header(n - 1).row("missing", year=n - 1, missing="M", mis_start=date(n - 1, 3, 1))
        child.row("missing", missing="M", mis_start=start)
