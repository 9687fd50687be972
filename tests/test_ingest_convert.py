"""Typing of single columns (convert.py) and the words for failed cells (reasons.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from flows.ingest import load_code_lists
from flows.ingest.code_lists import CodeLists
from flows.ingest.convert import convert
from flows.ingest.reasons import invalid_value
from flows.ssda903_spec import TABLES, Column

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = {c.name: c for t in TABLES.values() for c in t.columns}


@pytest.fixture(scope="module")
def code_lists() -> CodeLists:
    return load_code_lists(ROOT / "seeds" / "ssda903_code_lists.csv")


def _convert(name: str, cells: list[str | None], code_lists: CodeLists, year: int = 2025):
    column: Column = COLUMNS[name]
    result = convert(
        column, pa.array(cells, pa.string()), code_lists.valid_codes(column.code_list_field, year)
    )
    return result.values.to_pylist(), result.failed.to_pylist(), result.normalised


def _reason_code(name: str, text: str, code_lists: CodeLists) -> str:
    return invalid_value(COLUMNS[name], text, 2025, code_lists).split(":")[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29/02/2024", dt.date(2024, 2, 29)),
        ("1/2/2024", dt.date(2024, 2, 1)),
        ("2024-12-12", dt.date(2024, 12, 12)),
        ("31/12/2024", dt.date(2024, 12, 31)),
        ("31/02/2024", None),
        ("29/02/2023", None),
        ("00/01/2024", None),
        ("01/13/2024", None),
        ("2024-02-30", None),
        ("2024-2-3", None),
        ("01/02/24", None),
        ("45123", None),
        ("tomorrow", None),
    ],
)
def test_dates(text, expected, code_lists) -> None:
    values, failed, _ = _convert("DECOM", [text], code_lists)
    assert values == [expected]
    assert failed == [expected is None]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31/02/2024", "is not a real date"),
        ("2024-02-30", "is not a real date"),
        ("01/02/24", "has a two-digit year"),
        ("45123", "looks like an Excel serial number, not a date"),
        ("2024-2-3", "is not a date"),
    ],
)
def test_date_reasons(text, why, code_lists) -> None:
    assert invalid_value(COLUMNS["DECOM"], text, 2025, code_lists) == (
        f"invalid_date: '{text}' {why} (expected DD/MM/YYYY)"
    )


def test_whole_numbers_and_the_sdq_range(code_lists) -> None:
    cells = ["0", "40", "12.0", "41", "-1", "1,234", "9999999999", "12.5", "abc", None]
    values, failed, _ = _convert("SDQ_SCORE", cells, code_lists)
    assert values[:3] == [0, 40, 12]
    assert failed == [False, False, False, True, True, True, True, True, True, False]
    reasons = [_reason_code("SDQ_SCORE", c, code_lists) for c, f in zip(cells, failed, strict=True) if f]
    assert reasons == ["out_of_range"] * 4 + ["invalid_number"] * 2


def test_partial_dates(code_lists) -> None:
    cells = ["ZZ/ZZ/2019", "zz/06/2019", "15/ZZ/2019", "15/06/2019", "ZZ/13/2019", "30/02/2019", "2019"]
    values, failed, _ = _convert("DATE_PERM", cells, code_lists)
    assert values[:4] == ["ZZ/ZZ/2019", "ZZ/06/2019", "15/ZZ/2019", "15/06/2019"]
    assert failed == [False] * 4 + [True] * 3


def test_ids_keep_leading_zeros_and_lose_excel_dot_zero(code_lists) -> None:
    values, failed, normalised = _convert("CHILD", ["0012", "0013.0", "12a.0", "1.00", None], code_lists)
    assert values == ["0012", "0013", "12a.0", "1.00", None]
    assert (failed, normalised) == ([False] * 5, 1)


def test_postcodes_are_upper_case_and_single_spaced(code_lists) -> None:
    values, _, _ = _convert("HOME_POST", ["ab1  2cd", "AB1\t2CD", "AB1\xa02CD", "AB1 2CD", None], code_lists)
    assert values == ["AB1 2CD"] * 4 + [None]


def test_codes_and_flags_follow_the_code_list_of_the_year(code_lists) -> None:
    values, failed, _ = _convert("PLACE", ["k3", "H5", "U1", None], code_lists)
    assert (values, failed) == (["K3", "H5", "U1", None], [False, True, False, False])
    _, failed_2024, _ = _convert("PLACE", ["k3", "H5"], code_lists, year=2024)
    assert failed_2024 == [True, False]
    flags, failed, _ = _convert("MOTHER", ["1", "0", "2", None], code_lists)
    assert (flags, failed) == ([True, False, False, None], [False, False, True, False])
    assert invalid_value(COLUMNS["PLACE"], "h5", 2025, code_lists) == (
        "invalid_code: 'h5' is not a valid PLACE code for collection year 2025 "
        "(valid in collection years up to 2024)"
    )
    assert invalid_value(COLUMNS["PLACE"], "Z11", 2025, code_lists).endswith(
        "(valid in collection years from 2026)"
    )
