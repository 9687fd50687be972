"""Cases of the rules reported from the ingest's quarantine (seeds/validation_quarantine_map.csv).

The failing child has a row the ingest quarantined for a reason the map sends to the rule; the
passing child has a row of the same table quarantined for a reason no rule maps (the wrong number of
fields), which proves the map filters by reason.
"""

from __future__ import annotations

import csv
from pathlib import Path

from validation_cases.builder import Child, case

MAP = Path(__file__).parents[2] / "seeds" / "validation_quarantine_map.csv"


def _quarantine_case(table: str, column: str | None, reason: str):
    def build(fail: Child, ok: Child, n: int) -> None:
        fail.quarantined(table, column, reason)
        ok.quarantined(table, None, "wrong_field_count")

    return build


def _first_mapping_per_rule() -> dict[str, tuple[str, str | None, str]]:
    with MAP.open(newline="") as f:
        rows = list(csv.DictReader(f))
    first: dict[str, tuple[str, str | None, str]] = {}
    for row in rows:
        first.setdefault(
            row["rule_code"], (row["table_name"], row["column_name"] or None, row["reason_code"])
        )
    return first


for _code, (_table, _column, _reason) in _first_mapping_per_rule().items():
    if _code != "SW13STG1":  # also checks blanks in 2023-24: its own case (social_workers.py)
        case(_code)(_quarantine_case(_table, _column, _reason))
