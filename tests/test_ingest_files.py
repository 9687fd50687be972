"""File-level handling of the SSDA903 ingest: encodings, headers, table recognition, ragged rows.

Each test writes one small file into a temporary extracts folder and loads it with ``load_file``.
Bad files must come back as 'rejected' with one clear message, never as an exception.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.ingest import ExtractFile, FileLoad, create_raw_tables, load_code_lists, load_file
from flows.ingest.code_lists import CodeLists

ROOT = Path(__file__).resolve().parents[1]
EPISODES_HEADER = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
EPISODE = "0045871,01/04/2024,S,C2,N1,U1,PR1,,,,,,"


@pytest.fixture(scope="module")
def code_lists() -> CodeLists:
    return load_code_lists(ROOT / "seeds" / "ssda903_code_lists.csv")


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    create_raw_tables(connection)
    return connection


def _load(
    tmp_path: Path,
    con: duckdb.DuckDBPyConnection,
    code_lists: CodeLists,
    content: str | bytes,
    name: str = "episodes.csv",
    year: int = 2025,
) -> FileLoad:
    relative = f"815/ssda903/{year}/{name}"
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    [load] = load_file(con, ExtractFile(path, relative, "ssda903", "815", year), "L1", code_lists)
    assert load.rows_read == load.rows_loaded + load.rows_quarantined
    logged = con.execute(
        "select status, rows_read, rows_loaded, rows_quarantined, message from raw_audit.load_log "
        "where source_file = ?",
        [relative],
    ).fetchall()
    assert logged == [(load.status, load.rows_read, load.rows_loaded, load.rows_quarantined, load.message)]
    return load


def _reasons(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str | None, str]]:
    return con.execute(
        "select source_row, column_name, split_part(reason, ':', 1) from raw_audit.quarantine "
        "order by source_row, column_name"
    ).fetchall()


@pytest.mark.parametrize(
    "content",
    [
        (EPISODES_HEADER + "\r\n" + EPISODE + "\r\n").encode("utf-16"),  # with BOM
        (EPISODES_HEADER + "\n" + EPISODE + "\n").encode("utf-16-le"),  # NUL bytes, no BOM
    ],
    ids=["utf16-bom", "utf16-no-bom"],
)
def test_utf16_is_rejected_with_resave_advice(tmp_path, con, code_lists, content) -> None:
    load = _load(tmp_path, con, code_lists, content)
    assert load.status == "rejected"
    assert load.table_name is None
    assert "815/ssda903/2025/episodes.csv" in load.message
    assert "re-save it as 'CSV UTF-8'" in load.message
    assert load.file_sha256 is not None


@pytest.mark.parametrize("content", ["", "\n\n  \n,,,\n"], ids=["zero-bytes", "blank-lines-only"])
def test_empty_file_is_rejected(tmp_path, con, code_lists, content) -> None:
    load = _load(tmp_path, con, code_lists, content)
    assert load.status == "rejected"
    assert "empty" in load.message or "no header row" in load.message


def test_header_only_file_loads_zero_rows(tmp_path, con, code_lists) -> None:
    load = _load(tmp_path, con, code_lists, EPISODES_HEADER + "\n")
    assert (load.status, load.table_name, load.rows_read) == ("loaded", "episodes", 0)


def test_unknown_header_names_the_nearest_table(tmp_path, con, code_lists) -> None:
    content = "CHILD,DOB,REVIEW_DATE,CODE\n0045871,17/03/2011,01/01/2024,PN1\n"
    load = _load(tmp_path, con, code_lists, content, name="x.csv")
    assert load.status == "rejected"
    assert load.message == (
        "815/ssda903/2025/x.csv: the header row matches no SSDA903 table; the nearest is reviews "
        "(missing columns: REVIEW, REVIEW_CODE; unexpected columns: REVIEW_DATE, CODE); "
        "correct the header row"
    )
    unrelated = _load(tmp_path, con, code_lists, "NAME,AGE\nx,1\n", name="y.csv")
    assert (
        "matches no SSDA903 table; check that the first row holds the DfE column names" in unrelated.message
    )


def test_header_matching_two_tables_equally_is_rejected(tmp_path, con, code_lists) -> None:
    header = "CHILD,DOB,REVIEW,REVIEW_CODE,MISSING,MIS_START\n"
    load = _load(tmp_path, con, code_lists, header, name="mixed.csv")
    assert load.status == "rejected"
    assert "reviews and missing equally" in load.message


def test_table_not_in_the_return_for_that_year_is_rejected(tmp_path, con, code_lists) -> None:
    content = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n0045871,17/03/2011,SW1,01/05/2022,,\n"
    load = _load(tmp_path, con, code_lists, content, name="sw.csv", year=2023)
    assert load.status == "rejected"
    assert load.table_name == "sw_episodes"
    assert "only from collection year 2024" in load.message


def test_bom_cp1252_and_mixed_line_endings_are_noted(tmp_path, con, code_lists) -> None:
    content = (
        b"\xef\xbb\xbf" + EPISODES_HEADER.encode() + b"\r\n" + EPISODE.encode() + b"\r\n"
        b"0045872,01/05/2024,S,C2,N1,U1,PR1,,,,,,\n"
    )
    load = _load(tmp_path, con, code_lists, content)
    assert load.status == "loaded"
    assert load.rows_loaded == 2
    assert load.notes == "bom_removed; line_endings_normalised"

    cp1252 = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n0045871,17/03/2011,Zoë,01/05/2024,,\n".encode(
        "cp1252"
    )
    load = _load(tmp_path, con, code_lists, cp1252, name="sw.csv")
    assert (load.status, load.notes) == ("loaded", "decoded_cp1252")
    assert con.execute("select sw_id from raw_ssda903.sw_episodes").fetchall() == [("Zoë",)]


def test_columns_are_matched_by_name_in_any_order(tmp_path, con, code_lists) -> None:
    content = (
        "URN,PL_POST,HOME_POST,REASON_PLACE_CHANGE,REC,DEC,PLACE_PROVIDER,PLACE,CIN,LS,RNE,DECOM,CHILD\n"
    )
    content += "SC1,,,,,,PR1,U1,N1,C2,S,01/04/2024,0045871\n"
    load = _load(tmp_path, con, code_lists, content)
    assert (load.table_name, load.rows_loaded) == ("episodes", 1)
    row = con.execute("select child, rne, place, urn from raw_ssda903.episodes").fetchall()
    assert row == [("0045871", "S", "U1", "SC1")]


def test_header_names_are_trimmed_and_upper_cased(tmp_path, con, code_lists) -> None:
    content = " child , Dob,review ,REVIEW_CODE\n0045871,17/03/2011,15/05/2023,PN1\n"
    load = _load(tmp_path, con, code_lists, content, name="reviews.csv")
    assert (load.table_name, load.rows_loaded) == ("reviews", 1)


def test_unknown_and_missing_optional_columns_are_noted(tmp_path, con, code_lists) -> None:
    content = "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC,EXTRA\n0045871,01/04/2024,S,C2,N1,U1,,,x\n"
    load = _load(tmp_path, con, code_lists, content)
    assert load.rows_loaded == 1
    assert load.notes == (
        "unknown_column_ignored: EXTRA; missing_column: PLACE_PROVIDER; missing_column: REASON_PLACE_CHANGE; "
        "missing_column: HOME_POST; missing_column: PL_POST; missing_column: URN"
    )


def test_missing_required_column_quarantines_every_row(tmp_path, con, code_lists) -> None:
    content = "CHILD,DECOM,RNE,LS,CIN,PLACE_PROVIDER,DEC\n"
    content += "0045871,01/04/2024,S,C2,N1,PR1,\n0045872,01/04/2024,S,C2,N1,PR1,\n"
    load = _load(tmp_path, con, code_lists, content)
    assert (load.status, load.table_name, load.rows_read, load.rows_quarantined) == (
        "loaded",
        "episodes",
        2,
        2,
    )
    assert _reasons(con) == [(2, "PLACE", "missing_column"), (3, "PLACE", "missing_column")]


def test_rows_with_the_wrong_number_of_values_are_quarantined(tmp_path, con, code_lists) -> None:
    content = (
        EPISODES_HEADER + "\n" + EPISODE + "\n"
        "0045872,01/04/2024,S,C2,N1,U1,PR1\n"  # too few values
        "0045873,01/04/2024,S,C2,N1,U1,PR1,,,,,,,,\n"  # trailing empty values: fine
        "0045874,01/04/2024,S,C2,N1,U1,PR1,,,,,,,extra\n"  # a value beyond the header
        "   \n"  # whitespace only: a blank row
    )
    load = _load(tmp_path, con, code_lists, content)
    assert (load.rows_read, load.rows_loaded, load.rows_blank) == (4, 2, 1)
    assert _reasons(con) == [(3, None, "wrong_field_count"), (5, None, "wrong_field_count")]


def test_quoted_commas_are_values_not_separators(tmp_path, con, code_lists) -> None:
    content = EPISODES_HEADER + '\n"0045871",01/04/2024,S,C2,N1,U1,PR1,,,,,,"SC,1"\n'
    load = _load(tmp_path, con, code_lists, content)
    assert load.rows_loaded == 1
    assert con.execute("select child, urn from raw_ssda903.episodes").fetchall() == [("0045871", "SC,1")]


def test_a_quote_never_closed_rejects_the_file(tmp_path, con, code_lists) -> None:
    content = (
        EPISODES_HEADER + "\n" + EPISODE + '\n0045872,"01/04/2024,S,C2,N1,U1,PR1,,,,,,\n' + EPISODE + "\n"
    )
    load = _load(tmp_path, con, code_lists, content)
    assert load.status == "rejected"
    assert "a value in row 3 spans several lines" in load.message
    ragged_and_unclosed = EPISODES_HEADER + '\n0045871,01/04/2024\n0045872,"' + "01/04/2024\n" * 15000
    load = _load(tmp_path, con, code_lists, ragged_and_unclosed, name="worse.csv")
    assert load.status == "rejected"
    assert "cannot be split into rows" in load.message


def test_text_placeholders_are_blanks(tmp_path, con, code_lists) -> None:
    content = EPISODES_HEADER + "\n0045871,01/04/2024,S,C2,N1,U1,-,None,NaN,nan,NULL,,\n"
    load = _load(tmp_path, con, code_lists, content)
    assert load.rows_loaded == 1
    assert (
        load.notes
        == "placeholder_blanks: 5 (PLACE_PROVIDER 1, DEC 1, REC 1, REASON_PLACE_CHANGE 1, HOME_POST 1)"
    )
    placeholder_in_required = EPISODES_HEADER + "\nNULL,01/04/2024,S,C2,N1,U1,,,,,,,\n"
    _load(tmp_path, con, code_lists, placeholder_in_required, name="again.csv")
    assert con.execute("select column_name, value, reason from raw_audit.quarantine").fetchall() == [
        ("CHILD", "NULL", "missing_value: CHILD is required but blank")
    ]


def test_loading_a_file_again_replaces_its_rows(tmp_path, con, code_lists) -> None:
    content = EPISODES_HEADER + "\n" + EPISODE + "\n0045872,xx,S,C2,N1,U1,PR1,,,,,,\n"
    first = _load(tmp_path, con, code_lists, content)
    second = _load(tmp_path, con, code_lists, content)
    assert first == second
    counts = con.execute(
        "select (select count(*) from raw_ssda903.episodes), (select count(*) from raw_audit.quarantine), "
        "(select count(*) from raw_audit.load_log)"
    ).fetchall()
    assert counts == [(1, 1, 1)]
