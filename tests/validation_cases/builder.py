"""Build the raw rows of one synthetic child for the validation-rule cases.

A child's rows go straight into the raw tables (typed as the ingest types them) and into the
quarantine table. Every row of a child comes from its own "file" `<la>/<year>/<child>/<table>.csv`,
so a finding can be traced back to its case even when the rule reports a quarantined row without a
child id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from flows.ssda903_spec import TABLES

LA_CODE = "815"
CaseFunction = Callable[["Child", "Child", int], None]
CASES: dict[str, CaseFunction] = {}


class NotApplicable(Exception):
    """The rule cannot be exercised in this year (e.g. a code the case needs is not valid then)."""


def case(*rule_codes: str) -> Callable[[CaseFunction], CaseFunction]:
    """Register the decorated function as the case of each rule code."""

    def register(function: CaseFunction) -> CaseFunction:
        for code in rule_codes:
            assert code not in CASES, f"two cases for rule {code}"
            CASES[code] = function
        return function

    return register


def date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


def year_start(n: int) -> dt.date:
    return dt.date(n - 1, 4, 1)


def year_end(n: int) -> dt.date:
    return dt.date(n, 3, 31)


def sex_code(n: int, sex: str = "male") -> str:
    """SEX in collection year n: 1/2 to 2023-24, M/F from 2024-25."""
    if n >= 2025:
        return "M" if sex == "male" else "F"
    return "1" if sex == "male" else "2"


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass
class Child:
    """One case child: its id, the case's collection year and the rows it has so far."""

    child_id: str
    year: int
    dob: dt.date
    rows: list[tuple[str, int, dict]] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)

    @classmethod
    def new(cls, child_id: str, year: int) -> Child:
        child = cls(child_id, year, date(year - 10, 6, 15))
        child.header()
        return child

    def source_file(self, table: str, year: int) -> str:
        return f"{LA_CODE}/{year}/{self.child_id}/{table}.csv"

    def row(self, table: str, year: int | None = None, **columns: object) -> Child:
        """Add a raw row; CHILD and DOB default to the child's."""
        year = year or self.year
        names = {c.warehouse_name for c in TABLES[table].columns}
        values = {"child": self.child_id, **({"dob": self.dob} if "dob" in names else {}), **columns}
        unknown = set(values) - names
        assert not unknown, f"{table} has no column(s) {unknown}"
        self.rows.append((table, year, values))
        return self

    def header(self, year: int | None = None, **columns: object) -> Child:
        year = year or self.year
        defaults = {"sex": sex_code(year), "ethnic": "WBRI", "upn": "UN1"}
        return self.row("header", year, **{**defaults, **columns})

    def drop_header(self) -> Child:
        self.rows = [r for r in self.rows if r[0] != "header"]
        return self

    def set_dob(self, dob: dt.date) -> Child:
        """Change the date of birth on every row so far and on rows added later."""
        self.dob = dob
        self.rows = [(t, y, {**v, "dob": dob} if "dob" in v else v) for t, y, v in self.rows]
        return self

    def episode(self, decom: dt.date, year: int | None = None, **columns: object) -> Child:
        defaults = {
            "rne": "S",
            "ls": "C2",
            "cin": "N1",
            "place": "U1",
            "place_provider": "PR1",
            "dec": None,
            "rec": None,
            "pl_post": "AB1 2CD",
        }
        return self.row("episodes", year, decom=decom, **{**defaults, **columns})

    def quarantined(
        self, table: str, column: str | None, reason_code: str, value: str = "X", year: int | None = None
    ) -> Child:
        """A row of this child the ingest quarantined for `reason_code` on `column` (None: whole row)."""
        year = year or self.year
        self.quarantine.append(
            {
                "load_id": "validation_cases",
                "source_file": self.source_file(table, year),
                "la_code": LA_CODE,
                "collection_year": year,
                "table_name": table,
                "source_row": 2,
                "column_name": column,
                "value": value,
                "reason": f"{reason_code}: written by a validation case",
            }
        )
        return self

    def raw_rows(self) -> dict[str, list[dict]]:
        """The child's rows per raw table, with provenance; row numbers count per file from 2."""
        tables: dict[str, list[dict]] = {}
        for table, year, values in self.rows:
            in_file = [r for r in tables.get(table, []) if r["collection_year"] == year]
            tables.setdefault(table, []).append(
                {
                    **values,
                    "load_id": "validation_cases",
                    "la_code": LA_CODE,
                    "collection_year": year,
                    "source_file": self.source_file(table, year),
                    "source_row": len(in_file) + 2,
                }
            )
        return tables
