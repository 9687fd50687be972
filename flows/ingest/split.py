"""Split clean CSV bytes into the header cells and an Arrow table of text columns, one row per record.

No cell is typed or cleaned here: every column is a string column holding the cell as given, so
codes such as ``0012`` and identifiers keep their leading zeros. Row numbers are those Excel shows
(header = row 1, blank rows counted), so ``source_row`` points an analyst at the right line.

pyarrow's multi-threaded C++ reader does the splitting. It cannot keep a record whose number of
fields differs from the header's, so such a file is re-read with Python's csv module, which keeps
every record and its field count; the typing step then quarantines the ragged rows.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from flows.ingest.decode import FileRejected

SOURCE_ROW = "source_row"
FIELD_COUNT = "field_count"


@dataclass(frozen=True)
class SplitCsv:
    header: list[str]
    rows: pa.Table  # c0..c{n-1} (string), field_count, source_row (int32); one row per record
    width: int  # number of header cells
    blank_lines_before_header: int


def cell_column(index: int) -> str:
    """The cell as given."""
    return f"c{index}"


def _is_blank_line(line: bytes) -> bool:
    """Empty, whitespace or only commas: what a fully blank spreadsheet row looks like in a CSV."""
    return not line.strip(b" \t\r,")


def _locate_header(data: bytes, relative_path: str) -> tuple[int, int, int]:
    """Return (blank lines before the header, header start offset, header end offset)."""
    blank, start = 0, 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if not _is_blank_line(data[start:end]):
            return blank, start, end
        blank, start = blank + 1, end + 1
    raise FileRejected(
        f"{relative_path} has no header row (it holds only blank lines); "
        "supply the table's CSV with its header row"
    )


def _read_with_arrow(body: bytes, width: int) -> pa.Table | None:
    """Fast path; None when a record's field count differs from the header's or parsing fails."""
    names = [cell_column(i) for i in range(width)]
    ragged: list[int] = []

    def on_invalid_row(_row: object) -> str:
        ragged.append(1)
        return "skip"

    try:
        table = pacsv.read_csv(
            pa.py_buffer(body),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(
                newlines_in_values=b'"' in body,  # a line break can only be inside a quoted value
                ignore_empty_lines=False,
                invalid_row_handler=on_invalid_row,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
            ),
        )
    except pa.ArrowInvalid:
        return None
    if ragged:
        return None
    return table.append_column(FIELD_COUNT, pa.array(np.full(table.num_rows, width, dtype=np.int32)))


def _read_with_python(body: bytes, width: int, relative_path: str, blank_before: int) -> pa.Table:
    """Slow path that keeps every record; trailing empty extra fields do not count as fields."""
    reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
    try:
        records = list(reader)
    except csv.Error as exc:  # e.g. an unbalanced double quote swallowing the rest of the file
        line = blank_before + 1 + reader.line_num
        raise FileRejected(
            f"{relative_path} cannot be split into rows near line {line} ({exc}); "
            "check that every double quote in the file is closed"
        ) from None
    counts = []
    cells = []
    for record in records:
        extra = record[width:]
        counts.append(width if extra and not any(f.strip() for f in extra) else len(record))
        cells.append((record + [""] * width)[:width])
    columns = list(zip(*cells, strict=True)) if cells else [() for _ in range(width)]
    arrays = {cell_column(i): pa.array(col, pa.string()) for i, col in enumerate(columns)}
    arrays[FIELD_COUNT] = pa.array(counts, pa.int32())
    return pa.table(arrays)


def _reject_values_spanning_lines(table: pa.Table, width: int, relative_path: str, first_row: int) -> None:
    """No SSDA903 value holds a line break: one inside quotes means a quote was never closed,
    which swallows the rows that follow into one value. Better to stop than to lose them."""
    for i in range(width):
        spans = pc.fill_null(pc.match_substring_regex(table[cell_column(i)], "[\r\n]"), False)
        if pc.any(spans).as_py():
            row = first_row + pc.index(spans, True).as_py()
            raise FileRejected(
                f"{relative_path}: a value in row {row} spans several lines, usually a double quote that is "
                "never closed; correct the file"
            )


def split_csv(data: bytes, relative_path: str) -> SplitCsv:
    """Find the header (after any blank lines) and split the records below it into text columns."""
    blank_before, start, end = _locate_header(data, relative_path)
    header_line = data[start:end].rstrip(b"\r").decode("utf-8")
    header = next(csv.reader([header_line]))
    width = len(header)
    body = data[end + 1 :]
    table = _read_with_arrow(body, width)
    if table is None:
        table = _read_with_python(body, width, relative_path, blank_before)
    first_row = blank_before + 2  # Excel row of the first record under the header
    if b'"' in body:
        _reject_values_spanning_lines(table, width, relative_path, first_row)
    rows = np.arange(first_row, first_row + table.num_rows, dtype=np.int32)
    return SplitCsv(header, table.append_column(SOURCE_ROW, pa.array(rows)), width, blank_before)
