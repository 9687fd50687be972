"""Type every cell of a file and check every row; split the rows into loaded and quarantined.

Cell checks come from ``convert.py``; this module adds the row checks: required values, required
columns, the number of values in the row, the row rule of the table (an episode cannot end before
it starts) and duplicate natural keys (every row sharing a key is quarantined, so the analyst sees
them all). A row with any problem is quarantined as a whole, with one problem per finding. Problems
found while reading the file (an XML return's repeated elements) are added to the row's findings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.ingest import reasons
from flows.ingest.cells import clean_column
from flows.ingest.code_lists import CodeLists
from flows.ingest.convert import Converted, convert
from flows.ingest.reasons import Problem
from flows.ingest.recognise import Recognition
from flows.ingest.split import FIELD_COUNT, SOURCE_ROW, cell_column
from flows.ssda903_spec import Column

# Row rules comparing two dates of one row: table -> (end column, start column, reason code).
END_BEFORE_START = {"episodes": ("DEC", "DECOM", "dec_before_decom")}
SOURCE_ELEMENT = "source_element"  # XML returns: the row's element, an XPath (absent for CSV files)
PROBLEM_SCHEMA = pa.schema(
    [
        (SOURCE_ROW, pa.int32()),
        ("column_name", pa.string()),
        ("value", pa.string()),
        ("reason", pa.string()),
        (SOURCE_ELEMENT, pa.string()),
    ]
)


@dataclass(frozen=True)
class TypedRows:
    loaded: pa.Table  # typed columns (warehouse names) and source_row of the rows without a problem
    problems: pa.Table  # PROBLEM_SCHEMA: one row per problem, in file order
    rows_read: int
    rows_quarantined: int
    normalised: dict[str, int]  # id column -> ids whose trailing '.0' was removed


@dataclass(frozen=True)
class _Cells:
    """One DfE column of the file: as given, cleaned and converted."""

    column: Column
    order: int  # position in the DfE column order
    present: bool  # the file has the column
    raw: pa.Array
    cleaned: pa.Array
    converted: Converted
    blank_but_required: pa.Array


class _Findings:
    """Problems found so far, and the mask of the rows they concern."""

    def __init__(self, rows: pa.Array) -> None:
        self.rows = rows
        self.problems: list[Problem] = []
        self.failed = pa.array(np.zeros(len(rows), dtype=bool))

    def where(self, mask: pa.Array, *arrays: pa.Array) -> list[tuple]:
        """Mark the rows where ``mask`` holds; return their source row and ``arrays`` values."""
        if not pc.any(mask).as_py():
            return []
        self.failed = pc.or_(self.failed, mask)
        return list(zip(*(pc.filter(a, mask).to_pylist() for a in (self.rows, *arrays)), strict=True))


def _column_cells(
    source: pa.Table, recognition: Recognition, year: int, code_lists: CodeLists
) -> list[_Cells]:
    n = source.num_rows
    cells = []
    for order, column in enumerate(recognition.table.columns):
        position = recognition.positions[column.name]
        if position is None:
            raw = cleaned = pa.nulls(n, pa.string())
        else:
            raw = source[cell_column(position)].combine_chunks()
            cleaned = source[clean_column(position)].combine_chunks()
        converted = convert(column, cleaned, code_lists.valid_codes(column.code_list_field, year))
        required_here = column.required and position is not None
        blank = pc.is_null(cleaned) if required_here else pa.array(np.zeros(n, dtype=bool))
        cells.append(_Cells(column, order, position is not None, raw, cleaned, converted, blank))
    return cells


def _check_cells(found: _Findings, cells: list[_Cells], year: int, code_lists: CodeLists) -> None:
    for c in cells:
        name = c.column.name
        found.problems += [
            Problem(row, c.order, reasons.missing_value(c.column), name, raw)
            for row, raw in found.where(c.blank_but_required, c.raw)
        ]
        found.problems += [
            Problem(row, c.order, reasons.invalid_value(c.column, text, year, code_lists), name, raw)
            for row, text, raw in found.where(c.converted.failed, c.cleaned, c.raw)
        ]


def _check_rows(
    found: _Findings, source: pa.Table, recognition: Recognition, cells: list[_Cells], width: int
) -> None:
    by_name = {c.column.name: c for c in cells}
    field_count = source[FIELD_COUNT].combine_chunks()
    found.problems += [
        Problem(row, -1, reasons.wrong_field_count(n, width))
        for row, n in found.where(pc.not_equal(field_count, width), field_count)
    ]
    everywhere = pa.array(np.ones(len(found.rows), dtype=bool))
    for name in recognition.missing_required:
        c = by_name[name]
        found.problems += [
            Problem(row, c.order, reasons.missing_column(c.column), name)
            for (row,) in found.where(everywhere)
        ]
    rule = END_BEFORE_START.get(recognition.table.name)
    if rule:
        end, start = by_name[rule[0]], by_name[rule[1]]
        before = pc.fill_null(pc.less(end.converted.values, start.converted.values), False)
        found.problems += [
            Problem(row, end.order, reasons.end_before_start(rule[2], rule[0], e, rule[1], s), rule[0], raw)
            for row, e, s, raw in found.where(before, end.cleaned, start.cleaned, end.raw)
        ]


def _as_key_text(values: pa.Array) -> pa.Array:
    """Key values as text; dates by day number, which is much cheaper than formatting them."""
    if pa.types.is_date32(values.type):
        values = pc.cast(values, pa.int32())
    return pc.cast(values, pa.string())


def _check_keys(found: _Findings, recognition: Recognition, cells: list[_Cells]) -> None:
    """Quarantine every row whose natural key (all parts filled) another row of the file shares."""
    key_names = recognition.table.key
    by_name = {c.column.name: c for c in cells}
    parts = [_as_key_text(by_name[k].converted.values) for k in key_names]
    key = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, "\x1f")
    counts = pc.value_counts(key)
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
    shared = pc.and_(pc.is_valid(key), pc.is_in(key, value_set=repeated))
    groups: dict[str, list[int]] = defaultdict(list)
    for row, value in found.where(shared, key):
        groups[value].append(row)
    found.problems += [
        Problem(row, len(cells), reasons.duplicate_key(group, key_names))
        for group in groups.values()
        for row in group
    ]


def _check_found_before(found: _Findings, found_before: tuple[Problem, ...]) -> None:
    """Add the problems found while reading the file; those of rows dropped as blank go with them."""
    rows = pc.is_in(found.rows, value_set=pa.array([p.source_row for p in found_before], pa.int32()))
    kept = {row for (row,) in found.where(rows)}
    found.problems += [p for p in found_before if p.source_row in kept]


def _elements(source: pa.Table, problems: list[Problem]) -> dict[int, str]:
    """source_row -> source_element of the rows with a problem (XML returns only)."""
    if SOURCE_ELEMENT not in source.column_names or not problems:
        return {}
    rows = source[SOURCE_ROW].combine_chunks()
    wanted = pc.is_in(rows, value_set=pa.array(sorted({p.source_row for p in problems}), pa.int32()))
    named = source.filter(wanted)
    return dict(zip(named[SOURCE_ROW].to_pylist(), named[SOURCE_ELEMENT].to_pylist(), strict=True))


def _problem_table(problems: list[Problem], elements: dict[int, str]) -> pa.Table:
    ordered = sorted(problems)
    return pa.table(
        [
            pa.array([p.source_row for p in ordered], pa.int32()),
            pa.array([p.column_name for p in ordered], pa.string()),
            pa.array([p.value for p in ordered], pa.string()),
            pa.array([p.reason for p in ordered], pa.string()),
            pa.array([elements.get(p.source_row) for p in ordered], pa.string()),
        ],
        schema=PROBLEM_SCHEMA,
    )


def type_rows(
    source: pa.Table,
    recognition: Recognition,
    year: int,
    code_lists: CodeLists,
    width: int,
    found_before: tuple[Problem, ...] = (),
) -> TypedRows:
    """Type and check the cleaned rows of one file (``source`` as made by ``cells.clean_cells``).

    ``found_before``: problems found while reading the file, by source_row.
    """
    cells = _column_cells(source, recognition, year, code_lists)
    found = _Findings(source[SOURCE_ROW].combine_chunks())
    _check_cells(found, cells, year, code_lists)
    _check_rows(found, source, recognition, cells, width)
    _check_keys(found, recognition, cells)
    if found_before:
        _check_found_before(found, found_before)
    typed = pa.table({c.column.warehouse_name: c.converted.values for c in cells} | {SOURCE_ROW: found.rows})
    ids = {c.column.name: c.converted.normalised for c in cells if c.column.kind == "id" and c.present}
    return TypedRows(
        loaded=typed.filter(pc.invert(found.failed)),
        problems=_problem_table(found.problems, _elements(source, found.problems)),
        rows_read=source.num_rows,
        rows_quarantined=pc.sum(found.failed).as_py() or 0,
        normalised=ids,
    )
