"""Cases of the social worker episode rules (macros/validation/rules/social_workers.sql)."""

from __future__ import annotations

import datetime as dt

from validation_cases.builder import Child, case, date


def social_worker(
    child: Child, n: int, start: dt.date, end: dt.date | None = None, **columns: object
) -> Child:
    # SW_REASON codes exist from 2023-24; earlier years (the out-of-years test) leave it blank
    reason = "MANAGE" if n >= 2024 else None
    return child.row(
        "sw_episodes", **{"sw_id": "SW1", "sw_decom": start, "sw_dec": end, "sw_reason": reason, **columns}
    )


@case("SW02STG1")
def _bad_id(fail: Child, ok: Child, n: int) -> None:
    social_worker(fail, n, date(n - 1, 5, 1), sw_id="AB1")
    social_worker(ok, n, date(n - 1, 5, 1), sw_id="SW1")


@case("SW06STG2")
def _starts_after_year(fail: Child, ok: Child, n: int) -> None:
    social_worker(fail, n, date(n, 4, 2))
    social_worker(ok, n, date(n - 1, 5, 1))


@case("SW08STG2")
def _open_then_another(fail: Child, ok: Child, n: int) -> None:
    social_worker(fail, n, date(n - 1, 5, 1))
    social_worker(ok, n, date(n - 1, 5, 1), date(n - 1, 8, 1))
    for child in (fail, ok):
        social_worker(child, n, date(n - 1, 8, 1), sw_id="SW2")


@case("SW09STG2")
def _shorter_than_a_day(fail: Child, ok: Child, n: int) -> None:
    social_worker(fail, n, date(n - 1, 5, 1), date(n - 1, 5, 1))
    social_worker(ok, n, date(n - 1, 5, 1), date(n - 1, 5, 10))


@case("SW18STG2")
def _ends_before_start(fail: Child, ok: Child, n: int) -> None:
    social_worker(fail, n, date(n - 1, 5, 5), date(n - 1, 5, 1))
    social_worker(ok, n, date(n - 1, 5, 5), date(n - 1, 6, 1))


@case("SW13STG1")
def _reason_blank_or_invalid(fail: Child, ok: Child, n: int) -> None:
    if n == 2024:
        social_worker(fail, n, date(n - 1, 5, 1), sw_reason=None)
    else:
        fail.quarantined("sw_episodes", "SW_REASON", "invalid_code")
    social_worker(ok, n, date(n - 1, 5, 1))
