"""Recognise which SSDA903 table a CSV file holds from its header row alone.

Matching is on the set of trimmed, upper-cased column names, so column order does not matter and
columns are mapped by name, never by position. The rules, in order:

1. Tables whose required columns are all present, and at least one column no other table has,
   compete; the one matching most columns wins, and a tie is an error (never pick one silently).
   (Several tables require only CHILD and DOB: without the second condition any file holding
   those two columns would match them all.)
2. Otherwise a table is still recognised when the header has more than half of its columns and no
   other table does as well: its rows are then quarantined for the missing required column(s).
3. Otherwise the file is rejected, naming the nearest table with its missing and unexpected columns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import get_close_matches

from flows.ingest.decode import FileRejected
from flows.ssda903_spec import TABLES, Table

_COLUMN_NAME = re.compile(r"[A-Z][A-Z0-9_]{0,39}")
# Columns found in more than one table (CHILD, DOB, SEX): they identify no table on their own.
_SHARED = frozenset(
    n for n, count in Counter(c for t in TABLES.values() for c in t.column_names).items() if count > 1
)


@dataclass(frozen=True)
class Recognition:
    table: Table
    positions: dict[str, int | None]  # DfE column name -> index in the file, None when absent
    notes: tuple[str, ...]

    @property
    def missing_required(self) -> tuple[str, ...]:
        return tuple(c for c in self.table.required_columns if self.positions[c] is None)


def _shown(name: str, position: int) -> str:
    """A header cell as messages may show it.

    A file without its header row has data in the first row; such a cell (a child id, a date, a
    postcode) must never reach a message or a log, so only names shaped like DfE column names are
    shown.
    """
    return name if _COLUMN_NAME.fullmatch(name) else f"(column {position + 1}, name not shown)"


def _names(items: list[str]) -> str:
    return ", ".join(items) if items else "none"


def _pick(scored: list[tuple[int, Table]], relative_path: str, how: str) -> Table | None:
    if not scored:
        return None
    best = max(score for score, _ in scored)
    winners = [t.name for score, t in scored if score == best]
    if len(winners) > 1:
        raise FileRejected(
            f"{relative_path}: the header {how} the tables {' and '.join(winners)} equally; "
            "remove the columns that do not belong to the file's table"
        )
    return next(t for score, t in scored if score == best)


def _nearest_message(relative_path: str, names: list[str], present: set[str]) -> str:
    def closeness(table: Table) -> tuple[float, int]:
        """Shared columns over all columns named by either; then misspelt columns (REVIEW_DATE ~ REVIEW)."""
        columns = set(table.column_names)
        misspelt = sum(bool(get_close_matches(n, columns - present, n=1)) for n in present - columns)
        return len(present & columns) / len(present | columns), misspelt

    nearest = max(TABLES.values(), key=closeness)
    if closeness(nearest)[0] == 0:
        return (
            f"{relative_path}: the header row matches no SSDA903 table; "
            "check that the first row holds the DfE column names (e.g. CHILD, DECOM, ...)"
        )
    missing = [c for c in nearest.column_names if c not in present]
    extra = [_shown(n, i) for i, n in enumerate(names) if n and n not in nearest.column_names]
    return (
        f"{relative_path}: the header row matches no SSDA903 table; the nearest is {nearest.name} "
        f"(missing columns: {_names(missing)}; unexpected columns: {_names(extra)}); correct the header row"
    )


def recognise_table(header: list[str], relative_path: str, collection_year: int) -> Recognition:
    """Identify the table of a file from its header cells; raise FileRejected when that is not possible."""
    names = [h.strip().upper() for h in header]
    counts = Counter(n for n in names if n)
    repeated = [_shown(n, names.index(n)) for n in sorted(counts) if counts[n] > 1]
    if repeated:
        raise FileRejected(
            f"{relative_path}: column(s) {_names(repeated)} appear more than once in the header row; "
            "keep one of each"
        )
    present = {n for n in names if n}
    complete = [
        (len(present & set(t.column_names)), t)
        for t in TABLES.values()
        if set(t.required_columns) <= present and present & (set(t.column_names) - _SHARED)
    ]
    table = _pick(complete, relative_path, "matches")
    if table is None:
        partial = [
            (score, t)
            for t in TABLES.values()
            if 2 * (score := len(present & set(t.column_names))) > len(t.columns)
        ]
        table = _pick(partial, relative_path, "partly matches")
    if table is None:
        raise FileRejected(_nearest_message(relative_path, names, present))
    if not table.exists_in(collection_year):
        raise FileRejected(
            f"{relative_path}: the {table.name} table is part of the return only from collection year "
            f"{table.first_year}, but the file is in a {collection_year} folder; remove it or move it "
            "to the right year",
            table.name,
        )
    positions = {c: (names.index(c) if c in present else None) for c in table.column_names}
    unknown = [
        f"unknown_column_ignored: {_shown(n, i) if n else f'(unnamed column {i + 1})'}"
        for i, n in enumerate(names)
        if n not in table.column_names
    ]
    missing = [f"missing_column: {c}" for c, pos in positions.items() if pos is None]
    return Recognition(table, positions, tuple(unknown + missing))
