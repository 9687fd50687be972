"""The quality gate: dbt results, the GX suite, completeness and the findings report.

Every build here is a small DuckDB file written by hand, with a fake dbt target folder beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from flows.environment import PROJECT_DIR
from flows.gate import Finding, GateResult, evaluate_gate, write_findings_report
from flows.gate.completeness import FIRST_RELEASE_INDICATORS
from flows.gate.dbt_results import read_dbt_results
from flows.gate.findings_report import FINDINGS_JSON

LA = "999"
YEARS = (2024, 2025)
EXPECTED = [(LA, year) for year in YEARS]
FAKE_CHILD_ID = "CHILDZZ9QX"

INDICATOR_SQL_TYPES = {
    "time_period": "integer",
    "time_identifier": "varchar",
    "geographic_level": "varchar",
    "old_la_code": "varchar",
    "new_la_code": "varchar",
    "la_name": "varchar",
    "indicator": "varchar",
    "breakdown_topic": "varchar",
    "breakdown": "varchar",
    "numerator": "double",
    "denominator": "double",
    "value": "double",
    "value_published": "varchar",
    "unit": "varchar",
}

# indicator: (unit, numerator, denominator, value, value_published)
TOTALS = {
    "cla_31mar": ("count", 120.0, None, 120.0, "120"),
    "cla_rate_31mar": ("rate_per_10000", 120.0, 30000.0, 40.0, "40"),
    "cla_starts": ("count", 50.0, None, 50.0, "50"),
    "cla_ceases": ("count", 45.0, None, 45.0, "45"),
    "pct_3plus_placements_year": ("percent", 12.0, 120.0, 10.0, "10"),
    "pct_longterm_stability_u16": ("percent", 30.0, 45.0, 66.666666, "67"),
}


def indicator_row(la: str, year: int, indicator: str, **overrides: object) -> dict:
    unit, numerator, denominator, value, published = TOTALS[indicator]
    row = {
        "time_period": year,
        "time_identifier": "Reporting year",
        "geographic_level": "Local authority",
        "old_la_code": la,
        "new_la_code": f"E0{la}",
        "la_name": "Synthetic LA",
        "indicator": indicator,
        "breakdown_topic": "Total",
        "breakdown": "Total",
        "numerator": numerator,
        "denominator": denominator,
        "value": value,
        "value_published": published,
        "unit": unit,
    }
    return {**row, **overrides}


def good_rows(la_years: list[tuple[str, int]] = EXPECTED) -> list[dict]:
    rows = [indicator_row(la, year, ind) for la, year in la_years for ind in FIRST_RELEASE_INDICATORS]
    for la, year in la_years:
        # A breakdown with small numbers, suppressed as it must be.
        rows.append(
            indicator_row(
                la,
                year,
                "cla_31mar",
                breakdown_topic="Sex",
                breakdown="Unknown",
                numerator=3.0,
                value=3.0,
                value_published="c",
            )
        )
        rows.append(
            indicator_row(
                la,
                year,
                "pct_3plus_placements_year",
                breakdown_topic="Sex",
                breakdown="Unknown",
                numerator=1.0,
                denominator=3.0,
                value=33.3,
                value_published="c",
            )
        )
    return rows


def write_build(
    path: Path, rows: list[dict], dq_rows: list[dict] | None = None, *, table: bool = True
) -> Path:
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema reporting")
        if table:
            columns = ", ".join(f"{name} {sql_type}" for name, sql_type in INDICATOR_SQL_TYPES.items())
            con.execute(f"create table reporting.rpt_indicators ({columns})")
            frame = pd.DataFrame(rows, columns=list(INDICATOR_SQL_TYPES))  # noqa: F841 - read by DuckDB
            con.execute("insert into reporting.rpt_indicators select * from frame")
        if dq_rows is not None:
            con.execute(
                "create table reporting.rpt_data_quality_warnings "
                "(time_period integer, old_la_code varchar, warning varchar, n_children bigint)"
            )
            for dq in dq_rows:
                con.execute(
                    "insert into reporting.rpt_data_quality_warnings values (?, ?, ?, ?)",
                    [dq["time_period"], dq["old_la_code"], dq["warning"], dq["n"]],
                )
    finally:
        con.close()
    return path


def write_dbt_target(
    target: Path,
    tests: dict[str, tuple[str, int | None]],
    model_status: str = "success",
    model_message: str = "OK",
) -> Path:
    """run_results.json and manifest.json in dbt 1.11's shape: one model, the given tests on it."""
    target.mkdir(parents=True, exist_ok=True)
    results = [
        {
            "status": model_status,
            "unique_id": "model.csc_outcomes.rpt_indicators",
            "failures": None,
            "message": model_message,
        }
    ]
    nodes = {"model.csc_outcomes.rpt_indicators": {"resource_type": "model", "name": "rpt_indicators"}}
    for name, (status, failures) in tests.items():
        unique_id = f"test.csc_outcomes.{name}.abc123"
        results.append(
            {
                "status": status,
                "unique_id": unique_id,
                "failures": failures,
                "message": f"Got {failures} results, configured to fail if != 0",
            }
        )
        nodes[unique_id] = {
            "resource_type": "test",
            "name": name,
            "attached_node": "model.csc_outcomes.rpt_indicators",
            "config": {"severity": "warn" if status == "warn" else "ERROR"},
        }
    (target / "run_results.json").write_text(json.dumps({"results": results, "elapsed_time": 1.0}))
    (target / "manifest.json").write_text(json.dumps({"nodes": nodes, "unit_tests": {}}))
    return target


