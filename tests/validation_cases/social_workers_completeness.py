"""Cases of the social worker completeness rules (macros/validation/rules/social_workers_completeness.sql)."""

from __future__ import annotations

from validation_cases.builder import Child, case, date
from validation_cases.social_workers import social_worker


@case("SW03STG1")
def _incomplete_episode(fail: Child, ok: Child, n: int) -> None:
    # a blank reason on an episode starting after 1 April 2023 (a blank id or start date is quarantined)
    social_worker(fail, n, date(max(n - 1, 2023), 5, 1), sw_reason=None)
    social_worker(ok, n, date(max(n - 1, 2023), 5, 1), sw_reason="MANAGE")


@case("SW07STG2")
def _ends_outside_reporting_period(fail: Child, ok: Child, n: int) -> None:
    social_worker(fail, n, date(n - 1, 5, 1), date(n, 4, 2))  # after 31 March N
    social_worker(ok, n, date(n - 1, 5, 1), date(n, 3, 31))
