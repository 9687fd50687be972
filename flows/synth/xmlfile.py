"""One collection year's return as a single SSDA903 XML document, made from the year's CSV files.

The document holds exactly the rows of the CSV files (after any fault injection), in DfE's XML
layout (`flows.ssda903_spec`, XML_*): one `<CHILD>` per header row, in the header file's order,
with the child's rows of every other table inside it. Empty values are written as empty elements
(`<DEC/>`), as LA systems export them. `CHILD` and `DOB` are written once, in `<HEADER>`; a
uasc row becomes `<UASC>1</UASC>` and its `DUC`. Each row keeps, in `locations`, the row number
and element path the ingest will give it, so the faults manifest can point into the document.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from flows.ssda903_spec import (
    TABLES,
    XML_COPIED,
    XML_HEADER_TABLES,
    XML_RENAMED,
    XML_ROOT,
    XML_ROW_ELEMENTS,
    XML_UASC_FLAG,
)
from flows.synth.csvfile import CsvFile, Line

FILE_NAME = "ssda903.xml"
_INDENT = "  "


def _element(name: str, text: str) -> str:
    return f"<{name}>{escape(text)}</{name}>" if text else f"<{name}/>"


def _fields(table: str, line: Line, skip: tuple[str, ...]) -> str:
    """The row's values as elements, in DfE column order, without the columns in ``skip``."""
    columns = TABLES[table].column_names
    cells = line.cells
    parts = [
        _element(XML_RENAMED.get((table, column), column), cells[i])
        for i, column in enumerate(columns)
        if column not in skip
    ]
    parts += [_element(name, text) for name, text in line.xml_extra]
    return "".join(parts)


@dataclass
class XmlFile:
    rel_path: str
    year: int
    text: str
    data_rows: int
    # Line (by identity) -> (source_row, element path) as the ingest will report them.
    locations: dict[Line, tuple[int, str]] = field(default_factory=dict)

    def write(self, out_dir: Path) -> Path:
        path = out_dir / self.rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.text.encode("utf-8"))
        return path


class _Writer:
    def __init__(self, files: list[CsvFile]) -> None:
        self.by_table = {f.table: f for f in files}
        self.lines: dict[str, dict[str, list[Line]]] = {}
        for table, file in self.by_table.items():
            grouped: dict[str, list[Line]] = defaultdict(list)
            for line in file.lines[1:]:
                if line.text.strip(","):
                    grouped[line.cells[0]].append(line)
            self.lines[table] = grouped
        self.rows: dict[str, int] = defaultdict(int)
        self.locations: dict[Line, tuple[int, str]] = {}
        self.out: list[str] = []

    def _locate(self, table: str, line: Line, path: str) -> None:
        self.rows[table] += 1
        self.locations[line] = (self.rows[table] + 1, path)

    def _check_every_row_has_a_header(self) -> None:
        children = set(self.lines["header"])
        for table, grouped in self.lines.items():
            where = self.by_table[table].rel_path
            if set(grouped) - children:
                raise ValueError(f"{where}: rows of a child with no header row cannot be written as XML")
            if table in XML_HEADER_TABLES and any(len(lines) > 1 for lines in grouped.values()):
                raise ValueError(f"{where}: a child has several rows of a table XML holds once per child")

    def document(self) -> str:
        self._check_every_row_has_a_header()
        self.out = ['<?xml version="1.0" encoding="UTF-8"?>', f"<{XML_ROOT}>"]
        headers = [line for line in self.by_table["header"].lines[1:] if line.text.strip(",")]
        for ordinal, header_line in enumerate(headers, start=1):
            self._child(ordinal, header_line)
        self.out.append(f"</{XML_ROOT}>")
        return "\n".join(self.out) + "\n"

    def _child(self, ordinal: int, header_line: Line) -> None:
        child_id = header_line.cells[0]
        path = f"/{XML_ROOT}/CHILD[{ordinal}]"
        header_path = f"{path}/HEADER"
        self.out += [f"{_INDENT}<CHILD>", f"{_INDENT * 2}<HEADER>"]
        self._locate("header", header_line, header_path)
        fields = _fields("header", header_line, ())
        uasc = self.lines["uasc"].get(child_id, [])
        fields += _element(XML_UASC_FLAG, "1" if uasc else "0")
        for table in XML_HEADER_TABLES[1:]:
            for line in self.lines.get(table, {}).get(child_id, []):
                self._locate(table, line, header_path)
                fields += _fields(table, line, TABLES["header"].column_names)
        self.out.append(f"{_INDENT * 3}{fields}")
        self._rows(child_id, header_path, in_header=True, depth=3)
        self.out.append(f"{_INDENT * 2}</HEADER>")
        self._rows(child_id, path, in_header=False, depth=2)
        self.out.append(f"{_INDENT}</CHILD>")

    def _rows(self, child_id: str, parent: str, in_header: bool, depth: int) -> None:
        for table, (element, nested) in XML_ROW_ELEMENTS.items():
            if nested != in_header or table not in self.lines:
                continue
            for n, line in enumerate(self.lines[table].get(child_id, []), start=1):
                self._locate(table, line, f"{parent}/{element}[{n}]")
                self.out.append(f"{_INDENT * depth}<{element}>{_fields(table, line, XML_COPIED)}</{element}>")


def xml_return(files: list[CsvFile], la_code: str, year: int) -> XmlFile:
    """The year's return as one document; ``files`` are the year's CSV files, one per table."""
    writer = _Writer(files)
    text = writer.document()
    rel_path = f"{la_code}/ssda903/{year}/{FILE_NAME}"
    return XmlFile(rel_path, year, text, sum(writer.rows.values()), writer.locations)
