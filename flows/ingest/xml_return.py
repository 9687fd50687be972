"""Read an SSDA903 XML return (``<EXPSSDA903>``) as the tables of its CSV form, one CHILD at a time.

The document is streamed, 16 KB at a time, through ``XMLPullParser``: each ``CHILD`` element is
turned into rows once complete and then dropped from the tree, so memory holds a few children's
elements plus the cells read so far (kept in Arrow batches, the same columns ``split.split_csv``
makes for a CSV file). From there the rows go
through the CSV path unchanged: ``cells`` -> ``typed_rows`` -> ``load``.

Layout (``ssda903-spec.md`` section 4; the project's choices for what DfE leaves open are in
``docs/architecture.md``)::

    EXPSSDA903
    └── CHILD                      one per child
        ├── HEADER                 CHILDID (-> CHILD), SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB,
        │                          UASC, DUC, IN_TOUCH, ACTIV, ACCOM, DATE_INT ... LS_ADOPTR,
        │                          and the row elements AREVIEW, AMISSING, OC2, PERMANENCE, AD_PLACED
        ├── EPISODE                repeated; PL -> PLACE
        ├── SWEPISODE              repeated (social worker episodes, from 2023-24)
        └── DOLO                   repeated (Deprivation of Liberty Orders, from 2026-27)

Every row element is accepted inside ``HEADER`` or directly inside ``CHILD``. ``CHILD`` and ``DOB``
come from the header and are copied into every child-level row. ``UASC=1`` makes a uasc row (with
the header's SEX and DOB), so CSV and XML returns land in identical raw tables. A row of the oc3
and ad1 tables, whose fields sit in ``HEADER`` itself, exists when one of its fields is filled.

Row numbers: a row's ``source_row`` is the row it would have in the table's CSV form (header =
row 1): the n-th EPISODE of the document is episodes row n + 1. Its ``source_element`` is an
XPath to the element, such as ``/EXPSSDA903/CHILD[12]/EPISODE[2]``, for the quarantine report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pyexpat import ErrorString
from typing import BinaryIO

import numpy as np
import pyarrow as pa

from flows.ingest import reasons
from flows.ingest.cells import PLACEHOLDERS
from flows.ingest.code_lists import CodeLists
from flows.ingest.decode import FileRejected
from flows.ingest.reasons import Problem
from flows.ingest.split import FIELD_COUNT, SOURCE_ROW, SplitCsv, cell_column
from flows.ingest.typed_rows import SOURCE_ELEMENT
from flows.ssda903_spec import (
    TABLES,
    XML_COPIED,
    XML_HEADER_TABLES,
    XML_RENAMED,
    XML_ROOT,
    XML_ROW_ELEMENTS,
    XML_UASC_FLAG,
    Column,
    Table,
)

ROOT = XML_ROOT
UNKNOWN_ELEMENT = "unknown_element_ignored"
DUC_WITHOUT_UASC = "duc_without_uasc_ignored"
UASC_FLAG = XML_UASC_FLAG


def _element(table: str, column: str) -> str:
    return XML_RENAMED.get((table, column), column)


def _header_fields() -> dict[str, tuple[str, str]]:
    """Fields of HEADER itself: element -> (table, DfE column). The uasc, oc3 and ad1 rows take
    CHILD, DOB (and SEX) from the header's own fields."""
    shared = set(TABLES["header"].column_names)
    fields = {_element("header", c): ("header", c) for c in TABLES["header"].column_names}
    for table in XML_HEADER_TABLES[1:]:
        fields |= {_element(table, c): (table, c) for c in TABLES[table].column_names if c not in shared}
    return fields | {UASC_FLAG: ("header", UASC_FLAG)}  # kept with the header's values, not a column


def _row_fields(table: str) -> dict[str, int]:
    """Fields of a row element: element -> position of its DfE column in the table."""
    columns = TABLES[table].column_names
    return {_element(table, c): i for i, c in enumerate(columns) if c not in XML_COPIED}


