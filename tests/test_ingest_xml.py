"""The XML form of the SSDA903 return: layout, renames, the UASC mapping, faults, encodings, streaming.

Each test writes a small ``<EXPSSDA903>`` document into a temporary extracts folder and loads it
with ``load_file`` (one outcome per table of the year), or streams it with ``read_xml_return``.
Bad documents must come back as 'rejected' with one clear message, never as an exception.
"""

from __future__ import annotations

import datetime as dt
import io
import tracemalloc
from pathlib import Path

import duckdb
import pytest

from flows.environment import CODE_LISTS_SEED
from flows.ingest import (
    ExtractFile,
    FileLoad,
    create_raw_tables,
    ingest_extracts,
    load_code_lists,
    load_file,
)
from flows.ingest.code_lists import CodeLists
from flows.ingest.decode import FileRejected
from flows.ingest.xml_return import read_xml_return
from flows.ssda903_spec import TABLES

EPISODE = (
    "<EPISODE><DECOM>01/04/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>"
    "<PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC/><REC/><REASON_PLACE_CHANGE/>"
    "<HOME_POST>AB1 2CD</HOME_POST><PL_POST/><URN/></EPISODE>"
)


def _header(child: str = "0045871", extra: str = "", sex: str = "M", uasc: str = "0") -> str:
    return (
        f"<HEADER><CHILDID>{child}</CHILDID><UPN>UN1</UPN><SEX>{sex}</SEX><DOB>17/03/2011</DOB>"
        f"<ETHNIC>WBRI</ETHNIC><UASC>{uasc}</UASC><MOTHER/><MC_DOB/>{extra}</HEADER>"
    )


def _document(*children: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<EXPSSDA903>\n' + "\n".join(children) + "\n</EXPSSDA903>\n"
    )


def _child(header: str, *rows: str) -> str:
    return f"<CHILD>{header}{''.join(rows)}</CHILD>"


@pytest.fixture(scope="module")
def code_lists() -> CodeLists:
    return load_code_lists(CODE_LISTS_SEED)


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
    year: int = 2025,
    name: str = "return.xml",
) -> dict[str | None, FileLoad]:
    relative = f"815/ssda903/{year}/{name}"
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    loads = load_file(con, ExtractFile(path, relative, "ssda903", "815", year), "L1", code_lists)
    for load in loads:
        assert load.rows_read == load.rows_loaded + load.rows_quarantined
    assert con.execute("select count(*) from raw_audit.load_log").fetchone()[0] == len(loads)
    return {load.table_name: load for load in loads}


def _quarantine(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "select table_name, source_row, column_name, split_part(reason, ':', 1), source_element "
        "from raw_audit.quarantine order by all"
    ).fetchall()


# --- layout --------------------------------------------------------------------------------------


def test_every_table_of_the_year_gets_a_load_log_row(tmp_path, con, code_lists) -> None:
    loads = _load(tmp_path, con, code_lists, _document(_child(_header(), EPISODE)))
    assert set(loads) == {name for name, table in TABLES.items() if table.exists_in(2025)}
    assert all(load.status == "loaded" for load in loads.values())
    assert (loads["header"].rows_loaded, loads["episodes"].rows_loaded, loads["reviews"].rows_read) == (
        1,
        1,
        0,
    )
    formats = con.execute("select distinct file_format from raw_audit.load_log").fetchall()
    assert formats == [("xml",)]


def test_childid_and_pl_are_renamed_and_child_and_dob_copied_into_every_row(
    tmp_path, con, code_lists
) -> None:
    nested = (
        "<AREVIEW><REVIEW>01/05/2024</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>"
        "<AMISSING><MISSING>M</MISSING><MIS_START>02/05/2024</MIS_START><MIS_END/></AMISSING>"
        "<OC2><SDQ_SCORE>12</SDQ_SCORE><SDQ_REASON/><CONVICTED>0</CONVICTED></OC2>"
        "<PERMANENCE><PREV_PERM>Z1</PREV_PERM><LA_PERM/><DATE_PERM/></PERMANENCE>"
        "<AD_PLACED><DATE_PLACED>03/05/2024</DATE_PLACED></AD_PLACED>"
    )
    content = _document(_child(_header(extra=nested), EPISODE))
    loads = _load(tmp_path, con, code_lists, content)
    assert all(load.rows_quarantined == 0 for load in loads.values())
    assert con.execute("select child, place, home_post from raw_ssda903.episodes").fetchall() == [
        ("0045871", "U1", "AB1 2CD")
    ]
    for table in ("reviews", "missing", "oc2", "prev_perm", "placed_adoption"):
        assert con.execute(
            f"select child, strftime(dob, '%d/%m/%Y') from raw_ssda903.{table}"
        ).fetchall() == [("0045871", "17/03/2011")], table