def run_gate(
    tmp_path: Path,
    rows: list[dict],
    *,
    tests: dict | None = None,
    dq_rows: list[dict] | None = None,
    expected: list[tuple[str, int]] = EXPECTED,
    **dbt: str,
) -> GateResult:
    tmp_path.mkdir(parents=True, exist_ok=True)
    build = write_build(tmp_path / "build.duckdb", rows, dq_rows)
    target = write_dbt_target(
        tmp_path / "dbt_target", tests or {"unique_rpt_indicators_key": ("pass", 0)}, **dbt
    )
    return evaluate_gate(build, target, expected)


def by_check(result: GateResult) -> dict[str, Finding]:
    return {f.check: f for f in result.findings}


def replace_row(rows: list[dict], indicator: str, year: int, **overrides: object) -> list[dict]:
    """The rows with the Total row of (indicator, year) changed."""
    return [
        {**r, **overrides}
        if (r["indicator"], r["time_period"], r["breakdown"]) == (indicator, year, "Total")
        else r
        for r in rows
    ]


def test_good_build_passes(tmp_path: Path) -> None:
    result = run_gate(tmp_path, good_rows())
    assert result.passed, result.findings
    assert result.findings == []
    assert result.dbt_counts == {"pass": 2, "warn": 0, "fail": 0, "error": 0, "skipped": 0}
    assert result.gx_counts["evaluated"] > 15
    assert result.gx_counts["failed_error"] == result.gx_counts["failed_warning"] == 0


def test_missing_la_year_blocks(tmp_path: Path) -> None:
    rows = [r for r in good_rows() if r["time_period"] != 2024]
    result = run_gate(tmp_path, rows)
    assert not result.passed
    finding = by_check(result)["indicators_complete"]
    assert (finding.severity, finding.failing_rows) == ("error", len(FIRST_RELEASE_INDICATORS))
    assert "LA 999 2024" in finding.message


def test_unexpected_la_year_is_a_warning(tmp_path: Path) -> None:
    rows = good_rows([*EXPECTED, ("888", 2025)])
    result = run_gate(tmp_path, rows)
    assert result.passed
    finding = by_check(result)["no_unexpected_la_years"]
    assert (finding.severity, finding.failing_rows) == ("warning", 1)


