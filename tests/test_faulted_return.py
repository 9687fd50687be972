"""A synthetic return with labelled faults goes through the real ingest: every fault is caught with
its reason, nothing crashes, and every row is accounted for, per file and in the database."""

from __future__ import annotations

import json

import duckdb
import pytest

from flows.environment import CODE_LISTS_SEED
from flows.ingest import IngestSummary, ingest_extracts, load_code_lists
from flows.ssda903_spec import TABLES
from flows.synth import SynthConfig, generate

FAULT_KINDS = {
    "invalid_code",
    "impossible_date",
    "dec_before_decom",
    "duplicate_rows",
    "excel_dot_zero",
    "blank_rows",
    "utf8_bom",
    "mixed_line_endings",
    "unknown_column",
    "missing_column",
}


@pytest.fixture(scope="module")
def faulted(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[dict], IngestSummary, duckdb.DuckDBPyConnection]:
    root = tmp_path_factory.mktemp("faulted")
    result = generate(root / "extracts", SynthConfig(years=(2023, 2024, 2025), faults=True))
    assert result.manifest_path is not None
    manifest = json.loads(result.manifest_path.read_text())
    con = duckdb.connect(str(root / "build.duckdb"))
    summary = ingest_extracts(con, root / "extracts", "test-load", load_code_lists(CODE_LISTS_SEED))
    return manifest, summary, con


def test_every_fault_kind_is_injected(faulted) -> None:
    manifest, _, _ = faulted
    assert {entry["kind"] for entry in manifest} >= FAULT_KINDS


def test_no_file_is_rejected(faulted) -> None:
    _, summary, _ = faulted
    assert [f.relative_path for f in summary.files if f.status != "loaded"] == []


def test_every_quarantine_fault_is_found_with_its_reason(faulted) -> None:
    manifest, _, con = faulted
    missed = []
    for entry in (e for e in manifest if e["expect"] == "quarantine"):
        column = entry["column"]  # quarantine names columns as the file does (DfE names)
        reasons = [
            row[0]
            for row in con.execute(
                """
                select reason from raw_audit.quarantine
                where source_file = ? and source_row = ?
                  and (column_name is not distinct from ? or ? is null)
                """,
                [entry["file"], entry["row"], column, column],
            ).fetchall()
        ]
        if not any(reason.startswith(entry["reason_code"]) for reason in reasons):
            missed.append((entry["fault_id"], entry["kind"], reasons))
    assert missed == []


def test_every_load_log_fault_is_noted(faulted) -> None:
    manifest, _, con = faulted
    missed = []
    for entry in (e for e in manifest if e["expect"] == "load_log"):
        notes = con.execute(
            "select coalesce(notes, '') from raw_audit.load_log where source_file = ?", [entry["file"]]
        ).fetchall()
        if not notes or entry["reason_code"] not in notes[0][0]:
            missed.append((entry["fault_id"], entry["kind"]))
    assert missed == []


def test_rows_read_equal_rows_loaded_plus_quarantined_per_file(faulted) -> None:
    _, summary, _ = faulted
    assert summary.files
    for load in summary.files:
        assert load.rows_read == load.rows_loaded + load.rows_quarantined, load.relative_path


def test_database_agrees_with_the_load_log(faulted) -> None:
    """Rows in the raw tables and distinct quarantined rows add up to rows read, file by file."""
    _, _, con = faulted
    loaded = " union all ".join(
        f"select source_file, count(*) as n from raw_ssda903.{name} group by source_file" for name in TABLES
    )
    mismatches = con.execute(
        f"""
        with loaded as ({loaded}),
        quarantined as (
            select source_file, count(distinct source_row) as n from raw_audit.quarantine group by source_file
        )
        select log.source_file, log.rows_read, coalesce(l.n, 0), coalesce(q.n, 0)
        from raw_audit.load_log as log
        left join loaded as l using (source_file)
        left join quarantined as q using (source_file)
        where log.rows_read != coalesce(l.n, 0) + coalesce(q.n, 0)
           or log.rows_loaded != coalesce(l.n, 0)
           or log.rows_quarantined != coalesce(q.n, 0)
        """
    ).fetchall()
    assert mismatches == []


def test_only_the_labelled_rows_are_quarantined(faulted) -> None:
    """Faults change nothing else: every quarantined row is one the manifest names."""
    manifest, _, con = faulted
    labelled = {(e["file"], e["row"]) for e in manifest if e["expect"] == "quarantine"}
    quarantined = set(
        con.execute("select distinct source_file, source_row from raw_audit.quarantine").fetchall()
    )
    assert quarantined <= labelled
