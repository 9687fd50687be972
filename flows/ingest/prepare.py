"""Everything about one file that needs no database: read, decode, split, recognise, clean, type.

A CSV file holds one table; an XML return holds every table of its year, so preparing it gives one
:class:`PreparedFile` per table (each gets its own load-log row). Kept apart from the database so
that a batch can prepare files on several threads (pyarrow releases the GIL) while one connection
writes. Bad input never raises from here: it becomes a rejected :class:`FileLoad`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import BinaryIO

from flows.ingest.cells import clean_cells
from flows.ingest.code_lists import CodeLists
from flows.ingest.decode import FileRejected, decode_csv
from flows.ingest.models import LOADED, REJECTED, ExtractFile, FileLoad
from flows.ingest.recognise import Recognition, recognise_table
from flows.ingest.split import split_csv
from flows.ingest.typed_rows import TypedRows, type_rows
from flows.ingest.xml_return import ROW_ELEMENTS, XmlTable, read_xml_return
from flows.ssda903_spec import TABLES

_XML_TAGS = {table: tag for tag, table in ROW_ELEMENTS.items()}


@dataclass(frozen=True)
class PreparedFile:
    """One table of a file (a CSV file, or one table of an XML return), typed, checked, ready to write."""

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


def _notes(
    decoding: tuple[str, ...],
    rows_blank: int,
    reading: list[str],
    placeholders: dict[str, int],
    rows: TypedRows,
) -> tuple[str, ...]:
    """The file's notes in the order things happened to it."""
    return (
        *decoding,
        *([f"blank_rows_skipped: {rows_blank}"] if rows_blank else []),
        *reading,
        *_counted_note("placeholder_blanks", placeholders),
        *_counted_note("id_trailing_dot_zero_removed", rows.normalised),
    )


def _prepare_csv(extract: ExtractFile, raw: bytes, sha256: str, code_lists: CodeLists) -> PreparedFile:
    decoded = decode_csv(raw, extract.relative_path)
    split = split_csv(decoded.data, extract.relative_path)
    recognition = recognise_table(split.header, extract.relative_path, extract.collection_year)
    cells = clean_cells(split)
    rows = type_rows(cells.rows, recognition, extract.collection_year, code_lists, split.width)
    placeholders = {
        name: cells.placeholders[pos] for name, pos in recognition.positions.items() if pos is not None
    }
    notes = _notes(decoded.notes, cells.rows_blank, list(recognition.notes), placeholders, rows)
    return PreparedFile(extract, sha256, recognition.table.name, rows, cells.rows_blank, notes)


def _prepare_xml_table(
    extract: ExtractFile, sha256: str, read: XmlTable, code_lists: CodeLists
) -> PreparedFile:
    table = read.table
    recognition = Recognition(table, {name: i for i, name in enumerate(table.column_names)}, ())
    cells = clean_cells(read.split)
    rows = type_rows(
        cells.rows, recognition, extract.collection_year, code_lists, read.split.width, read.problems
    )
    placeholders = dict(zip(table.column_names, cells.placeholders, strict=True))
    reading = [note for code, counts in read.counts.items() for note in _counted_note(code, counts)]
    notes = _notes((), cells.rows_blank, reading, placeholders, rows)
    return PreparedFile(extract, sha256, table.name, rows, cells.rows_blank, notes)


class _HashingReader:
    """A binary file hashed as it is read, so a streamed document is read from disk only once."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self._digest.update(data)
        return data

    def sha256(self) -> str:
        """The digest of the whole file (reading whatever the parser left unread)."""
        while self.read(1 << 20):
            pass
        return self._digest.hexdigest()


def _out_of_year_message(extract: ExtractFile, table: str, elements: int) -> str:
    return (
        f"{extract.relative_path}: the {table} table is part of the return only from collection year "
        f"{TABLES[table].first_year}, but this {extract.collection_year} return holds {elements} "
        f"{_XML_TAGS[table]} element(s); remove them or move the document to the right year folder"
    )


def _prepare_xml(extract: ExtractFile, code_lists: CodeLists) -> list[PreparedFile | FileLoad]:
    with extract.path.open("rb") as handle:
        reader = _HashingReader(handle)
        try:
            document = read_xml_return(reader, extract.relative_path, extract.collection_year, code_lists)
        except FileRejected as rejection:
            return [_rejected(extract, rejection.message, reader.sha256())]
        sha256 = reader.sha256()
    read = {t.table.name: t for t in document.tables}
    items: list[PreparedFile | FileLoad] = []
    for name in TABLES:
        if name in read:
            items.append(_prepare_xml_table(extract, sha256, read[name], code_lists))
        elif name in document.out_of_year:
            message = _out_of_year_message(extract, name, document.out_of_year[name])
            items.append(_rejected(extract, message, sha256, name))
    return items


def prepare_file(extract: ExtractFile, code_lists: CodeLists) -> list[PreparedFile | FileLoad]:
    """Read the file once and type it: one item per table it holds, or its rejection."""
    try:
        if extract.path.suffix.lower() == ".xml":
            return _prepare_xml(extract, code_lists)
        raw = extract.path.read_bytes()
    except OSError as exc:
        message = f"{extract.relative_path} cannot be read ({exc.strerror}); check the file"
        return [_rejected(extract, message, None)]
    sha256 = hashlib.sha256(raw).hexdigest()
    try:
        return [_prepare_csv(extract, raw, sha256, code_lists)]
    except FileRejected as rejection:
        return [_rejected(extract, rejection.message, sha256, rejection.table_name)]