def test_percent_over_100_blocks(tmp_path: Path) -> None:
    rows = replace_row(good_rows(), "pct_longterm_stability_u16", 2025, value=120.0, value_published="120")
    result = run_gate(tmp_path, rows)
    assert not result.passed
    finding = by_check(result)["percent_in_range"]
    assert (finding.severity, finding.failing_rows) == ("error", 1)


def test_published_small_count_blocks(tmp_path: Path) -> None:
    rows = replace_row(good_rows(), "cla_starts", 2025, numerator=3.0, value=3.0, value_published="3")
    result = run_gate(tmp_path, rows)
    assert not result.passed
    checks = by_check(result)
    assert (checks["no_small_published_count"].severity, checks["no_small_published_count"].failing_rows) == (
        "error",
        1,
    )
    assert checks["small_base_suppressed"].failing_rows == 1


def test_small_denominator_must_be_suppressed(tmp_path: Path) -> None:
    rows = replace_row(
        good_rows(),
        "pct_longterm_stability_u16",
        2024,
        numerator=2.0,
        denominator=4.0,
        value=50.0,
        value_published="50",
    )
    result = run_gate(tmp_path, rows)
    finding = by_check(result)["small_base_suppressed"]
    assert (finding.severity, finding.failing_rows) == ("error", 1)


def test_numerator_over_denominator_blocks(tmp_path: Path) -> None:
    rows = replace_row(good_rows(), "pct_3plus_placements_year", 2025, numerator=130.0)
    result = run_gate(tmp_path, rows)
    assert not result.passed
    finding = by_check(result)["numerator_within_denominator"]
    assert (finding.severity, finding.failing_rows) == ("error", 1)


def test_duplicate_key_blocks(tmp_path: Path) -> None:
    rows = good_rows()
    rows.append(indicator_row(LA, 2025, "cla_starts"))
    result = run_gate(tmp_path, rows)
    assert not result.passed
    finding = by_check(result)["compound_key_unique"]
    assert (finding.severity, finding.failing_rows) == ("error", 2)


def test_bad_published_symbol_blocks(tmp_path: Path) -> None:
    rows = replace_row(good_rows(), "cla_ceases", 2024, value_published="n/a")
    finding = by_check(run_gate(tmp_path, rows))["value_published_format"]
    assert (finding.severity, finding.failing_rows) == ("error", 1)


def test_warning_alone_does_not_block(tmp_path: Path) -> None:
    rows = replace_row(good_rows(), "cla_rate_31mar", 2025, value=600.0, value_published="600")
    result = run_gate(tmp_path, rows)
    assert result.passed
    finding = by_check(result)["rate_plausible"]
    assert (finding.severity, finding.failing_rows) == ("warning", 1)
    assert result.gx_counts["failed_warning"] == 1


def test_dbt_failing_test_blocks_and_warn_does_not(tmp_path: Path) -> None:
    tests = {"not_null_rpt_indicators_value": ("warn", 2), "unique_rpt_indicators_key": ("fail", 4)}
    result = run_gate(tmp_path, good_rows(), tests=tests)
    assert not result.passed
    checks = by_check(result)
    assert (
        checks["unique_rpt_indicators_key"].severity,
        checks["unique_rpt_indicators_key"].failing_rows,
    ) == (
        "error",
        4,
    )
    assert checks["not_null_rpt_indicators_value"].severity == "warning"
    assert result.dbt_counts == {"pass": 1, "warn": 1, "fail": 1, "error": 0, "skipped": 0}

    warn_only = run_gate(tmp_path / "warn", good_rows(), tests={"not_null_rpt_indicators_value": ("warn", 2)})
    assert warn_only.passed


