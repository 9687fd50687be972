"""The quality gate between `dbt build` and publication (write-audit-publish, the audit step).

`evaluate_gate` reads dbt's run results, validates the reporting tables with Great Expectations and
checks completeness; `write_findings_report` writes findings.md and findings.json. Importing this
package is cheap: Great Expectations is imported on the first evaluation.
"""

from flows.gate.evaluate import evaluate_gate
from flows.gate.findings_report import write_findings_report
from flows.gate.model import Finding, GateResult

__all__ = ["Finding", "GateResult", "evaluate_gate", "write_findings_report"]