HEADER_FIELDS = _header_fields()
ROW_ELEMENTS = {element: table for table, (element, _) in XML_ROW_ELEMENTS.items()}
_ROW_POSITIONS = {table: _row_fields(table) for table in XML_ROW_ELEMENTS}
_WITH_DOB = frozenset(t for t in XML_ROW_ELEMENTS if TABLES[t].column_names[:2] == XML_COPIED)
_CHUNK = 1 << 14  # bytes read at a time
_BATCH_ROWS = 65_536  # cells are moved from Python lists into Arrow every so many rows of a table
_ELEMENT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,39}")
_BLANK_FLAGS = frozenset(("", "0", *(p.upper() for p in PLACEHOLDERS)))
_UASC_COLUMN = Column(UASC_FLAG, "flag")


def _local(tag: str) -> str:
    """The element name without any namespace."""
    return tag.rpartition("}")[2]


def _shown(name: str) -> str:
    """Element names go into notes; anything not shaped like one is not shown."""
    return name if _ELEMENT_NAME.fullmatch(name) else "(element name not shown)"


@dataclass(frozen=True)
class XmlTable:
    """One table of an XML return, split into text cells like a CSV file."""

    table: Table
    split: SplitCsv  # header = the DfE columns in order; rows also carry source_element
    problems: tuple[Problem, ...]  # row problems only the XML form can have (repeated elements, UASC flag)
    counts: dict[str, dict[str, int]]  # note code -> {what: how many}, e.g. unknown elements


@dataclass(frozen=True)
class XmlReturn:
    tables: list[XmlTable]  # every table of the collection year's return, possibly empty
    out_of_year: dict[str, int]  # table -> row elements of a table this year's return does not have


