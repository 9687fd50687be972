"""The SSDA903 code lists with their valid collection years, read from the project's one seed.

A code is valid for a return of collection year N when ``valid_from_year <= N <= valid_to_year``
(a blank bound is open). The ingest checks every code against the **return's** year.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from flows.ssda903_spec import TABLES

_SEED_COLUMNS = ("field", "code", "valid_from_year", "valid_to_year")


class CodeListError(ValueError):
    """The code-list seed is missing, malformed or lacks a field the SSDA903 tables need."""


@dataclass(frozen=True)
class CodeEntry:
    code: str
    valid_from_year: int | None
    valid_to_year: int | None

    def valid_in(self, year: int) -> bool:
        return (self.valid_from_year is None or self.valid_from_year <= year) and (
            self.valid_to_year is None or year <= self.valid_to_year
        )

    def describe_years(self) -> str:
        """The years the code is valid in, in words, e.g. 'collection years up to 2024'."""
        start, end = self.valid_from_year, self.valid_to_year
        if start is None and end is None:
            return "every collection year"
        if start is None:
            return f"collection years up to {end}"
        if end is None:
            return f"collection years from {start}"
        if start == end:
            return f"collection year {start}"
        return f"collection years {start} to {end}"


@dataclass(frozen=True)
class CodeLists:
    """Code-list entries by field (the seed's ``field`` column)."""

    entries: dict[str, tuple[CodeEntry, ...]]

    def valid_codes(self, field: str, year: int) -> frozenset[str]:
        return frozenset(e.code for e in self.entries.get(field, ()) if e.valid_in(year))

    def codes_valid_elsewhere(self, field: str, year: int) -> dict[str, str]:
        """Codes of ``field`` that are not valid in ``year``, with the years they are valid in."""
        invalid: dict[str, list[str]] = {}
        for entry in self.entries.get(field, ()):
            if not entry.valid_in(year):
                invalid.setdefault(entry.code, []).append(entry.describe_years())
        valid_now = self.valid_codes(field, year)
        return {code: " and ".join(years) for code, years in invalid.items() if code not in valid_now}


def _year(value: str, seed_csv: Path, line: int, column: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not text.isdigit():
        raise CodeListError(f"{seed_csv}, row {line}, column {column}: '{text}' is not a year")
    return int(text)


def load_code_lists(seed_csv: Path) -> CodeLists:
    """Read ``seeds/ssda903_code_lists.csv``; fail loudly when a field the tables need is absent."""
    try:
        with seed_csv.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in _SEED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise CodeListError(f"{seed_csv}: missing column(s) {', '.join(missing)}")
            entries: dict[str, list[CodeEntry]] = {}
            for line, row in enumerate(reader, start=2):
                field, code = row["field"].strip(), row["code"].strip()
                if not field or not code:
                    raise CodeListError(f"{seed_csv}, row {line}: field and code must not be blank")
                entries.setdefault(field, []).append(
                    CodeEntry(
                        code=code,
                        valid_from_year=_year(row["valid_from_year"], seed_csv, line, "valid_from_year"),
                        valid_to_year=_year(row["valid_to_year"], seed_csv, line, "valid_to_year"),
                    )
                )
    except OSError as exc:
        raise CodeListError(f"cannot read the code-list seed {seed_csv}: {exc.strerror}") from exc
    needed = {c.code_list_field for t in TABLES.values() for c in t.columns if c.kind in ("code", "flag")}
    absent = sorted(needed - entries.keys())
    if absent:
        raise CodeListError(f"{seed_csv}: no codes for field(s) {', '.join(absent)}")
    return CodeLists({field: tuple(rows) for field, rows in entries.items()})
