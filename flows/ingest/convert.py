"""Type one column of cleaned cells, vectorised in Arrow: the one place where cells get their types.

Each column kind of ``flows.ssda903_spec`` has one converter. It takes the cleaned text (trimmed,
null when blank; see ``cells.py``) and returns the typed values and a mask of the filled cells
that fail the kind's check; ``reasons.py`` explains those afterwards. Whole-column Arrow kernels
keep a file of hundreds of thousands of rows to milliseconds per column: no Python runs per cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.ssda903_spec import Column, ColumnKind

# DD/MM/YYYY (day and month may have one digit) or ISO YYYY-MM-DD as tools write it.
DMY_DATE = r"^(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})$"
ISO_DATE = r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})$"
# DATE_PERM: the day and/or the month may be ZZ when unknown.
PARTIAL_DATE = r"^([0-9]{1,2}|ZZ)/([0-9]{1,2}|ZZ)/[0-9]{4}$"
# A whole number, also as Excel writes it ('12.0') or with thousands separators ('1,234').
WHOLE_NUMBER = r"^-?[0-9]+(\.0+)?$|^-?[0-9]{1,3}(,[0-9]{3})+$"
MAX_DIGITS = 9  # always fits an INTEGER; a longer number is out of range
_EXCEL_ID = r"^([0-9]+)\.0$"  # an id after an Excel round trip: 123456 -> 123456.0
_EXACT_DMY = r"^[0-9]{2}/[0-9]{2}/[0-9]{4}$"


@dataclass(frozen=True)
class Converted:
    values: pa.Array  # typed; null where blank (a failed cell's value is never loaded)
    failed: pa.Array  # boolean, never null: a filled cell that fails the column's check
    normalised: int = 0  # cells changed by a normalisation the notes count (ids: '.0' removed)


Converter = Callable[[Column, pa.Array, frozenset[str]], Converted]


def _failed_where_not(cleaned: pa.Array, passes: pa.Array) -> pa.Array:
    """Filled cells for which ``passes`` is false or null."""
    return pc.and_(pc.is_valid(cleaned), pc.invert(pc.fill_null(passes, False)))


def _none_failed(cleaned: pa.Array) -> pa.Array:
    return pa.array(np.zeros(len(cleaned), dtype=bool))


def _redo_where(
    values: pa.Array, needed: pa.Array, cleaned: pa.Array, slower: Callable[[pa.Array], pa.Array]
) -> pa.Array:
    """Replace ``values`` by ``slower(cleaned)`` in the cells that need it, computing it only there.

    The converters take a fast path that suits almost every cell and redo the few others.
    """
    needed = pc.fill_null(needed, False)
    if not pc.any(needed).as_py():
        return values
    return pc.replace_with_mask(values, needed, slower(pc.filter(cleaned, needed)))


def _any_form_dates(cleaned: pa.Array) -> pa.Array:
    """Real dates from DD/MM/YYYY (one-digit day or month too) or YYYY-MM-DD; null otherwise."""
    dmy = pc.extract_regex(cleaned, DMY_DATE)
    iso = pc.extract_regex(cleaned, ISO_DATE)
    y, m, d = (pc.coalesce(pc.struct_field(dmy, p), pc.struct_field(iso, p)) for p in ("y", "m", "d"))
    text = pc.binary_join_element_wise(pc.utf8_lpad(d, 2, "0"), pc.utf8_lpad(m, 2, "0"), y, "/")
    return _exact_dates(text)


def _exact_dates(cleaned: pa.Array) -> pa.Array:
    """Real dates from exactly DD/MM/YYYY text; null otherwise."""
    exact = pc.fill_null(pc.match_substring_regex(cleaned, _EXACT_DMY), False)
    text = pc.if_else(exact, cleaned, pa.scalar(None, pa.string()))
    parsed = pc.cast(pc.strptime(text, format="%d/%m/%Y", unit="s", error_is_null=True), pa.date32())
    # strptime rolls 31/02 over into March: a real date keeps the month it was given.
    month = pc.cast(pc.utf8_slice_codeunits(text, 3, 5), pa.int64())
    return pc.if_else(pc.equal(pc.month(parsed), month), parsed, pa.scalar(None, pa.date32()))


def dates(cleaned: pa.Array) -> pa.Array:
    """Real calendar dates from DD/MM/YYYY or YYYY-MM-DD text; null for anything else."""
    values = _exact_dates(cleaned)
    return _redo_where(values, pc.and_(pc.is_valid(cleaned), pc.is_null(values)), cleaned, _any_form_dates)


def _text(column: Column, cleaned: pa.Array, codes: frozenset[str]) -> Converted:
    return Converted(cleaned, _none_failed(cleaned))


def _id(column: Column, cleaned: pa.Array, codes: frozenset[str]) -> Converted:
    def strip(ids: pa.Array) -> pa.Array:
        return pc.replace_substring_regex(ids, _EXCEL_ID, r"\1")

    values = _redo_where(cleaned, pc.ends_with(cleaned, ".0"), cleaned, strip)
    changed = pc.sum(pc.not_equal(values, cleaned)).as_py() or 0
    return Converted(values, _none_failed(cleaned), changed)


def _postcode(column: Column, cleaned: pa.Array, codes: frozenset[str]) -> Converted:
    def single_spaced(postcodes: pa.Array) -> pa.Array:
        return pc.replace_substring_regex(postcodes, r"[\s\x{a0}]+", " ")

    # Only a run of whitespace, or a tab, line break or no-break space, needs the costlier regex.
    odd_spacing = pc.match_substring_regex(cleaned, r"[\s\x{a0}]{2}|[\t\n\v\f\r\x{a0}]")
    spaced = _redo_where(cleaned, odd_spacing, cleaned, single_spaced)
    return Converted(pc.utf8_upper(spaced), _none_failed(cleaned))


def _code(column: Column, cleaned: pa.Array, codes: frozenset[str]) -> Converted:
    values = pc.utf8_upper(cleaned)
    return Converted(values, _failed_where_not(cleaned, pc.is_in(values, value_set=pa.array(sorted(codes)))))


def _flag(column: Column, cleaned: pa.Array, codes: frozenset[str]) -> Converted:
    code = _code(column, cleaned, codes)
    return Converted(pc.equal(code.values, "1"), code.failed)


def _date(column: Column, cleaned: pa.Array, codes: frozenset[str]) -> Converted:
    values = dates(cleaned)
    return Converted(values, _failed_where_not(cleaned, pc.is_valid(values)))


def _partial_date(column: Column, cleaned: pa.Array, codes: frozenset[str]) -> Converted:
    values = pc.utf8_upper(cleaned)
    unknown_as_first = pc.replace_substring_regex(
        pc.replace_substring_regex(values, "^ZZ/", "01/"), "/ZZ/", "/01/"
    )
    passes = pc.and_(pc.match_substring_regex(values, PARTIAL_DATE), pc.is_valid(dates(unknown_as_first)))
    return Converted(values, _failed_where_not(cleaned, passes))


def _int(column: Column, cleaned: pa.Array, codes: frozenset[str]) -> Converted:
    digits = pc.replace_substring_regex(pc.replace_substring(cleaned, ",", ""), r"\.0+$", "")
    whole = pc.and_(
        pc.match_substring_regex(cleaned, WHOLE_NUMBER),
        pc.less_equal(pc.utf8_length(pc.replace_substring(digits, "-", "")), MAX_DIGITS),
    )
    values = pc.cast(pc.if_else(whole, digits, pa.scalar(None, pa.string())), pa.int32())
    passes = pc.is_valid(values)
    if column.min_value is not None:
        passes = pc.and_(passes, pc.greater_equal(values, column.min_value))
    if column.max_value is not None:
        passes = pc.and_(passes, pc.less_equal(values, column.max_value))
    return Converted(values, _failed_where_not(cleaned, passes))


CONVERTERS: dict[ColumnKind, Converter] = {
    "id": _id,
    "text": _text,
    "code": _code,
    "flag": _flag,
    "date": _date,
    "partial_date": _partial_date,
    "int": _int,
    "postcode": _postcode,
}


def convert(column: Column, cleaned: pa.Array, codes: frozenset[str]) -> Converted:
    """Type ``cleaned`` as ``column`` says; ``codes`` are the valid codes of a code or flag column."""
    return CONVERTERS[column.kind](column, cleaned, codes)