class _TableRows:
    """The cells of one table in reading order, moved into Arrow batches as they accumulate."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.columns = table.column_names
        self.rows = 0
        self.problems: list[Problem] = []
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self._cells: list[list[str]] = []  # rows of cells in column order
        self._elements: list[str] = []
        self._batches: list[pa.RecordBatch] = []

    def add(self, cells: list[str], element: str) -> int:
        """Append a row (its cells in column order); return its source_row (its row in CSV form)."""
        self._cells.append(cells)
        self._elements.append(element)
        self.rows += 1
        if len(self._elements) >= _BATCH_ROWS:
            self._flush()
        return self.rows + 1

    def add_values(self, values: dict[str, str], element: str) -> int:
        """Append a row given as DfE column -> text (absent columns are blank)."""
        return self.add([values.get(column, "") for column in self.columns], element)

    def problem(self, source_row: int, column: str, value: str, reason: str) -> None:
        order = self.columns.index(column) if column in self.columns else len(self.columns)
        self.problems.append(Problem(source_row, order, reason, column, value))

    def _flush(self) -> None:
        n = len(self._elements)
        first = self.rows - n + 2
        columns = zip(*self._cells, strict=True) if n else ([] for _ in self.columns)
        arrays = {cell_column(i): pa.array(cells, pa.string()) for i, cells in enumerate(columns)}
        arrays[FIELD_COUNT] = pa.array(np.full(n, len(self.columns), dtype=np.int32))
        arrays[SOURCE_ROW] = pa.array(np.arange(first, first + n, dtype=np.int32))
        arrays[SOURCE_ELEMENT] = pa.array(self._elements, pa.string())
        self._batches.append(pa.record_batch(arrays))
        self._cells = []
        self._elements = []

    def finish(self) -> XmlTable:
        if self._elements or not self._batches:
            self._flush()
        rows = pa.Table.from_batches(self._batches)
        self._batches = []
        split = SplitCsv(list(self.columns), rows, len(self.columns), 0)
        counts = {code: dict(counter) for code, counter in self.counts.items()}
        return XmlTable(self.table, split, tuple(self.problems), counts)


@dataclass
class _Header:
    """What the HEADER of one CHILD holds."""

    path: str
    fields: dict[str, dict[str, str]]  # table -> DfE column -> text, for the tables of HEADER's fields
    repeated: list[tuple[str, str, str]] = field(default_factory=list)  # (table, column, text) given twice
    rows: list[tuple[str, ET.Element, str]] = field(default_factory=list)  # (name, element, path) inside

    @property
    def flag(self) -> str:
        """UASC as given."""
        return self.fields["header"].get(UASC_FLAG, "")

    def has_row(self, table: str) -> bool:
        if table == "uasc":
            return self.flag.strip() == "1"
        return any(text.strip() for text in self.fields[table].values())


class _ReturnReader:
    """Turns each CHILD element into rows of the year's tables."""

    def __init__(self, year: int, code_lists: CodeLists) -> None:
        self.year, self.code_lists = year, code_lists
        self.tables = {n: _TableRows(t) for n, t in TABLES.items() if t.exists_in(year)}
        self.out_of_year: Counter[str] = Counter()
        self.root = ROOT
        self.children = 0
        self.name = _local  # element name as read; plain names need no namespace removed

    def start(self, root_tag: str) -> None:
        self.root = _local(root_tag)
        if "}" not in root_tag:
            self.name = str

    def _unknown(self, table: str, parent: str, element: ET.Element) -> None:
        self.tables[table].counts[UNKNOWN_ELEMENT][f"{parent}/{_shown(self.name(element.tag))}"] += 1

    def top_level(self, element: ET.Element) -> None:
        if self.name(element.tag) == "CHILD":
            self._child(element)
        else:
            self._unknown("header", self.root, element)

    def _child(self, child: ET.Element) -> None:
        self.children += 1
        path = f"/{self.root}/CHILD[{self.children}]"
        headers: list[ET.Element] = []
        row_elements: list[tuple[str, ET.Element, str]] = []
        seen: Counter[str] = Counter()
        for element in child:
            tag = self.name(element.tag)
            if tag == "HEADER":
                headers.append(element)
            elif tag in ROW_ELEMENTS:
                seen[tag] += 1
                row_elements.append((tag, element, f"{path}/{tag}[{seen[tag]}]"))
            else:
                self._unknown("header", "CHILD", element)
        header = self._header(headers[0] if headers else None, f"{path}/HEADER")
        values = header.fields["header"]
        rows: dict[str, int] = {}
        if headers:
            rows["header"] = self.tables["header"].add_values(values, header.path)
            if len(headers) > 1:
                reason = reasons.repeated_element("HEADER", "CHILD")
                self.tables["header"].problem(rows["header"], "CHILD", values.get("CHILD", ""), reason)
        for table in XML_HEADER_TABLES[1:]:
            if header.has_row(table):  # CHILD, DOB (and the uasc row's SEX) come from the header's fields
                rows[table] = self.tables[table].add_values(values | header.fields[table], header.path)
        self._check_flag(header, rows)
        for table, column, text in header.repeated:
            if table in rows:
                reason = reasons.repeated_element(column, "HEADER")
                self.tables[table].problem(rows[table], column, text, reason)
        child_id, dob = values.get("CHILD", ""), values.get("DOB", "")
        for tag, element, element_path in header.rows + row_elements:
            self._row(ROW_ELEMENTS[tag], tag, element, element_path, child_id, dob)

    def _header(self, element: ET.Element | None, path: str) -> _Header:
        header = _Header(path, {t: {} for t in XML_HEADER_TABLES})
        seen: Counter[str] = Counter()
        for inner in element if element is not None else ():
            tag = self.name(inner.tag)
            target = HEADER_FIELDS.get(tag)
            if target is None:
                if tag in ROW_ELEMENTS:
                    seen[tag] += 1
                    header.rows.append((tag, inner, f"{path}/{tag}[{seen[tag]}]"))
                else:
                    self._unknown("header", "HEADER", inner)
                continue
            table, column = target
            values = header.fields[table]
            if column in values:
                header.repeated.append((table, column, inner.text or ""))
            else:
                values[column] = inner.text or ""
            if len(inner):
                for nested in inner:
                    self._unknown(table, tag, nested)
        return header

    def _check_flag(self, header: _Header, rows: dict[str, int]) -> None:
        """A UASC flag other than 0/1 is a problem of the child's header row; a DUC without it is noted."""
        value = header.flag.strip().upper()
        if value == "1":
            return
        if value not in _BLANK_FLAGS and "header" in rows:
            reason = reasons.invalid_value(_UASC_COLUMN, header.flag.strip(), self.year, self.code_lists)
            self.tables["header"].problem(rows["header"], UASC_FLAG, header.flag, reason)
        elif header.fields["uasc"].get("DUC", "").strip():
            self.tables["uasc"].counts[DUC_WITHOUT_UASC]["DUC"] += 1

    def _row(self, table: str, tag: str, element: ET.Element, path: str, child_id: str, dob: str) -> None:
        rows = self.tables.get(table)
        if rows is None:
            self.out_of_year[table] += 1
            return
        positions = _ROW_POSITIONS[table]
        cells = [""] * len(rows.columns)
        cells[0] = child_id  # CHILD (and DOB, where the table has it) lead every child-level table
        if table in _WITH_DOB:
            cells[1] = dob
        given: set[int] = set()
        repeated: list[tuple[int, str]] = []
        for inner in element:
            name = self.name(inner.tag)
            position = positions.get(name)
            if position is None:
                self._unknown(table, tag, inner)
                continue
            if position in given:
                repeated.append((position, inner.text or ""))
            else:
                given.add(position)
                cells[position] = inner.text or ""
            if len(inner):
                for nested in inner:
                    self._unknown(table, name, nested)
        source_row = rows.add(cells, path)
        for position, text in repeated:
            column = rows.columns[position]
            rows.problem(source_row, column, text, reasons.repeated_element(column, tag))

    def result(self) -> XmlReturn:
        return XmlReturn([rows.finish() for rows in self.tables.values()], dict(self.out_of_year))


