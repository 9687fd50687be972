"""A whole extracts folder: row accounting, cross-file checks, repeatability, privacy, Prefect tasks."""

from __future__ import annotations

import shutil
from dataclasses import astuple
from pathlib import Path

import duckdb
import pytest
from prefect.logging import disable_run_logger

from flows.ingest import (
    CodeListError,
    FileLoad,
    IngestSummary,
    create_raw_tables,
    discover_extracts,
    ingest_extracts,
    load_code_lists,
)
from flows.ingest.code_lists import CodeLists
from flows.ingest.raw_schema import RAW_SCHEMA
from flows.ingest.tasks import discover_task, ingest_task, load_file_task, reject_repeated_tables_task
from flows.ssda903_spec import TABLES

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "ingest" / "extracts"
SEED = ROOT / "seeds" / "ssda903_code_lists.csv"
# Child-level values of the fixture files: none may appear in anything the ingest returns.
CHILD_LEVEL = [
    "0045871",
    "0045872",
    "0045873",
    "0045874",
    "0045875",
    "0045876",
    "17/03/2011",
    "AB1 2CD",
    "EF3 4GH",
]


@pytest.fixture(scope="module")
def code_lists() -> CodeLists:
    return load_code_lists(SEED)


@pytest.fixture
def extracts(tmp_path: Path) -> Path:
    folder = tmp_path / "extracts"
    shutil.copytree(FIXTURE, folder)
    return folder


def _ingest(
    database: Path | str, extracts: Path, code_lists: CodeLists, load_id: str = "L1"
) -> IngestSummary:
    with duckdb.connect(str(database)) as con:
        return ingest_extracts(con, extracts, load_id, code_lists)


def test_rows_read_equal_rows_loaded_plus_quarantined_in_the_database(tmp_path, extracts, code_lists) -> None:
    database = tmp_path / "w.duckdb"
    summary = _ingest(database, extracts, code_lists)
    assert len(summary.files) == 5
    assert summary.rows_read == summary.rows_loaded + summary.rows_quarantined == 28
    with duckdb.connect(str(database), read_only=True) as con:
        loaded_by_file = dict(
            con.execute(
                " union all ".join(
                    f"select source_file, count(*) from {RAW_SCHEMA}.{t} group by all" for t in TABLES
                )
            ).fetchall()
        )
        quarantined_by_file = dict(
            con.execute(
                "select source_file, count(distinct source_row) from raw_audit.quarantine group by all"
            ).fetchall()
        )
        logged = {
            row[0]: row[1:]
            for row in con.execute(
                "select source_file, file_sha256, table_name, la_code, collection_year, status, rows_read, "
                "rows_loaded, rows_quarantined, rows_blank, message, notes from raw_audit.load_log"
            ).fetchall()
        }
    for load in summary.files:
        assert load.rows_read == load.rows_loaded + load.rows_quarantined
        assert loaded_by_file.get(load.relative_path, 0) == load.rows_loaded
        assert quarantined_by_file.get(load.relative_path, 0) == load.rows_quarantined
        assert logged[load.relative_path] == astuple(load)[1:]


def test_two_files_holding_one_table_are_both_rejected(tmp_path, extracts, code_lists) -> None:
    year = extracts / "815" / "ssda903" / "2025"
    shutil.copy(year / "episodes.csv", year / "episodes_copy.csv")
    seen: list[FileLoad] = []
    with duckdb.connect() as con:
        summary = ingest_extracts(con, extracts, "L1", code_lists, progress=seen.append)
        rows = con.execute("select count(*) from raw_ssda903.episodes").fetchall()
        quarantined = con.execute(
            "select count(*) from raw_audit.quarantine where table_name = 'episodes'"
        ).fetchall()
        logged = con.execute(
            "select status, rows_read from raw_audit.load_log where table_name = 'episodes'"
        ).fetchall()
    rejected = [f for f in summary.files if f.status == "rejected"]
    assert [f.relative_path for f in rejected] == [
        "815/ssda903/2025/episodes.csv",
        "815/ssda903/2025/episodes_copy.csv",
    ]
    for load in rejected:
        assert "815/ssda903/2025/episodes.csv" in load.message
        assert "815/ssda903/2025/episodes_copy.csv" in load.message
        assert "keep exactly one file per table" in load.message
        assert load.rows_read == load.rows_loaded == load.rows_quarantined == 0
    assert rows == quarantined == [(0,)]
    assert logged == [("rejected", 0), ("rejected", 0)]
    assert summary.files_loaded == 4
    # progress saw every file as loaded, then the two changed outcomes
    assert [f.relative_path for f in seen[-2:]] == [f.relative_path for f in rejected]


