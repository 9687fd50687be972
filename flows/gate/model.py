"""The gate's vocabulary: one finding per failed check, and the verdict over all of them.

Findings carry counts and plain-English messages only. They end up in findings.md/json, Prefect
artifacts and release manifests, so they must never hold a child-level value (DESIGN principle 8).
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1}
SOURCE_ORDER = {"ingest": 0, "dbt": 1, "gx": 2, "validation": 3}


@dataclass(frozen=True)
class Finding:
    source: str  # 'dbt' | 'gx' | 'ingest' | 'validation'
    check: str  # test / expectation name
    severity: str  # 'error' (blocks) | 'warning'
    failing_rows: int  # count only
    message: str  # plain English, no child-level values

    def __post_init__(self) -> None:
        if self.severity not in SEVERITY_ORDER:
            raise ValueError(f"Finding severity must be 'error' or 'warning', not {self.severity!r}")

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "check": self.check,
            "severity": self.severity,
            "failing_rows": self.failing_rows,
            "message": self.message,
        }


def finding_sort_key(finding: Finding) -> tuple:
    """Errors first, then by source in pipeline order, then by check name: a stable report order."""
    return (
        SEVERITY_ORDER.get(finding.severity, len(SEVERITY_ORDER)),
        SOURCE_ORDER.get(finding.source, len(SOURCE_ORDER)),
        finding.check,
        finding.message,
    )


@dataclass(frozen=True)
class GateResult:
    passed: bool  # no error-severity finding
    findings: list[Finding]
    dbt_counts: dict[str, int]  # pass/warn/fail/error/skipped over tests, models and seeds
    gx_counts: dict[str, int]  # evaluated/failed_error/failed_warning

    @property
    def verdict(self) -> str:
        return "PASSED" if self.passed else "BLOCKED"

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_dict(self) -> dict:
        """Machine-readable form with a fixed key order (findings.json, release manifest)."""
        return {
            "verdict": self.verdict,
            "passed": self.passed,
            "errors": self.count(ERROR),
            "warnings": self.count(WARNING),
            "dbt_counts": dict(self.dbt_counts),
            "gx_counts": dict(self.gx_counts),
            "findings": [f.to_dict() for f in self.findings],
        }


def gate_result(findings: list[Finding], dbt_counts: dict[str, int], gx_counts: dict[str, int]) -> GateResult:
    """The verdict: publication is blocked by any error-severity finding, whatever its source."""
    ordered = sorted(findings, key=finding_sort_key)
    return GateResult(
        passed=not any(f.severity == ERROR for f in ordered),
        findings=ordered,
        dbt_counts=dbt_counts,
        gx_counts=gx_counts,
    )
