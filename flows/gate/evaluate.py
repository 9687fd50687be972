"""The quality gate: dbt's results, the GX suite and the completeness check decide whether to publish."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from flows.gate.build_tables import read_build_tables
from flows.gate.completeness import CHECKS_RUN, check_completeness
from flows.gate.dbt_results import read_dbt_results
from flows.gate.dq_warnings import dq_warning_findings
from flows.gate.gx_checks import run_suite
from flows.gate.model import ERROR, WARNING, Finding, GateResult, gate_result
from flows.gate.validation_findings import validation_findings

INDICATORS_SUITE = "rpt_indicators"


def evaluate_gate(
    build_db: Path,
    dbt_target_dir: Path,
    expected_la_years: list[tuple[str, int]],
    ingest_findings: Iterable[Finding] = (),
) -> GateResult:
    """Judge one build. Passed only when no finding, from any source, has severity 'error'.

    The build file is opened read-only and closed before validation. Bad or missing inputs (no
    run_results.json, no rpt_indicators table, a locked file) become error findings, never exceptions.
    """
    dbt_findings, dbt_counts = read_dbt_results(dbt_target_dir)
    tables = read_build_tables(build_db)
    gx_findings = list(tables.findings)
    evaluated = 0
    if tables.indicators is not None:
        gx_findings += check_completeness(tables.indicators, expected_la_years)
        suite_findings, suite_evaluated = run_suite(tables.indicators, INDICATORS_SUITE)
        gx_findings += suite_findings
        evaluated = CHECKS_RUN + suite_evaluated
    dq_findings = dq_warning_findings(tables.dq_warnings) if tables.dq_warnings is not None else []
    # DfE validation errors in the return are reported, never blocking (warnings)
    dq_findings += validation_findings(tables.validation) if tables.validation is not None else []
    gx_counts = {
        "evaluated": evaluated,
        "failed_error": sum(1 for f in gx_findings if f.severity == ERROR),
        "failed_warning": sum(1 for f in gx_findings if f.severity == WARNING),
    }
    return gate_result([*ingest_findings, *dbt_findings, *gx_findings, *dq_findings], dbt_counts, gx_counts)
