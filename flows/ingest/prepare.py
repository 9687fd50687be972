"""Everything about one file that needs no database: read, decode, split, recognise, clean, type.

Kept apart from the database so that a batch can prepare files on several threads (pyarrow
releases the GIL) while one connection writes. Bad input never raises from here: it becomes a
rejected :class:`FileLoad`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flows.ingest.cells import clean_cells
from flows.ingest.code_lists import CodeLists
from flows.ingest.decode import FileRejected, decode_csv
from flows.ingest.models import LOADED, REJECTED, ExtractFile, FileLoad
from flows.ingest.recognise import recognise_table
from flows.ingest.split import split_csv
from flows.ingest.typed_rows import TypedRows, type_rows

XML_MESSAGE = (
    "{path}: the SSDA903 XML form will be supported in a later release; "
    "supply the return as its CSV tables (one file per table) instead"
)


@dataclass(frozen=True)
class PreparedFile:
    """A recognised CSV file, typed and checked, ready to be written."""

    extract: ExtractFile
    sha256: str
    table_name: str
    rows: TypedRows
    rows_blank: int
    notes: tuple[str, ...]

    def outcome(self) -> FileLoad:
        """The file's outcome once its rows are written."""
        e, rows = self.extract, self.rows
        return FileLoad(
            e.relative_path, self.sha256, self.table_name, e.la_code, e.collection_year, LOADED,
            rows.rows_read, rows.rows_read - rows.rows_quarantined, rows.rows_quarantined, self.rows_blank,
            None, "; ".join(self.notes) or None,
        )  # fmt: skip


def _counted_note(code: str, counts: dict[str, int]) -> list[str]:
    """E.g. 'placeholder_blanks: 4 (DEC 3, HOME_POST 1)'; nothing when every count is 0."""
    found = {name: n for name, n in counts.items() if n}
    if not found:
        return []
    detail = ", ".join(f"{name} {n}" for name, n in found.items())
    return [f"{code}: {sum(found.values())} ({detail})"]


def _rejected(
    extract: ExtractFile, message: str, sha256: str | None, table_name: str | None = None
) -> FileLoad:
    return FileLoad(
        extract.relative_path, sha256, table_name, extract.la_code, extract.collection_year,
        REJECTED, 0, 0, 0, 0, message, None,
    )  # fmt: skip


def _prepare_csv(extract: ExtractFile, raw: bytes, sha256: str, code_lists: CodeLists) -> PreparedFile:
    decoded = decode_csv(raw, extract.relative_path)
    split = split_csv(decoded.data, extract.relative_path)
    recognition = recognise_table(split.header, extract.relative_path, extract.collection_year)
    cells = clean_cells(split)
    rows = type_rows(cells.rows, recognition, extract.collection_year, code_lists, split.width)
    placeholders = {
        name: cells.placeholders[pos] for name, pos in recognition.positions.items() if pos is not None
    }
    notes = (
        *decoded.notes,
        *([f"blank_rows_skipped: {cells.rows_blank}"] if cells.rows_blank else []),
        *recognition.notes,
        *_counted_note("placeholder_blanks", placeholders),
        *_counted_note("id_trailing_dot_zero_removed", rows.normalised),
    )
    return PreparedFile(extract, sha256, recognition.table.name, rows, cells.rows_blank, notes)


def prepare_file(extract: ExtractFile, code_lists: CodeLists) -> PreparedFile | FileLoad:
    """Read the file once and type it, or return its rejection."""
    try:
        raw = extract.path.read_bytes()
    except OSError as exc:
        return _rejected(
            extract, f"{extract.relative_path} cannot be read ({exc.strerror}); check the file", None
        )
    sha256 = hashlib.sha256(raw).hexdigest()
    if extract.path.suffix.lower() == ".xml":
        return _rejected(extract, XML_MESSAGE.format(path=extract.relative_path), sha256)
    try:
        return _prepare_csv(extract, raw, sha256, code_lists)
    except FileRejected as rejection:
        return _rejected(extract, rejection.message, sha256, rejection.table_name)
