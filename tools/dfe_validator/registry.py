"""Our rule registry (`seeds/validation_rules.csv`) as the comparison needs it: codes by year, messages."""

from __future__ import annotations

import csv
from pathlib import Path

from tools.dfe_validator.agreement import rule_key


def our_rules_by_year(registry: Path, years: list[int]) -> dict[int, dict[str, str]]:
    """Rule codes our registry applies in each year (rule key -> our spelling); blank years are open."""
    with open(registry, newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_year: dict[int, dict[str, str]] = {year: {} for year in years}
    for row in rows:
        first = int(row["first_year"]) if row.get("first_year") else min(years)
        last = int(row["last_year"]) if row.get("last_year") else max(years)
        for year in years:
            if first <= year <= last:
                by_year[year][rule_key(row["rule_code"])] = row["rule_code"]
    return by_year


def our_messages(registry: Path) -> dict[str, str]:
    with open(registry, newline="") as handle:
        return {rule_key(row["rule_code"]): row.get("message", "") for row in csv.DictReader(handle)}
