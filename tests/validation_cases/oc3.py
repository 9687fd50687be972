"""Cases of the OC3 rules (macros/validation/rules/oc3.sql)."""

from __future__ import annotations

from validation_cases.builder import Child, case, date


def care_leaver(child: Child, n: int, **items: object) -> Child:
    return child.row("oc3", **{"in_touch": "YES", "activ": "F1", "accom": "B1", **items})


@case("391")
def _too_young(fail: Child, ok: Child, n: int) -> None:
    care_leaver(fail, n)  # 9 at 31 March
    care_leaver(ok.set_dob(date(n - 19, 1, 1)), n)


@case("1011")
def _care_transferred(fail: Child, ok: Child, n: int) -> None:
    for child, rec in ((fail, "E3"), (ok, "E13")):
        child.set_dob(date(n - 18, 1, 1))
        child.episode(date(n - 1, 5, 1), dec=date(n - 1, 9, 1), rec=rec)
        care_leaver(child, n)


@case("344")
def _died_with_activity(fail: Child, ok: Child, n: int) -> None:
    care_leaver(fail, n, in_touch="DIED")
    care_leaver(ok, n, in_touch="DIED", activ="0", accom="0")


@case("345")
def _in_touch_activity_zero(fail: Child, ok: Child, n: int) -> None:
    care_leaver(fail, n, activ="0")
    care_leaver(ok, n)