def test_header_fields_make_oc3_and_ad1_rows_only_when_filled(tmp_path, con, code_lists) -> None:
    leaver = "<IN_TOUCH>YES</IN_TOUCH><ACTIV>F2</ACTIV><ACCOM>B1</ACCOM>"
    adopted = (
        "<DATE_INT>01/05/2023</DATE_INT><DATE_MATCH/><FOSTER_CARE>0</FOSTER_CARE><NB_ADOPTR>2</NB_ADOPTR>"
    )
    content = _document(
        _child(_header("1", extra=leaver)),
        _child(_header("2", extra=adopted), EPISODE),
        _child(_header("3", extra="<IN_TOUCH/><ACTIV/><DATE_INT/>"), EPISODE),
    )
    _load(tmp_path, con, code_lists, content)
    assert con.execute("select child, in_touch, activ, accom from raw_ssda903.oc3").fetchall() == [
        ("1", "YES", "F2", "B1")
    ]
    assert con.execute("select child, nb_adoptr, foster_care from raw_ssda903.ad1").fetchall() == [
        ("2", "2", False)
    ]


def test_row_elements_are_accepted_directly_inside_child_too(tmp_path, con, code_lists) -> None:
    review = "<AREVIEW><REVIEW>01/05/2024</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>"
    _load(tmp_path, con, code_lists, _document(_child(_header(), EPISODE, review)))
    assert con.execute("select child from raw_ssda903.reviews").fetchall() == [("0045871",)]


def test_social_worker_episodes_and_deprivation_of_liberty_orders(tmp_path, con, code_lists) -> None:
    rows = (
        "<SWEPISODE><SW_ID>SW1</SW_ID><SW_DECOM>01/04/2026</SW_DECOM><SW_DEC/><SW_REASON>MANAGE</SW_REASON>"
        "</SWEPISODE><DOLO><DOLO_START>01/06/2026</DOLO_START><DOLO_END/></DOLO>"
    )
    loads = _load(tmp_path, con, code_lists, _document(_child(_header(), EPISODE, rows)), year=2027)
    assert loads["dolo"].rows_loaded == loads["sw_episodes"].rows_loaded == 1
    assert con.execute("select dolo_start, dolo_end from raw_ssda903.dolo").fetchall() == [
        (dt.date(2026, 6, 1), None)
    ]


def test_a_table_not_in_the_years_return_is_rejected_alone(tmp_path, con, code_lists) -> None:
    row = "<SWEPISODE><SW_ID>SW1</SW_ID><SW_DECOM>01/05/2022</SW_DECOM></SWEPISODE>"
    loads = _load(tmp_path, con, code_lists, _document(_child(_header(sex="1"), EPISODE, row)), year=2023)
    assert loads["sw_episodes"].status == "rejected"
    assert "only from collection year 2024" in loads["sw_episodes"].message
    assert "1 SWEPISODE element" in loads["sw_episodes"].message
    assert loads["header"].status == loads["episodes"].status == "loaded"


# --- UASC ----------------------------------------------------------------------------------------


def test_uasc_flag_makes_the_uasc_row_with_the_headers_sex_and_dob(tmp_path, con, code_lists) -> None:
    content = _document(
        _child(_header("1", uasc="1", extra="<DUC>16/03/2029</DUC>"), EPISODE),
        _child(_header("2", uasc="0"), EPISODE),
        _child(_header("3", uasc=""), EPISODE),
        _child(_header("4", uasc=" 1 "), EPISODE),
    )
    loads = _load(tmp_path, con, code_lists, content)
    rows = con.execute(
        "select child, sex, strftime(dob, '%d/%m/%Y'), strftime(duc, '%d/%m/%Y'), source_row "
        "from raw_ssda903.uasc order by child"
    ).fetchall()
    assert rows == [("1", "M", "17/03/2011", "16/03/2029", 2), ("4", "M", "17/03/2011", None, 3)]
    assert loads["uasc"].notes is None


