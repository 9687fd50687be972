"""Labelled defects of the kinds real SSDA903 files carry, injected into a copy of the clean returns.

Each defect is listed in the manifest with the row as Excel shows it, so tests can check the ingest
catches it: `quarantine` faults must appear in raw_audit.quarantine with a reason starting with
`reason_code`; `load_log` faults must appear in the file's raw_audit.load_log notes. Row-level faults go
to the episodes, header and reviews files, each on a row with no other fault; file-level faults each get
a file of their own. Nothing else in the returns changes. The manifest holds no child-level values.

Returns written as XML get the same row-level faults (drawn identically, so a CSV and an XML return of
one seed carry the same quarantined rows) and one fault of the XML form, an unknown element; the
file-level faults of the CSV form (BOM, line endings, blank rows, Excel's '.0', an extra or a missing
column) do not exist in an XML document and are left out. The XML manifest points at the document:
`row` is the row's number in its table's CSV form and `element` the XPath the ingest reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from flows.ssda903_spec import TABLES
from flows.synth.csvfile import CsvFile, Line
from flows.synth.rand import Stream
from flows.synth.xmlfile import XmlFile

_OTHER_YEAR_SEX = {"M": "1", "F": "2", "U": "1", "1": "M", "2": "F"}


@dataclass
class Fault:
    kind: str
    file: CsvFile
    line: Line | None
    column: str | None
    expect: str
    reason_code: str
    note: str


class _Injector:
    def __init__(self, files: list[CsvFile], rng: np.random.Generator) -> None:
        self.files = {(f.year, f.table): f for f in files}
        self.years = sorted({f.year for f in files})
        self.s = Stream(rng)
        self.faults: list[Fault] = []
        self.uasc_children = {
            line.cells[0] for (_, table), f in self.files.items() if table == "uasc" for line in f.lines[1:]
        }
        self.touched_lines: set[Line] = set()
        self.row_fault_files: set[str] = set()
        self.file_fault_files: set[str] = set()

    # --- choosing where ------------------------------------------------------------------------------
    def _file(
        self,
        table: str,
        min_rows: int,
        years: list[int] | None = None,
        avoid_row_faults: bool = False,
        fallbacks: tuple[str, ...] = (),
    ) -> CsvFile | None:
        for name in (table, *fallbacks):
            candidates = [
                f
                for (y, t), f in sorted(self.files.items())
                if t == name
                and (years is None or y in years)
                and f.data_rows >= min_rows
                and f.rel_path not in self.file_fault_files
                and not (avoid_row_faults and f.rel_path in self.row_fault_files)
            ]
            if candidates:
                return candidates[self.s.randint(0, len(candidates) - 1)]
        return None

    def _line(self, file: CsvFile, accept: Callable[[list[str]], bool] = lambda cells: True) -> Line | None:
        lines = [
            line
            for line in file.lines[1:]
            if line.text.strip(",") and line not in self.touched_lines and accept(line.cells)
        ]
        if not lines:
            return None
        return lines[self.s.randint(0, len(lines) - 1)]

    def _set_cell(self, file: CsvFile, line: Line, column: str, value: str) -> None:
        cells = line.cells
        cells[TABLES[file.table].column_names.index(column)] = value
        line.text = ",".join(cells)

    def _row_fault(
        self,
        kind: str,
        table: str,
        column: str | None,
        reason: str,
        note: str,
        change: Callable[[CsvFile, Line], None],
        accept: Callable[[list[str]], bool] = lambda c: True,
        years: list[int] | None = None,
    ) -> None:
        file = self._file(table, 1, years)
        line = self._line(file, accept) if file else None
        if file is None or line is None:
            return
        change(file, line)
        self.touched_lines.add(line)
        self.row_fault_files.add(file.rel_path)
        self.faults.append(Fault(kind, file, line, column, "quarantine", reason, note))

    def _col(self, table: str, column: str) -> int:
        return TABLES[table].column_names.index(column)

    # --- row-level faults (quarantine) ----------------------------------------------------------------
    def invalid_codes(self) -> None:
        self._row_fault(
            "invalid_code",
            "episodes",
            "PLACE",
            "invalid_code",
            "PLACE code X9 is in no code list",
            lambda f, line: self._set_cell(f, line, "PLACE", "X9"),
        )
        later = [y for y in self.years if y >= 2025]
        sex = self._col("header", "SEX")
        self._row_fault(
            "invalid_code",
            "header",
            "SEX",
            "invalid_code",
            "SEX code valid only in another collection year",
            lambda f, line: self._set_cell(f, line, "SEX", _OTHER_YEAR_SEX[line.cells[sex]]),
            # Not a UASC child: in XML its uasc row takes SEX from the header and would fail too.
            accept=lambda cells: cells[sex] in _OTHER_YEAR_SEX and cells[0] not in self.uasc_children,
            years=later or None,
        )
        stale = "H5" if later else "K3"
        self._row_fault(
            "invalid_code",
            "episodes",
            "PLACE",
            "invalid_code",
            f"PLACE code {stale} valid only in another collection year",
            lambda f, line: self._set_cell(f, line, "PLACE", stale),
            years=later or None,
        )

    def impossible_dates(self) -> None:
        review = self._col("reviews", "REVIEW")
        self._row_fault(
            "impossible_date",
            "reviews",
            "REVIEW",
            "invalid_date",
            "REVIEW is 31 February",
            lambda f, line: self._set_cell(f, line, "REVIEW", f"31/02/{line.cells[review][-4:]}"),
        )
        dec = self._col("episodes", "DEC")
        self._row_fault(
            "impossible_date",
            "episodes",
            "DEC",
            "invalid_date",
            "DEC is 30 February",
            lambda f, line: self._set_cell(f, line, "DEC", f"30/02/{line.cells[dec][-4:]}"),
            accept=lambda cells: bool(cells[dec]),
        )

    def dec_before_decom(self) -> None:
        decom, dec = self._col("episodes", "DECOM"), self._col("episodes", "DEC")

        def change(f: CsvFile, line: Line) -> None:
            start = datetime.strptime(line.cells[decom], "%d/%m/%Y").date()
            self._set_cell(
                f, line, "DEC", (start - timedelta(days=self.s.randint(1, 30))).strftime("%d/%m/%Y")
            )

        self._row_fault(
            "dec_before_decom",
            "episodes",
            "DEC",
            "dec_before_decom",
            "DEC earlier than DECOM",
            change,
            accept=lambda cells: bool(cells[dec]),
        )

    def duplicate_rows(self) -> None:
        file = self._file("reviews", 2, fallbacks=("episodes",))
        line = self._line(file) if file else None
        if file is None or line is None:
            return
        copy = Line(line.text, line.ending)
        file.lines.insert(file.lines.index(line) + 1, copy)
        self.touched_lines.update((line, copy))
        self.row_fault_files.add(file.rel_path)
        for which in (line, copy):
            self.faults.append(
                Fault(
                    "duplicate_rows",
                    file,
                    which,
                    None,
                    "quarantine",
                    "duplicate_key",
                    "row repeated exactly: both copies share the key",
                )
            )

    def missing_value(self) -> None:
        self._row_fault(
            "missing_value",
            "reviews",
            "REVIEW_CODE",
            "missing_value",
            "REVIEW_CODE left blank",
            lambda f, line: self._set_cell(f, line, "REVIEW_CODE", ""),
        )

    # --- file-level faults (load_log) ------------------------------------------------------------------
    def _file_fault(self, table: str, min_rows: int, fallbacks: tuple[str, ...]) -> CsvFile | None:
        file = self._file(table, min_rows, avoid_row_faults=True, fallbacks=fallbacks)
        if file is not None:
            self.file_fault_files.add(file.rel_path)
        return file

    def excel_dot_zero(self) -> None:
        file = self._file_fault("missing", 3, ("oc2", "sw_episodes", "reviews"))
        if file is None:
            return
        for _ in range(3):
            line = self._line(file)
            if line is None:
                return
            self._set_cell(file, line, "CHILD", line.cells[0] + ".0")
            self.touched_lines.add(line)
            self.faults.append(
                Fault(
                    "excel_dot_zero",
                    file,
                    line,
                    "CHILD",
                    "load_log",
                    "id_trailing_dot_zero_removed",
                    "CHILD saved by Excel with a trailing .0",
                )
            )

    def blank_rows(self) -> None:
        file = self._file_fault("oc2", 3, ("reviews", "missing"))
        if file is None:
            return
        commas = "," * (len(TABLES[file.table].columns) - 1)
        n = len(file.lines)
        # Highest position first, so the lower positions still point where they did.
        inserted = [(n, Line(commas)), (n + 1, Line(commas)), (n * 2 // 3, Line(commas)), (n // 3, Line(""))]
        for position, line in inserted:
            file.lines.insert(position, line)
        for _, line in inserted:
            self.faults.append(
                Fault(
                    "blank_rows",
                    file,
                    line,
                    None,
                    "load_log",
                    "blank_rows_skipped",
                    "fully blank row (empty or commas only)",
                )
            )

    def utf8_bom(self) -> None:
        file = self._file_fault("prev_perm", 1, ("oc3", "reviews"))
        if file is not None:
            file.bom = True
            self.faults.append(
                Fault(
                    "utf8_bom",
                    file,
                    None,
                    None,
                    "load_log",
                    "bom_removed",
                    "file starts with a UTF-8 byte order mark",
                )
            )

    def mixed_line_endings(self) -> None:
        file = self._file_fault("oc3", 6, ("missing", "reviews"))
        if file is not None:
            for line in file.lines[-5:]:
                line.ending = "\n"
            self.faults.append(
                Fault(
                    "mixed_line_endings",
                    file,
                    None,
                    None,
                    "load_log",
                    "line_endings_normalised",
                    "CRLF file whose last rows end with LF only",
                )
            )

    def unknown_column(self) -> None:
        file = self._file_fault("uasc", 1, ("missing", "oc2", "reviews"))
        if file is None:
            return
        file.lines[0].text += ",NOTES"
        for line in file.lines[1:]:
            line.text += ",checked" if self.s.chance(0.1) else ","
        self.faults.append(
            Fault(
                "unknown_column",
                file,
                None,
                "NOTES",
                "load_log",
                "unknown_column_ignored",
                "extra column NOTES after the DfE columns",
            )
        )

    def missing_column(self) -> None:
        avoid = {f.year for f in (fault.file for fault in self.faults) if f.table == "header"}
        years = [y for y in self.years if y not in avoid] or self.years
        file = self._file("header", 1, years)
        if file is None:
            return
        self.file_fault_files.add(file.rel_path)
        for line in file.lines:
            line.text = line.text.rsplit(",", 1)[0]  # MC_DOB is the header table's last column
        self.faults.append(
            Fault(
                "missing_column",
                file,
                None,
                "MC_DOB",
                "load_log",
                "missing_column",
                "optional column MC_DOB left out of the file",
            )
        )

    def unknown_element(self) -> None:
        """XML only: an element the layout does not know, inside three row elements of one table."""
        file = self._file_fault("missing", 3, ("reviews", "episodes"))
        if file is None:
            return
        lines = []
        for _ in range(3):
            line = self._line(file)
            if line is None:
                break
            line.xml_extra = (("NOTES", "checked"),)
            self.touched_lines.add(line)
            lines.append(line)
        if lines:
            self.faults.append(
                Fault(
                    "unknown_element",
                    file,
                    None,
                    "NOTES",
                    "load_log",
                    "unknown_element_ignored",
                    f"element NOTES inside {len(lines)} of the table's row elements",
                )
            )


def inject_faults(files: list[CsvFile], rng: np.random.Generator, file_format: str = "csv") -> list[Fault]:
    """Inject every kind of fault of the form into `files` (changed in place); return them."""
    injector = _Injector(files, rng)
    injector.invalid_codes()
    injector.impossible_dates()
    injector.dec_before_decom()
    injector.duplicate_rows()
    injector.missing_value()
    if file_format == "xml":
        injector.unknown_element()
        return injector.faults
    injector.excel_dot_zero()
    injector.blank_rows()
    injector.utf8_bom()
    injector.mixed_line_endings()
    injector.unknown_column()
    injector.missing_column()
    return injector.faults


def _csv_entry(fault: Fault) -> dict:
    return {
        "kind": fault.kind,
        "file": fault.file.rel_path,
        "table": fault.file.table,
        "row": fault.file.row_number(fault.line) if fault.line is not None else None,
        "column": fault.column,
        "expect": fault.expect,
        "reason_code": fault.reason_code,
        "note": fault.note,
    }


def _xml_entry(fault: Fault, document: XmlFile) -> dict:
    row, element = document.locations[fault.line] if fault.line is not None else (None, None)
    return _csv_entry(fault) | {"file": document.rel_path, "row": row, "element": element}


def fault_manifest(faults: list[Fault], documents: dict[int, XmlFile] | None = None) -> list[dict]:
    """The sorted manifest; with `documents` (XML returns by year) it points into them."""
    if documents is None:
        entries = [_csv_entry(f) for f in faults]
    else:
        entries = [_xml_entry(f, documents[f.file.year]) for f in faults]
    entries.sort(key=lambda e: (e["file"], e["table"], e["row"] or 0, e["column"] or "", e["kind"]))
    return [{"fault_id": f"F{i:03d}", **entry} for i, entry in enumerate(entries, start=1)]
