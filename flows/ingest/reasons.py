"""Reasons in words for the cells and rows that failed a check, one quarantine row per problem.

Runs in Python, but only over the failed cells (usually few or none). Whether a cell failed is
decided once, by ``convert.py``; this module only explains it. Every reason starts with its code
(``invalid_date: ...``) so reports can count problems per rule without reading the values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flows.ingest.code_lists import CodeLists
from flows.ingest.convert import DMY_DATE, ISO_DATE, WHOLE_NUMBER
from flows.ssda903_spec import Column

_TWO_DIGIT_YEAR = re.compile(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}")
_EXCEL_SERIAL = re.compile(r"[0-9]{1,6}(\.[0-9]+)?")
_DATE_SHAPES = (re.compile(DMY_DATE), re.compile(ISO_DATE))
_WHOLE_NUMBER = re.compile(WHOLE_NUMBER)


@dataclass(frozen=True, order=True)
class Problem:
    """One quarantine row: sorted by row, then column position (-1: the whole row), then reason."""

    source_row: int
    order: int
    reason: str
    column_name: str | None = None
    value: str | None = None  # the cell as given


def missing_value(column: Column) -> str:
    return f"missing_value: {column.name} is required but blank"


def missing_column(column: Column) -> str:
    return f"missing_column: the file has no {column.name} column, which is required"


def wrong_field_count(values: int, width: int) -> str:
    return f"wrong_field_count: the row has {values} values but the header has {width} columns"


def end_before_start(code: str, end: str, end_text: str, start: str, start_text: str) -> str:
    return f"{code}: {end} '{end_text}' is before {start} '{start_text}'"


def repeated_element(column: str, element: str) -> str:
    return f"repeated_element: {column} appears more than once in one {element} element of the XML return"


def duplicate_key(rows: list[int], key: tuple[str, ...]) -> str:
    return f"duplicate_key: rows {', '.join(map(str, rows))} of this file share the same {', '.join(key)}"


def _invalid_code(column: Column, text: str, year: int, code_lists: CodeLists) -> str:
    field = column.code_list_field
    reason = f"invalid_code: '{text}' is not a valid {field} code for collection year {year}"
    elsewhere = code_lists.codes_valid_elsewhere(field, year).get(text.upper())
    return f"{reason} (valid in {elsewhere})" if elsewhere else reason


def _invalid_date(text: str) -> str:
    if _TWO_DIGIT_YEAR.fullmatch(text):
        why = "has a two-digit year"
    elif _EXCEL_SERIAL.fullmatch(text):
        why = "looks like an Excel serial number, not a date"
    elif any(shape.search(text) for shape in _DATE_SHAPES):
        why = "is not a real date"
    else:
        why = "is not a date"
    return f"invalid_date: '{text}' {why} (expected DD/MM/YYYY)"


def _invalid_number(column: Column, text: str) -> str:
    if _WHOLE_NUMBER.search(text):  # a whole number, so outside the range (or too long to be in it)
        low = "any" if column.min_value is None else column.min_value
        high = "any" if column.max_value is None else column.max_value
        return f"out_of_range: '{text}' is outside the range {low} to {high} for {column.name}"
    return f"invalid_number: '{text}' is not a whole number"


def invalid_value(column: Column, text: str, year: int, code_lists: CodeLists) -> str:
    """Why the filled cell ``text`` (trimmed) failed the check of its column's kind."""
    if column.kind in ("code", "flag"):
        return _invalid_code(column, text, year, code_lists)
    if column.kind == "date":
        return _invalid_date(text)
    if column.kind == "partial_date":
        return (
            f"invalid_date: '{text}' is not a date (expected DD/MM/YYYY; day and month may be ZZ if unknown)"
        )
    if column.kind == "int":
        return _invalid_number(column, text)
    raise ValueError(f"column kind {column.kind!r} has no check that can fail")