def test_a_uasc_flag_other_than_0_or_1_quarantines_the_header_row(tmp_path, con, code_lists) -> None:
    content = _document(
        _child(_header("1", uasc="Y"), EPISODE),
        _child(_header("2", uasc="0", extra="<DUC>01/01/2025</DUC>"), EPISODE),
    )
    loads = _load(tmp_path, con, code_lists, content)
    assert _quarantine(con) == [("header", 2, "UASC", "invalid_code", "/EXPSSDA903/CHILD[1]/HEADER")]
    assert loads["uasc"].rows_read == 0
    assert loads["uasc"].notes == "duc_without_uasc_ignored: 1 (DUC 1)"


# --- faults --------------------------------------------------------------------------------------


def test_cells_are_typed_and_quarantined_like_csv_with_the_element_named(tmp_path, con, code_lists) -> None:
    bad_episode = EPISODE.replace("<PL>U1</PL>", "<PL>X9</PL>").replace("<DEC/>", "<DEC>31/03/2024</DEC>")
    missing_decom = EPISODE.replace("<DECOM>01/04/2024</DECOM>", "")
    empty_code = "<AREVIEW><REVIEW>01/05/2024</REVIEW><REVIEW_CODE> </REVIEW_CODE></AREVIEW>"
    content = _document(
        _child(_header("1"), EPISODE, bad_episode.replace("01/04/2024", "01/05/2024")),
        _child(_header("2", extra=empty_code), missing_decom),
    )
    loads = _load(tmp_path, con, code_lists, content)
    assert _quarantine(con) == [
        ("episodes", 3, "DEC", "dec_before_decom", "/EXPSSDA903/CHILD[1]/EPISODE[2]"),
        ("episodes", 3, "PLACE", "invalid_code", "/EXPSSDA903/CHILD[1]/EPISODE[2]"),
        ("episodes", 4, "DECOM", "missing_value", "/EXPSSDA903/CHILD[2]/EPISODE[1]"),
        ("reviews", 2, "REVIEW_CODE", "missing_value", "/EXPSSDA903/CHILD[2]/HEADER/AREVIEW[1]"),
    ]
    assert (loads["episodes"].rows_read, loads["episodes"].rows_loaded) == (3, 1)


def test_a_missing_header_leaves_the_childs_rows_without_child(tmp_path, con, code_lists) -> None:
    _load(tmp_path, con, code_lists, _document("<CHILD>" + EPISODE + "</CHILD>"))
    assert _quarantine(con) == [("episodes", 2, "CHILD", "missing_value", "/EXPSSDA903/CHILD[1]/EPISODE[1]")]


def test_duplicate_keys_name_every_element(tmp_path, con, code_lists) -> None:
    review = "<AREVIEW><REVIEW>01/05/2024</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>"
    _load(tmp_path, con, code_lists, _document(_child(_header(extra=review + review), EPISODE)))
    assert [row[1:] for row in _quarantine(con)] == [
        (2, None, "duplicate_key", "/EXPSSDA903/CHILD[1]/HEADER/AREVIEW[1]"),
        (3, None, "duplicate_key", "/EXPSSDA903/CHILD[1]/HEADER/AREVIEW[2]"),
    ]


def test_repeated_elements_quarantine_the_row(tmp_path, con, code_lists) -> None:
    twice = EPISODE.replace("<RNE>S</RNE>", "<RNE>S</RNE><RNE>P</RNE>")
    content = _document(_child(_header(extra="<SEX>F</SEX>"), twice), _child(_header("2") + _header("2")))
    _load(tmp_path, con, code_lists, content)
    assert [row[:4] for row in _quarantine(con)] == [
        ("episodes", 2, "RNE", "repeated_element"),
        ("header", 2, "SEX", "repeated_element"),
        ("header", 3, "CHILD", "repeated_element"),
    ]


