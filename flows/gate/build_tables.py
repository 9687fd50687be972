"""Read the reporting tables the gate judges out of a build file, read-only, and let go of it at once.

The connection is closed before any validation starts, so the gate never holds a lock on the build
file that the publish step is about to copy (stack-notes section 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from flows.gate.model import ERROR, WARNING, Finding

INDICATORS_SCHEMA, INDICATORS_TABLE = "reporting", "rpt_indicators"
DQ_SCHEMA, DQ_TABLE = "reporting", "rpt_data_quality_warnings"
VALIDATION_SCHEMA, VALIDATION_TABLE = "restricted_validation", "fct_validation_summary"
VALIDATION_COLUMNS = (
    "la_code",
    "collection_year",
    "rule_code",
    "severity",
    "message",
    "failing_rows",
    "failing_children",
)
"""fct_validation_summary (counts by LA, year and DfE rule), the columns the gate reads."""

INDICATOR_COLUMNS = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "old_la_code",
    "new_la_code",
    "la_name",
    "indicator",
    "breakdown_topic",
    "breakdown",
    "numerator",
    "denominator",
    "value",
    "value_published",
    "unit",
)
"""The contract of reporting.rpt_indicators (DESIGN, 'Published indicators')."""

DQ_COLUMNS = {
    "la": ("old_la_code", "la_code"),
    "year": ("time_period", "collection_year"),
    "warning": ("warning",),
    "n": ("n_children", "n"),
}
"""rpt_data_quality_warnings (counts only): the column read for each role; the first name present wins."""


@dataclass(frozen=True)
class BuildTables:
    indicators: pd.DataFrame | None  # None when the table could not be read (see findings)
    dq_warnings: pd.DataFrame | None  # None when the build has no data-quality warnings table
    findings: list[Finding]
    validation: pd.DataFrame | None = None  # None when the build has no validation summary


def read_build_tables(build_db: Path) -> BuildTables:
    """rpt_indicators (contract columns only) and the data-quality warnings, or findings saying why not."""
    if not build_db.is_file():
        return BuildTables(None, None, [_table_finding(f"the build warehouse {build_db} does not exist")])
    try:
        con = duckdb.connect(str(build_db), read_only=True)
    except duckdb.Error as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return BuildTables(
            None,
            None,
            [_table_finding(f"the build warehouse {build_db} could not be opened read-only ({first_line})")],
        )
    try:
        indicators, findings = _read_indicators(con)
        dq_warnings, dq_findings = _read_dq_warnings(con)
        validation = _read_validation_summary(con)
    finally:
        con.close()
    return BuildTables(indicators, dq_warnings, findings + dq_findings, validation)


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchall()
    return [row[0] for row in rows]


def _select(columns: tuple[str, ...], schema: str, table: str) -> str:
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f'select {quoted} from "{schema}"."{table}"'


def _read_indicators(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame | None, list[Finding]]:
    present = _columns(con, INDICATORS_SCHEMA, INDICATORS_TABLE)
    if not present:
        return None, [_table_finding(f"{INDICATORS_SCHEMA}.{INDICATORS_TABLE} does not exist in the build")]
    missing = [c for c in INDICATOR_COLUMNS if c not in present]
    if missing:
        return None, [
            _table_finding(
                f"{INDICATORS_SCHEMA}.{INDICATORS_TABLE} lacks contract column(s): {', '.join(missing)}"
            )
        ]
    return con.sql(_select(INDICATOR_COLUMNS, INDICATORS_SCHEMA, INDICATORS_TABLE)).df(), []


def _read_dq_warnings(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame | None, list[Finding]]:
    """Columns la, year, warning, n; None without a finding when the build has no such table."""
    present = _columns(con, DQ_SCHEMA, DQ_TABLE)
    if not present:
        return None, []
    chosen = {role: next((c for c in names if c in present), None) for role, names in DQ_COLUMNS.items()}
    missing = [role for role, column in chosen.items() if column is None]
    if missing:
        reason = f"{DQ_SCHEMA}.{DQ_TABLE} has no column for: {', '.join(missing)}"
        return None, [
            Finding(
                "gx",
                "data_quality_warnings_readable",
                WARNING,
                0,
                f"Data-quality warnings not read: {reason}.",
            )
        ]
    columns = ", ".join(f'"{column}" as {role}' for role, column in chosen.items())
    return con.sql(f'select {columns} from "{DQ_SCHEMA}"."{DQ_TABLE}"').df(), []


def _read_validation_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame | None:
    """The DfE validation rules' counts; None when the build has no such table (or lacks a column)."""
    present = _columns(con, VALIDATION_SCHEMA, VALIDATION_TABLE)
    if not present or any(c not in present for c in VALIDATION_COLUMNS):
        return None
    return con.sql(_select(VALIDATION_COLUMNS, VALIDATION_SCHEMA, VALIDATION_TABLE)).df()


def _table_finding(reason: str) -> Finding:
    return Finding(
        source="gx",
        check="rpt_indicators_readable",
        severity=ERROR,
        failing_rows=0,
        message=f"The indicators could not be validated: {reason}.",
    )