def _raw_tables(database: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as con:
        tables = {
            t: con.execute(f"select * exclude (load_id) from {RAW_SCHEMA}.{t}").fetchall() for t in TABLES
        }
        tables["quarantine"] = con.execute("select * exclude (load_id) from raw_audit.quarantine").fetchall()
        tables["load_log"] = con.execute("select * exclude (load_id) from raw_audit.load_log").fetchall()
    return tables


def test_same_files_give_identical_raw_tables(tmp_path, extracts, code_lists) -> None:
    first, second = tmp_path / "first.duckdb", tmp_path / "second.duckdb"
    _ingest(first, extracts, code_lists, "run-1")
    _ingest(second, extracts, code_lists, "run-2")
    assert _raw_tables(first) == _raw_tables(second)
    _ingest(second, extracts, code_lists, "run-3")  # again into the same warehouse: replaced, not added
    assert _raw_tables(first) == _raw_tables(second)


def test_nothing_child_level_is_returned(tmp_path, extracts, code_lists) -> None:
    year = extracts / "815" / "ssda903" / "2025"
    (year / "utf16.csv").write_bytes("CHILD,DOB\n0045871,17/03/2011\n".encode("utf-16"))
    (year / "unknown.csv").write_text("CHILD,NAME\n0045871,AB1 2CD\n")
    (year / "no_header.csv").write_text("0045871,M,17/03/2011,WBRI,UN1,,\n0045872,F,17/03/2011,WBRI,UN1,,\n")
    (year / "data_in_header.csv").write_text("CHILD,DOB,DUC,AB1 2CD,17/03/2011\n0045871,17/03/2011,,\n")
    (year / "ragged.csv").write_text("CHILD,DOB,DUC,SEX\n0045871,17/03/2011,,M,AB1 2CD\n")
    (extracts / "Leeds").mkdir()
    summary = _ingest(":memory:", extracts, code_lists)
    assert len(summary.problems) == 1
    assert summary.files_rejected == 5  # two uasc files as well: rejected as a pair
    returned = repr(summary)
    for value in CHILD_LEVEL:
        assert value not in returned, value


def test_prefect_tasks_call_the_core_functions(tmp_path, extracts, code_lists) -> None:
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        create_raw_tables(con)
    with disable_run_logger():
        files, problems = discover_task.fn(extracts)
        loads = [load for f in files for load in load_file_task.fn(warehouse, f, "L1", code_lists)]
        checked = reject_repeated_tables_task.fn(warehouse, "L1", loads)
        summary = ingest_task.fn(tmp_path / "again.duckdb", extracts, "L1", code_lists)
    assert problems == []
    assert checked == loads == summary.files
    assert [f.relative_path for f in files] == [f.relative_path for f in discover_extracts(extracts)[0]]


def test_code_lists_are_read_from_the_seed_with_their_years(code_lists, tmp_path) -> None:
    assert code_lists.valid_codes("SEX", 2024) == {"1", "2"}
    assert code_lists.valid_codes("SEX", 2025) == {"M", "F", "U"}
    assert code_lists.codes_valid_elsewhere("SEX", 2025) == {
        "1": "collection years up to 2024",
        "2": "collection years up to 2024",
    }
    bad = tmp_path / "codes.csv"
    bad.write_text("field,code,description,valid_from_year,valid_to_year\nSEX,1,Male,,24x\n")
    with pytest.raises(CodeListError, match="row 2, column valid_to_year"):
        load_code_lists(bad)
    bad.write_text("field,code,description,valid_from_year,valid_to_year\nSEX,1,Male,,\n")
    with pytest.raises(CodeListError, match="no codes for field"):
        load_code_lists(bad)