def test_unknown_elements_are_counted_per_table_and_ignored(tmp_path, con, code_lists) -> None:
    noted = EPISODE.replace("<URN/>", "<URN/><NOTES>x</NOTES><NOTES>y</NOTES>")
    content = _document(
        "<VERSION>2</VERSION>",
        _child(_header(extra="<LEGACY>1</LEGACY>"), noted, "<EXTRA/>"),
    )
    loads = _load(tmp_path, con, code_lists, content)
    assert loads["episodes"].notes == "unknown_element_ignored: 2 (EPISODE/NOTES 2)"
    assert loads["header"].notes == (
        "unknown_element_ignored: 3 (EXPSSDA903/VERSION 1, CHILD/EXTRA 1, HEADER/LEGACY 1)"
    )
    assert loads["episodes"].rows_loaded == 1 and _quarantine(con) == []


def test_placeholders_and_excel_ids_are_noted_as_in_csv(tmp_path, con, code_lists) -> None:
    content = _document(_child(_header("45871.0"), EPISODE.replace("<DEC/>", "<DEC>NULL</DEC>")))
    loads = _load(tmp_path, con, code_lists, content)
    assert loads["episodes"].notes == (
        "placeholder_blanks: 1 (DEC 1); id_trailing_dot_zero_removed: 1 (CHILD 1)"
    )
    assert con.execute("select child from raw_ssda903.header").fetchall() == [("45871",)]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<EXPSSDA903><CHILD><HEADER></CHILD></EXPSSDA903>", "mismatched tag at line 1, column"),
        ("<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>0045871</CHILDID>", "no element found at line 3"),
        ("", "no element found at line 1"),
        ("<EXPSSDA903>&nbsp;</EXPSSDA903>", "undefined entity"),
    ],
    ids=["mismatched", "truncated", "empty", "entity"],
)
def test_malformed_xml_is_rejected_whole_with_its_line(tmp_path, con, code_lists, content, expected) -> None:
    loads = _load(tmp_path, con, code_lists, content)
    assert list(loads) == [None]
    load = loads[None]
    assert load.status == "rejected" and load.file_sha256 is not None
    assert "is not well-formed XML" in load.message and expected in load.message
    assert "0045871" not in load.message
    assert all(con.execute(f"select count(*) from raw_ssda903.{t}").fetchone()[0] == 0 for t in TABLES)


def test_a_document_whose_rows_were_read_before_the_error_loads_nothing(tmp_path, con, code_lists) -> None:
    content = _document(*(_child(_header(str(i)), EPISODE) for i in range(50)))[:-20]
    loads = _load(tmp_path, con, code_lists, content)
    assert loads[None].status == "rejected"
    assert con.execute("select count(*) from raw_ssda903.header").fetchone()[0] == 0


@pytest.mark.parametrize("encoding", ["foo-bar", "gbk", "ebcdic-cp-us"])
def test_an_unusable_encoding_is_rejected(tmp_path, con, code_lists, encoding) -> None:
    content = f'<?xml version="1.0" encoding="{encoding}"?><EXPSSDA903/>'
    loads = _load(tmp_path, con, code_lists, content)
    assert loads[None].status == "rejected"
    assert "encoding" in loads[None].message


def test_the_wrong_root_is_rejected(tmp_path, con, code_lists) -> None:
    loads = _load(tmp_path, con, code_lists, "<CINCensus><Child/></CINCensus>")
    assert loads[None].status == "rejected"
    assert "root element is <CINCensus>, not <EXPSSDA903>" in loads[None].message


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.replace('encoding="UTF-8"', 'encoding="windows-1252"').encode("cp1252"),
        lambda text: text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1"),
        lambda text: text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
        lambda text: text.split("\n", 1)[1].encode("utf-8"),  # no declaration at all
    ],
    ids=["utf8-bom", "cp1252", "latin1", "utf16", "no-declaration"],
)
def test_bom_and_encoding_declarations_are_honoured(tmp_path, con, code_lists, encode) -> None:
    episode = EPISODE.replace("<URN/>", "<URN>SC123é</URN>")
    loads = _load(tmp_path, con, code_lists, encode(_document(_child(_header(), episode))))
    assert loads["episodes"].status == "loaded" and loads["episodes"].rows_loaded == 1
    assert con.execute("select urn from raw_ssda903.episodes").fetchall() == [("SC123é",)]


def test_namespaced_documents_are_read_by_local_names(tmp_path, con, code_lists) -> None:
    content = _document(_child(_header(), EPISODE)).replace(
        "<EXPSSDA903>", '<EXPSSDA903 xmlns="urn:dfe:903">'
    )
    loads = _load(tmp_path, con, code_lists, content)
    assert loads["episodes"].rows_loaded == 1 and loads["header"].notes is None