def _not_well_formed(relative_path: str, error: ET.ParseError) -> str:
    line, column = error.position
    reason = ErrorString(error.code).removeprefix("not well-formed ").strip("()")
    return (
        f"{relative_path} is not well-formed XML ({reason} at line {line}, column {column + 1}); "
        "none of its rows were loaded: correct or re-export the document"
    )


def _unusable_encoding(relative_path: str) -> str:
    return (
        f"{relative_path} declares a character encoding the XML reader cannot use (it reads UTF-8, "
        "UTF-16 and single-byte encodings such as Windows-1252); re-export the document as UTF-8"
    )


def _wrong_root(relative_path: str, tag: str) -> str:
    return (
        f"{relative_path}: the document's root element is <{_shown(tag)}>, not <{ROOT}>; "
        "supply the SSDA903 return exported as XML, or its CSV tables"
    )


def _complete_top_level(source: BinaryIO, relative_path: str, reader: _ReturnReader) -> Iterator[ET.Element]:
    """Each child of the root once it is complete, removed from the tree as it is handed over.

    The parser reports only element starts (half the events of start and end): after each chunk,
    every child of the root but the last is complete, because a later sibling has started.
    """
    parser = ET.XMLPullParser(events=("start",))
    root: ET.Element | None = None
    while True:
        chunk = source.read(_CHUNK)
        if chunk:
            parser.feed(chunk)
        else:
            parser.close()
        for _event, element in parser.read_events():
            if root is None:
                root = element
                reader.start(element.tag)
                if reader.root != ROOT:
                    raise FileRejected(_wrong_root(relative_path, reader.root))
        if root is not None:
            complete = len(root) - (1 if chunk else 0)
            if complete > 0:
                done = root[:complete]
                del root[:complete]
                yield from done
        if not chunk:
            return


def read_xml_return(source: BinaryIO, relative_path: str, year: int, code_lists: CodeLists) -> XmlReturn:
    """Stream the document in ``source``; raise FileRejected when it cannot be read as a return.

    Never builds the whole tree: it holds at most the children begun in the last chunk read.
    """
    reader = _ReturnReader(year, code_lists)
    try:
        for element in _complete_top_level(source, relative_path, reader):
            reader.top_level(element)
    except ET.ParseError as error:
        raise FileRejected(_not_well_formed(relative_path, error)) from None
    except (LookupError, ValueError):  # an unknown or a multi-byte encoding in the declaration
        raise FileRejected(_unusable_encoding(relative_path)) from None
    return reader.result()
