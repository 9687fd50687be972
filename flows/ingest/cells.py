"""Clean every cell at the text level, in Arrow, before any typing.

Three things happen here, each vectorised over whole columns: cells are trimmed of Unicode
whitespace (tabs and no-break spaces too); fully blank rows are dropped and counted; empty cells
and text placeholders (``nan``, ``NULL``, ...) become nulls, with the placeholders counted per
column for the load notes. The cells as given stay beside the cleaned ones for the quarantine.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

import pyarrow as pa
import pyarrow.compute as pc

from flows.ingest.split import FIELD_COUNT, SplitCsv, cell_column

PLACEHOLDERS = ("nan", "NaN", "NULL", "None", "-")


def clean_column(index: int) -> str:
    """The cell trimmed, with empty text and placeholders as null."""
    return f"t{index}"


@dataclass(frozen=True)
class CleanCells:
    rows: pa.Table  # the split columns plus t0..t{n-1}; fully blank rows removed
    rows_blank: int  # blank rows dropped, blank lines above the header included
    placeholders: tuple[int, ...]  # placeholder cells per header position


def clean_cells(split: SplitCsv) -> CleanCells:
    """Trim every cell, drop fully blank rows, and turn empty cells and placeholders into nulls."""
    table, width = split.rows, split.width
    trimmed = [pc.utf8_trim_whitespace(table[cell_column(i)]) for i in range(width)]
    empty = [pc.equal(pc.binary_length(t), 0) for t in trimmed]
    blank = reduce(pc.and_, empty, pc.less_equal(table[FIELD_COUNT], width))
    placeholder_set = pa.array(PLACEHOLDERS)
    counts = []
    for i, (t, is_empty) in enumerate(zip(trimmed, empty, strict=True)):
        is_placeholder = pc.is_in(t, value_set=placeholder_set)
        counts.append(pc.sum(is_placeholder).as_py() or 0)  # a blank row holds no placeholder
        table = table.append_column(clean_column(i), pc.if_else(pc.or_(is_empty, is_placeholder), None, t))
    if pc.any(blank).as_py():
        table = table.filter(pc.invert(blank))
    return CleanCells(
        rows=table,
        rows_blank=split.blank_lines_before_header + split.rows.num_rows - table.num_rows,
        placeholders=tuple(counts),
    )