def test_loading_a_document_again_replaces_its_rows(tmp_path, con, code_lists) -> None:
    content = _document(_child(_header(), EPISODE))
    _load(tmp_path, con, code_lists, content)
    relative = "815/ssda903/2025/return.xml"
    loads = load_file(
        con, ExtractFile(tmp_path / relative, relative, "ssda903", "815", 2025), "L2", code_lists
    )
    assert len(loads) == con.execute("select count(*) from raw_audit.load_log").fetchone()[0]
    assert con.execute("select count(*), min(load_id) from raw_ssda903.episodes").fetchone() == (1, "L2")


# --- a folder: one form per LA-year ---------------------------------------------------------------


def _write(root: Path, relative: str, content: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)


def test_an_la_year_mixing_csv_and_xml_is_rejected_whole(tmp_path, code_lists) -> None:
    document = _document(_child(_header(), EPISODE))
    _write(tmp_path, "815/ssda903/2025/return.xml", document)
    _write(tmp_path, "815/ssda903/2025/header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n")
    _write(tmp_path, "815/ssda903/2024/return.xml", document.replace("<SEX>M</SEX>", "<SEX>1</SEX>"))
    _write(tmp_path, "815/ssda903/2023/a.xml", document)
    _write(tmp_path, "815/ssda903/2023/b.xml", document)
    summary = ingest_extracts(duckdb.connect(), tmp_path, "L1", code_lists)
    rejected = {f.relative_path: f.message for f in summary.files if f.status == "rejected"}
    assert set(rejected) == {
        "815/ssda903/2025/return.xml",
        "815/ssda903/2025/header.csv",
        "815/ssda903/2023/a.xml",
        "815/ssda903/2023/b.xml",
    }
    assert (
        "holds both CSV files and the XML document(s) return.xml" in rejected["815/ssda903/2025/header.csv"]
    )
    assert "2 XML documents (a.xml, b.xml)" in rejected["815/ssda903/2023/a.xml"]
    loaded = {(f.collection_year, f.table_name) for f in summary.files if f.status == "loaded"}
    assert (2024, "header") in loaded and {year for year, _ in loaded} == {2024}


# --- streaming -----------------------------------------------------------------------------------


class _GeneratedDocument(io.RawIOBase):
    """A large document made on the fly, so the test itself never holds it either."""

    def __init__(self, children: int, padding: int) -> None:
        super().__init__()
        self._children, self._padding, self._next = children, padding, 0
        self._buffer = b"<EXPSSDA903>"
        self.size = 0

    def readable(self) -> bool:
        return True

    def _more(self) -> bytes:
        if self._next < self._children:
            notes = f"<NOTES>{'x' * self._padding}</NOTES>"
            self._next += 1
            return _child(_header(str(self._next), extra=notes), EPISODE).encode()
        if self._next == self._children:
            self._next += 1
            return b"</EXPSSDA903>"
        return b""

    def read(self, size: int = -1) -> bytes:
        while len(self._buffer) < max(size, 1):
            more = self._more()
            if not more:
                break
            self._buffer += more
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        self.size += len(data)
        return data


def test_streaming_keeps_memory_bounded_on_a_large_document(code_lists) -> None:
    """A 20 MB document whose bulk is ignored: holding its tree would need more than 20 MB."""
    read_xml_return(
        _GeneratedDocument(children=1, padding=1), "warm-up.xml", 2025, code_lists
    )  # lazy imports
    document = _GeneratedDocument(children=2_000, padding=10_000)
    tracemalloc.start()
    try:
        result = read_xml_return(document, "815/ssda903/2025/big.xml", 2025, code_lists)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    tables = {t.table.name: t for t in result.tables}
    assert tables["header"].split.rows.num_rows == tables["episodes"].split.rows.num_rows == 2_000
    assert tables["header"].counts == {"unknown_element_ignored": {"HEADER/NOTES": 2_000}}
    assert document.size > 20_000_000
    assert peak < document.size / 5  # the rows' cells and the parser's buffers, not the document


def test_read_xml_return_raises_file_rejected_for_the_caller(code_lists) -> None:
    with pytest.raises(FileRejected, match="not well-formed"):
        read_xml_return(io.BytesIO(b"<EXPSSDA903><CHILD>"), "x.xml", 2025, code_lists)
