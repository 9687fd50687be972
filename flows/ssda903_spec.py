"""The SSDA903 return's tables, as the ingest and the synthetic generator both need them.

One place states, for every table: its CSV columns in DfE's file order, how each column is typed at
the door, whether it may be blank, the natural key, and the collection years the table exists in.
The code lists themselves live in the `ssda903_code_lists` seed (`seeds/ssda903_code_lists.csv`);
a column of kind ``code`` or ``flag`` is checked against the seed rows whose ``field`` equals
``code_field`` (the column name unless stated).

Source: `shared/reference/ssda903-spec.md` sections 2 and 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnKind = Literal["id", "text", "code", "flag", "date", "partial_date", "int", "postcode"]


@dataclass(frozen=True)
class Column:
    """One CSV column: its DfE name, how it is typed and whether a valid return may leave it blank."""

    name: str
    kind: ColumnKind
    required: bool = False
    code_field: str | None = None  # the seed's `field` for a code/flag column (default: name)
    min_value: int | None = None
    max_value: int | None = None

    @property
    def warehouse_name(self) -> str:
        """Column name in the raw warehouse tables (lower case, as dbt models expect)."""
        return self.name.lower()

    @property
    def code_list_field(self) -> str:
        return self.code_field or self.name


@dataclass(frozen=True)
class Table:
    """One SSDA903 table: its columns in DfE's CSV order, its natural key and years of existence."""

    name: str  # warehouse table name in schema raw_ssda903
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    first_year: int | None = None  # first collection year whose return has the table

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def exists_in(self, collection_year: int) -> bool:
        return self.first_year is None or collection_year >= self.first_year


def _child() -> Column:
    return Column("CHILD", "id", required=True)


def _dob() -> Column:
    return Column("DOB", "date", required=True)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "header",
            (
                _child(),
                Column("SEX", "code", required=True),
                _dob(),
                Column("ETHNIC", "code", required=True),
                Column("UPN", "text", required=True),
                Column("MOTHER", "flag"),
                Column("MC_DOB", "date"),
            ),
            key=("CHILD",),
        ),
        Table(
            "episodes",
            (
                _child(),
                Column("DECOM", "date", required=True),
                Column("RNE", "code", required=True),
                Column("LS", "code", required=True),
                Column("CIN", "code", required=True),
                Column("PLACE", "code", required=True),
                Column("PLACE_PROVIDER", "code"),
                Column("DEC", "date"),
                Column("REC", "code"),
                Column("REASON_PLACE_CHANGE", "code"),
                Column("HOME_POST", "postcode"),
                Column("PL_POST", "postcode"),
                Column("URN", "id"),
            ),
            key=("CHILD", "DECOM"),
        ),
        Table(
            "uasc",
            (_child(), Column("SEX", "code", required=True), _dob(), Column("DUC", "date")),
            key=("CHILD",),
        ),
        Table(
            "reviews",
            (
                _child(),
                _dob(),
                Column("REVIEW", "date", required=True),
                Column("REVIEW_CODE", "code", required=True),
            ),
            key=("CHILD", "REVIEW"),
        ),
        Table(
            "oc2",
            (
                _child(),
                _dob(),
                Column("SDQ_SCORE", "int", min_value=0, max_value=40),
                Column("SDQ_REASON", "code"),
                Column("CONVICTED", "flag"),
                Column("HEALTH_CHECK", "flag"),
                Column("IMMUNISATIONS", "flag"),
                Column("TEETH_CHECK", "flag"),
                Column("HEALTH_ASSESSMENT", "flag"),
                Column("SUBSTANCE_MISUSE", "flag"),
                Column("INTERVENTION_RECEIVED", "flag"),
                Column("INTERVENTION_OFFERED", "flag"),
            ),
            key=("CHILD",),
        ),
        Table(
            "oc3",
            (
                _child(),
                _dob(),
                Column("IN_TOUCH", "code", required=True),
                Column("ACTIV", "code", required=True),
                Column("ACCOM", "code", required=True),
            ),
            key=("CHILD",),
        ),
        Table(
            "ad1",
            (
                _child(),
                _dob(),
                Column("DATE_INT", "date"),
                Column("DATE_MATCH", "date"),
                Column("FOSTER_CARE", "flag"),
                Column("NB_ADOPTR", "code", required=True),
                Column("SEX_ADOPTR", "code"),
                Column("LS_ADOPTR", "code"),
            ),
            key=("CHILD",),
        ),
        Table(
            "placed_adoption",
            (
                _child(),
                _dob(),
                Column("DATE_PLACED", "date", required=True),
                Column("DATE_PLACED_CEASED", "date"),
                Column("REASON_PLACED_CEASED", "code"),
            ),
            key=("CHILD", "DATE_PLACED"),
        ),
        Table(
            "prev_perm",
            (
                _child(),
                _dob(),
                Column("PREV_PERM", "code"),
                Column("LA_PERM", "text"),
                Column("DATE_PERM", "partial_date"),
            ),
            key=("CHILD",),
        ),
        Table(
            "missing",
            (
                _child(),
                _dob(),
                Column("MISSING", "code", required=True),
                Column("MIS_START", "date", required=True),
                Column("MIS_END", "date"),
            ),
            key=("CHILD", "MIS_START"),
        ),
        Table(
            "sw_episodes",
            (
                _child(),
                _dob(),
                Column("SW_ID", "text", required=True),
                Column("SW_DECOM", "date", required=True),
                Column("SW_DEC", "date"),
                Column("SW_REASON", "code"),
            ),
            key=("CHILD", "SW_DECOM"),
            first_year=2024,
        ),
        Table(
            "dolo",  # Deprivation of Liberty Orders
            (
                _child(),
                _dob(),
                Column("DOLO_START", "date", required=True),  # part of the key: a blank one is quarantined
                Column("DOLO_END", "date"),
            ),
            key=("CHILD", "DOLO_START"),
            first_year=2027,
        ),
    )
}

# The XML form: one <EXPSSDA903> document per return (ssda903-spec.md section 4; the names DfE leaves
# to confirm are the project's choice, docs/architecture.md). Shared by the XML ingest and the generator.
XML_ROOT = "EXPSSDA903"
XML_HEADER_TABLES = ("header", "uasc", "oc3", "ad1")  # fields directly in <HEADER>
XML_UASC_FLAG = "UASC"  # <UASC>1</UASC> in <HEADER> stands for the child's row of the uasc table
# Tables whose rows are elements of their own: table -> element, and whether it sits in <HEADER>
# (the others sit in <CHILD>, beside <HEADER>).
XML_ROW_ELEMENTS = {
    "reviews": ("AREVIEW", True),
    "missing": ("AMISSING", True),
    "oc2": ("OC2", True),
    "prev_perm": ("PERMANENCE", True),
    "placed_adoption": ("AD_PLACED", True),
    "episodes": ("EPISODE", False),
    "sw_episodes": ("SWEPISODE", False),
    "dolo": ("DOLO", False),
}
XML_RENAMED = {("header", "CHILD"): "CHILDID", ("episodes", "PLACE"): "PL"}  # (table, column) -> element
XML_COPIED = ("CHILD", "DOB")  # carried once, in <HEADER>, and copied into every child-level row

# Collection years the project reads and writes (2017 = 2016-17 ... 2027 = 2026-27).
SUPPORTED_YEARS = range(2017, 2028)

# Columns carried by every raw table after the DfE columns: where the row came from.
PROVENANCE_COLUMNS = ("load_id", "la_code", "collection_year", "source_file", "source_row")
