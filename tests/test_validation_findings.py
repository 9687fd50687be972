"""The gate's findings from the DfE validation summary: one warning per rule, counts only, never blocking."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from flows.gate.build_tables import read_build_tables
from flows.gate.model import WARNING, gate_result
from flows.gate.validation_findings import validation_findings


def summary_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "la_code": ["815", "815", "815"],
            "collection_year": [2024, 2025, 2025],
            "rule_code": ["101", "101", "355"],
            "severity": ["error", "error", "query"],
            "message": ["Gender code is not valid.", "The reported sex is not valid.", "Episode too short."],
            "failing_rows": [2, 3, 1],
            "failing_children": [1, 3, 1],
        }
    )


def test_one_warning_per_rule_with_its_counts_and_latest_message() -> None:
    findings = validation_findings(summary_rows())
    assert [f.check for f in findings] == ["validation:101", "validation:355"]
    first = findings[0]
    assert (first.source, first.severity, first.failing_rows) == ("validation", WARNING, 5)
    assert first.message == (
        "DfE rule 101 (errors): The reported sex is not valid. 5 row(s), 4 child(ren) identified, "
        "in 815 2024, 815 2025."
    )
    assert "(queries)" in findings[1].message


def test_validation_findings_never_block_publication() -> None:
    assert gate_result(validation_findings(summary_rows()), {}, {}).passed


def test_the_gate_reads_the_summary_from_the_build(tmp_path: Path) -> None:
    build = tmp_path / "build.duckdb"
    frame = summary_rows()
    with duckdb.connect(str(build)) as con:
        con.register("frame", frame)
        con.execute("create schema restricted_validation")
        con.execute("create table restricted_validation.fct_validation_summary as select * from frame")
    read = read_build_tables(build).validation
    assert read is not None
    assert int(read["failing_rows"].sum()) == 6


def test_a_build_without_the_summary_has_no_validation_findings(tmp_path: Path) -> None:
    build = tmp_path / "build.duckdb"
    duckdb.connect(str(build)).close()
    assert read_build_tables(build).validation is None
