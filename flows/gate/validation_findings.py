"""Turn restricted_validation.fct_validation_summary (counts by LA, year and DfE rule) into findings.

One warning per DfE validation rule with failing rows: its code, DfE's message and the counts, over
every LA-year of the build. Errors in the return are the LA's to correct and resubmit to DfE; they do
not block publication of the indicators (docs/architecture.md, "Validation of the return"). Counts
only: the child-level report stays in the restricted build.
"""

from __future__ import annotations

import pandas as pd

from flows.gate.model import WARNING, Finding

SOURCE = "validation"


def validation_findings(summary: pd.DataFrame) -> list[Finding]:
    """Columns la_code, collection_year, rule_code, severity, message, failing_rows, failing_children."""
    findings = []
    for rule_code, rows in summary.groupby("rule_code", sort=True):
        failing_rows = int(rows["failing_rows"].sum())
        if failing_rows <= 0:
            continue
        children = int(rows["failing_children"].sum())
        la_years = ", ".join(
            f"{la} {int(year)}" for la, year in sorted(zip(rows.la_code, rows.collection_year, strict=True))
        )
        severity = "queries" if (rows["severity"] == "query").all() else "errors"
        message = rows.sort_values("collection_year")["message"].iloc[-1]
        findings.append(
            Finding(
                source=SOURCE,
                check=f"validation:{rule_code}",
                severity=WARNING,
                failing_rows=failing_rows,
                message=f"DfE rule {rule_code} ({severity}): {message} {failing_rows} row(s), "
                f"{children} child(ren) identified, in {la_years}.",
            )
        )
    return findings
