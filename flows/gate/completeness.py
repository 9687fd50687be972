"""Is every expected (LA, year) published, for every first-release indicator?

The expected set is only known at run time (which returns were loaded), so this check is plain
Python over the frame rather than a GX expectation; it reports in the same form as GX findings.
Duplicated Total rows are left to the suite's compound-key expectation.
"""

from __future__ import annotations

import pandas as pd

from flows.gate.model import ERROR, WARNING, Finding

FIRST_RELEASE_INDICATORS = (
    "cla_31mar",
    "cla_rate_31mar",
    "cla_starts",
    "cla_ceases",
    "pct_3plus_placements_year",
    "pct_longterm_stability_u16",
)
LA_LEVEL = "Local authority"
TOTAL = "Total"
LISTED_PAIRS = 10
"""How many LA-years a message names before it says 'and N more'."""

CHECKS_RUN = 2
"""Checks this module evaluates: completeness, and no unexpected LA-years."""


def check_completeness(
    indicators: pd.DataFrame,
    expected_la_years: list[tuple[str, int]],
    required: tuple[str, ...] = FIRST_RELEASE_INDICATORS,
) -> list[Finding]:
    """An error for missing Total rows; a warning for LA-years present but not expected."""
    expected = {(str(la).strip(), int(year)) for la, year in expected_la_years}
    if not expected:
        return [
            Finding(
                "gx",
                "indicators_complete",
                ERROR,
                0,
                "No (LA, year) was expected, so there is nothing to publish.",
            )
        ]
    present = _total_cells(indicators)
    missing_by_pair: dict[tuple[str, int], int] = {}
    for la, year in sorted(expected):
        absent = sum(1 for indicator in required if (la, year, indicator) not in present)
        if absent:
            missing_by_pair[(la, year)] = absent
    findings = []
    if missing_by_pair:
        described = [f"LA {la} {year} ({n} of {len(required)})" for (la, year), n in missing_by_pair.items()]
        findings.append(
            Finding(
                "gx",
                "indicators_complete",
                ERROR,
                sum(missing_by_pair.values()),
                "Missing Total rows of first-release indicators for " + _listed(described) + ".",
            )
        )
    unexpected = sorted({(la, year) for la, year, _ in present} - expected)
    if unexpected:
        findings.append(
            Finding(
                "gx",
                "no_unexpected_la_years",
                WARNING,
                len(unexpected),
                "Indicators were produced for LA-years no loaded return covers: "
                + _listed([f"LA {la} {year}" for la, year in unexpected])
                + ".",
            )
        )
    return findings


def _total_cells(indicators: pd.DataFrame) -> set[tuple[str, int, str]]:
    """(LA, year, indicator) of every LA-level overall row."""
    totals = indicators[
        (indicators["geographic_level"] == LA_LEVEL)
        & (indicators["breakdown_topic"] == TOTAL)
        & (indicators["breakdown"] == TOTAL)
        & indicators["old_la_code"].notna()
        & indicators["time_period"].notna()
    ]
    return {
        (str(la).strip(), int(year), str(indicator))
        for la, year, indicator in zip(
            totals["old_la_code"], totals["time_period"], totals["indicator"], strict=True
        )
    }


def _listed(items: list[str]) -> str:
    more = len(items) - LISTED_PAIRS
    return ", ".join(items[:LISTED_PAIRS]) + (f" and {more} more" if more > 0 else "")
