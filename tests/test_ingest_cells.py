"""Cell and row checks of the SSDA903 ingest, on the hand-made extracts in fixtures/ingest/extracts.

Every fault in the fixture files is listed here with the row (as Excel shows it), the column and
the reason code the quarantine must carry; every other row must load, typed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from flows.ingest import IngestSummary, ingest_extracts, load_code_lists

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "ingest" / "extracts"
EPISODES = "815/ssda903/2025/episodes.csv"
HEADER = "815/ssda903/2025/header.csv"
OC2 = "815/ssda903/2025/oc2.csv"
PREV_PERM = "815/ssda903/2025/prev_perm.csv"
REVIEWS = "815/ssda903/2024/reviews.csv"


@pytest.fixture(scope="module")
def loaded() -> tuple[duckdb.DuckDBPyConnection, IngestSummary]:
    con = duckdb.connect()
    summary = ingest_extracts(
        con, FIXTURE, "test-load", load_code_lists(ROOT / "seeds" / "ssda903_code_lists.csv")
    )
    return con, summary


def _quarantine(con: duckdb.DuckDBPyConnection, source_file: str) -> list[tuple[int, str | None, str]]:
    """(row, column, reason code) of every problem found in one file."""
    return con.execute(
        "select source_row, column_name, split_part(reason, ':', 1) from raw_audit.quarantine "
        "where source_file = ? order by source_row, column_name",
        [source_file],
    ).fetchall()


def _reason(con: duckdb.DuckDBPyConnection, source_file: str, row: int, column: str) -> str:
    return con.execute(
        "select reason from raw_audit.quarantine "
        "where source_file = ? and source_row = ? and column_name = ?",
        [source_file, row, column],
    ).fetchall()[0][0]


def _file(summary: IngestSummary, relative_path: str):
    return next(f for f in summary.files if f.relative_path == relative_path)


def test_header_faults_are_quarantined_with_row_column_and_reason(loaded) -> None:
    con, _ = loaded
    assert _quarantine(con, HEADER) == [
        (4, "SEX", "invalid_code"),
        (5, "ETHNIC", "invalid_code"),
        (7, "DOB", "invalid_date"),
        (7, "MOTHER", "invalid_code"),
    ]
    assert (
        _reason(con, HEADER, 7, "DOB")
        == "invalid_date: '31/02/2010' is not a real date (expected DD/MM/YYYY)"
    )


def test_code_valid_in_another_year_names_the_years(loaded) -> None:
    con, _ = loaded
    assert _reason(con, HEADER, 4, "SEX") == (
        "invalid_code: '1' is not a valid SEX code for collection year 2025 "
        "(valid in collection years up to 2024)"
    )
    assert _reason(con, EPISODES, 4, "PLACE") == (
        "invalid_code: 'H5' is not a valid PLACE code for collection year 2025 "
        "(valid in collection years up to 2024)"
    )
    assert _reason(con, HEADER, 5, "ETHNIC").endswith("not a valid ETHNIC code for collection year 2025")


def test_episode_faults(loaded) -> None:
    con, _ = loaded
    assert _quarantine(con, EPISODES) == [
        (4, "PLACE", "invalid_code"),
        (5, "DEC", "dec_before_decom"),
        (6, "DECOM", "invalid_date"),
        (7, "DECOM", "invalid_date"),
        (8, None, "duplicate_key"),
        (9, None, "duplicate_key"),
        (10, "CHILD", "missing_value"),
    ]
    assert "two-digit year" in _reason(con, EPISODES, 6, "DECOM")
    assert "Excel serial number" in _reason(con, EPISODES, 7, "DECOM")
    assert (
        _reason(con, EPISODES, 5, "DEC") == "dec_before_decom: DEC '09/10/2024' is before DECOM '10/10/2024'"
    )
    value = con.execute(
        f"select value from raw_audit.quarantine where source_file = '{EPISODES}' and source_row = 7"
    ).fetchall()
    assert value == [("45123",)]  # the cell as given, for the analyst


def test_duplicate_key_compares_typed_values_and_names_both_rows(loaded) -> None:
    con, _ = loaded
    reasons = con.execute(
        f"select reason from raw_audit.quarantine where source_file = '{EPISODES}' and column_name is null"
    ).fetchall()
    assert reasons == [("duplicate_key: rows 8, 9 of this file share the same CHILD, DECOM",)] * 2


def test_numbers_flags_and_ranges(loaded) -> None:
    con, _ = loaded
    assert _quarantine(con, OC2) == [
        (4, "SDQ_SCORE", "out_of_range"),
        (5, "SDQ_SCORE", "invalid_number"),
        (6, "CONVICTED", "invalid_code"),
    ]
    assert (
        _reason(con, OC2, 4, "SDQ_SCORE") == "out_of_range: '50' is outside the range 0 to 40 for SDQ_SCORE"
    )
    rows = con.execute(
        "select child, sdq_score, convicted, immunisations from raw_ssda903.oc2 order by child"
    ).fetchall()
    assert rows == [("0045871", 40, False, True), ("0045872", 12, True, False)]


def test_partial_dates(loaded) -> None:
    con, _ = loaded
    assert _quarantine(con, PREV_PERM) == [(5, "DATE_PERM", "invalid_date")]
    kept = con.execute("select child, date_perm from raw_ssda903.prev_perm order by child").fetchall()
    assert kept == [
        ("0045871", "ZZ/ZZ/2019"),
        ("0045872", "ZZ/06/2019"),
        ("0045873", "15/06/2019"),
        ("0045876", None),
    ]


def test_values_are_normalised_and_typed_once(loaded) -> None:
    con, _ = loaded
    rows = con.execute(
        "select child, decom, rne, ls, place, place_provider, dec, home_post, pl_post, urn "
        "from raw_ssda903.episodes order by source_row"
    ).fetchall()
    assert rows == [
        (
            "0045871",
            dt.date(2024, 4, 1),
            "S",
            "C2",
            "U1",
            "PR1",
            dt.date(2024, 6, 1),
            "AB1 2CD",
            "EF3 4GH",
            "SC012345",
        ),
        ("0045871", dt.date(2024, 6, 1), "P", "C2", "K3", "PR4", None, "AB1 2CD", None, "1234567"),
    ]
    header = con.execute("select child, dob from raw_ssda903.header order by source_row").fetchall()
    assert header == [
        ("0045871", dt.date(2011, 3, 17)),
        ("0045872", dt.date(2009, 11, 2)),
        ("0045876", dt.date(2015, 1, 1)),  # '0045876.0' after an Excel round trip; leading zeros kept
    ]


def test_row_numbers_are_excel_rows_despite_blank_rows(loaded) -> None:
    con, summary = loaded
    assert con.execute("select source_row from raw_ssda903.header order by source_row").fetchall() == [
        (2,),
        (3,),
        (8,),
    ]
    assert _file(summary, HEADER).rows_blank == 1
    assert _quarantine(con, REVIEWS) == [(5, "REVIEW_CODE", "invalid_code")]


def test_notes_count_every_normalisation(loaded) -> None:
    _, summary = loaded
    assert _file(summary, HEADER).notes == "blank_rows_skipped: 1; id_trailing_dot_zero_removed: 1 (CHILD 1)"
    assert _file(summary, EPISODES).notes == (
        "placeholder_blanks: 1 (PL_POST 1); id_trailing_dot_zero_removed: 1 (URN 1)"
    )


def test_typed_columns_have_the_warehouse_types(loaded) -> None:
    con, _ = loaded
    types = dict(
        con.execute(
            "select table_name || '.' || column_name, data_type from information_schema.columns "
            "where table_schema = 'raw_ssda903'"
        ).fetchall()
    )
    assert types["episodes.child"] == "VARCHAR"
    assert types["episodes.decom"] == "DATE"
    assert types["episodes.place"] == "VARCHAR"
    assert types["header.mother"] == "BOOLEAN"
    assert types["oc2.sdq_score"] == "INTEGER"
    assert types["prev_perm.date_perm"] == "VARCHAR"
    assert types["episodes.source_row"] == "INTEGER"
    assert types["episodes.collection_year"] == "INTEGER"


def test_provenance_on_every_row(loaded) -> None:
    con, _ = loaded
    rows = con.execute(
        "select distinct load_id, la_code, collection_year, source_file from raw_ssda903.reviews"
    ).fetchall()
    assert rows == [("test-load", "815", 2024, REVIEWS)]
