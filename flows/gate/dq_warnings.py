"""Turn reporting.rpt_data_quality_warnings (counts by LA, year and warning) into warning findings.

The warnings are computed by dbt (for example an episode left open in one return and missing from
the next); they never block publication but must be read by the analyst before it.
"""

from __future__ import annotations

import pandas as pd

from flows.gate.model import WARNING, Finding


def dq_warning_findings(warnings: pd.DataFrame) -> list[Finding]:
    """One warning per (warning, LA, year) with a positive count; columns la, year, warning, n."""
    findings = []
    for row in warnings.itertuples(index=False):
        n = int(row.n) if pd.notna(row.n) else 0
        if n <= 0:
            continue
        findings.append(
            Finding(
                source="dbt",
                check=f"dq:{row.warning}",
                severity=WARNING,
                failing_rows=n,
                message=f"Data-quality warning '{row.warning}' for LA {row.la}, year {_year(row.year)}: "
                f"{n} record(s).",
            )
        )
    return findings


def _year(year: object) -> str:
    return str(int(year)) if pd.notna(year) else "unknown"