def test_missing_run_results_blocks(tmp_path: Path) -> None:
    build = write_build(tmp_path / "build.duckdb", good_rows())
    result = evaluate_gate(build, tmp_path / "no_target", EXPECTED)
    assert not result.passed
    assert by_check(result)["dbt_build"].severity == "error"
    assert "did not complete" in by_check(result)["dbt_build"].message


def test_model_error_blocks_without_quoting_dbt(tmp_path: Path) -> None:
    message = (
        f"Runtime Error in model x\n  Conversion Error: Could not convert string '{FAKE_CHILD_ID}' to INT32"
    )
    result = run_gate(tmp_path, good_rows(), model_status="error", model_message=message)
    finding = by_check(result)["rpt_indicators"]
    assert finding.severity == "error"
    assert "Conversion Error" in finding.message
    assert FAKE_CHILD_ID not in finding.message


def test_missing_indicator_table_or_file_blocks(tmp_path: Path) -> None:
    build = write_build(tmp_path / "build.duckdb", [], table=False)
    target = write_dbt_target(tmp_path / "t", {})
    result = evaluate_gate(build, target, EXPECTED)
    assert not result.passed
    assert "does not exist" in by_check(result)["rpt_indicators_readable"].message

    missing = evaluate_gate(tmp_path / "absent.duckdb", target, EXPECTED)
    assert not missing.passed


def test_ingest_findings_are_included(tmp_path: Path) -> None:
    quarantined = Finding("ingest", "quarantined_rows", "warning", 7, "7 rows quarantined in episodes.csv")
    rejected = Finding("ingest", "rejected_file", "error", 0, "header.csv: unrecognised header row")
    build = write_build(tmp_path / "build.duckdb", good_rows())
    target = write_dbt_target(tmp_path / "t", {})
    assert evaluate_gate(build, target, EXPECTED, [quarantined]).passed
    result = evaluate_gate(build, target, EXPECTED, [quarantined, rejected])
    assert not result.passed
    assert result.findings[0] == rejected  # errors first


def test_data_quality_warnings_are_reported_not_blocking(tmp_path: Path) -> None:
    dq = [
        {"old_la_code": LA, "time_period": 2025, "warning": "open_episode_missing_from_next_return", "n": 3},
        {"old_la_code": LA, "time_period": 2024, "warning": "no_usable_dob", "n": 0},
    ]
    result = run_gate(tmp_path, good_rows(), dq_rows=dq)
    assert result.passed
    finding = by_check(result)["dq:open_episode_missing_from_next_return"]
    assert (finding.severity, finding.failing_rows) == ("warning", 3)
    assert "dq:no_usable_dob" not in by_check(result)


def test_build_file_is_released_after_the_gate(tmp_path: Path) -> None:
    result = run_gate(tmp_path, good_rows())
    assert result.passed
    con = duckdb.connect(str(tmp_path / "build.duckdb"))  # read-write: fails if the gate still held it
    con.close()


def test_findings_report_holds_no_child_level_values(tmp_path: Path) -> None:
    rows = replace_row(good_rows(), "cla_ceases", 2024, value_published=FAKE_CHILD_ID, la_name=FAKE_CHILD_ID)
    message = f"Runtime Error\n  Conversion Error: Could not convert string '{FAKE_CHILD_ID}' to INT32"
    result = run_gate(tmp_path, rows, model_status="error", model_message=message)
    assert not result.passed
    markdown = write_findings_report(result, tmp_path / "report")
    json_text = (tmp_path / "report" / FINDINGS_JSON).read_text()
    for text in (markdown.read_text(), json_text):
        assert FAKE_CHILD_ID not in text
    assert "# Quality gate: BLOCKED" in markdown.read_text()
    assert "value_published_format" in markdown.read_text()
    assert list(json.loads(json_text)) == [
        "verdict",
        "passed",
        "errors",
        "warnings",
        "dbt_counts",
        "gx_counts",
        "findings",
    ]


def test_findings_report_is_deterministic_and_readable(tmp_path: Path) -> None:
    result = run_gate(tmp_path, replace_row(good_rows(), "cla_rate_31mar", 2025, value=600.0))
    first = write_findings_report(result, tmp_path / "a").read_text()
    second = write_findings_report(result, tmp_path / "b").read_text()
    assert first == second
    assert first.startswith("# Quality gate: PASSED")
    assert "| gx | rate_plausible | 1 |" in first
    assert json.loads((tmp_path / "a" / FINDINGS_JSON).read_text())["gx_counts"] == result.gx_counts


def test_message_pipes_do_not_break_the_table(tmp_path: Path) -> None:
    result = GateResult(False, [Finding("ingest", "x", "error", 1, "a | b\nc")], {}, {})
    text = write_findings_report(result, tmp_path).read_text()
    assert "| ingest | x | 1 | a \\| b c |" in text


def test_suite_json_is_well_formed() -> None:
    suite = json.loads((PROJECT_DIR / "expectations" / "rpt_indicators.json").read_text())
    check_ids = [e["meta"]["check_id"] for e in suite["expectations"]]
    assert len(check_ids) == len(set(check_ids))
    assert {e["severity"] for e in suite["expectations"]} <= {"critical", "warning"}
    assert all(e["description"] for e in suite["expectations"])


def test_gate_writes_nothing_into_the_repository(tmp_path: Path) -> None:
    before = sorted(p.relative_to(PROJECT_DIR) for p in (PROJECT_DIR / "expectations").rglob("*"))
    run_gate(tmp_path, good_rows())
    after = sorted(p.relative_to(PROJECT_DIR) for p in (PROJECT_DIR / "expectations").rglob("*"))
    assert before == after
    assert not (PROJECT_DIR / "gx").exists()


def test_invalid_severity_is_refused() -> None:
    with pytest.raises(ValueError, match="severity"):
        Finding("ingest", "x", "critical", 0, "m")


def test_skipped_nodes_and_unit_tests_without_a_manifest(tmp_path: Path) -> None:
    results = [
        {
            "status": "fail",
            "unique_id": "unit_test.csc_outcomes.fct_episodes.stitches_open_episode",
            "failures": 1,
        },
        {"status": "skipped", "unique_id": "model.csc_outcomes.fct_episodes", "failures": None},
        {"status": "skipped", "unique_id": "test.csc_outcomes.unique_fct_episodes_id.abc", "failures": None},
    ]
    (tmp_path / "run_results.json").write_text(json.dumps({"results": results}))
    findings, counts = read_dbt_results(tmp_path)
    checks = {f.check: f for f in findings}
    assert checks["stitches_open_episode"].severity == "error"
    assert "unit test" in checks["stitches_open_episode"].message
    assert checks["skipped_models"].severity == "error" and "fct_episodes" in checks["skipped_models"].message
    assert checks["skipped_tests"].severity == "warning"
    assert counts == {"pass": 0, "warn": 0, "fail": 1, "error": 0, "skipped": 2}


def test_empty_or_unreadable_run_results_block(tmp_path: Path) -> None:
    (tmp_path / "run_results.json").write_text(json.dumps({"results": []}))
    assert read_dbt_results(tmp_path)[0][0].severity == "error"
    (tmp_path / "run_results.json").write_text("{not json")
    assert "could not be read" in read_dbt_results(tmp_path)[0][0].message


def test_unreadable_data_quality_table_is_a_warning(tmp_path: Path) -> None:
    build = write_build(tmp_path / "build.duckdb", good_rows())
    con = duckdb.connect(str(build))
    con.execute("create table reporting.rpt_data_quality_warnings (old_la_code varchar, note varchar)")
    con.close()
    result = evaluate_gate(build, write_dbt_target(tmp_path / "t", {}), EXPECTED)
    assert result.passed
    assert by_check(result)["data_quality_warnings_readable"].severity == "warning"
