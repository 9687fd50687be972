"""Cases of the integrity rules between tables (macros/validation/rules/cross_table.sql)."""

from __future__ import annotations

import datetime as dt

from validation_cases.builder import Child, case, date, sex_code

# A valid row of each child-level table for collection year n (CHILD and DOB are added by the builder).
TABLE_ROWS = {
    "ad1": lambda n: {"nb_adoptr": "1", "sex_adoptr": "F1", "ls_adoptr": "L0"},
    "placed_adoption": lambda n: {"date_placed": date(n - 1, 6, 1)},
    "episodes": lambda n: {"decom": date(n - 1, 6, 1), "rne": "S", "ls": "C2", "cin": "N1", "place": "U1"},
    "missing": lambda n: {"missing": "M", "mis_start": date(n - 1, 7, 1)},
    "oc2": lambda n: {"sdq_reason": "SDQ2"},
    "oc3": lambda n: {"in_touch": "YES", "activ": "F1", "accom": "B1"},
    "prev_perm": lambda n: {"prev_perm": "P1"},
    "reviews": lambda n: {"review": date(n - 1, 7, 1), "review_code": "PN1"},
    "uasc": lambda n: {"sex": sex_code(n)},
}

NOT_IN_HEADER = {
    "INT01": "ad1",
    "INT02": "placed_adoption",
    "INT03": "episodes",
    "INT04": "missing",
    "INT05": "oc2",
    "INT06": "oc3",
    "INT07": "prev_perm",
    "INT08": "reviews",
    "INT09": "uasc",
}

DOB_DIFFERS = {
    "INT11": "ad1",
    "INT12": "placed_adoption",
    "INT13": "missing",
    "INT14": "oc2",
    "INT15": "oc3",
    "INT16": "prev_perm",
    "INT17": "reviews",
    "INT18": "uasc",
}


def _not_in_header(table: str):
    def build(fail: Child, ok: Child, n: int) -> None:
        fail.drop_header().row(table, **TABLE_ROWS[table](n))
        ok.row(table, **TABLE_ROWS[table](n))

    return build


def _dob_differs(table: str):
    def build(fail: Child, ok: Child, n: int) -> None:
        fail.row(table, **TABLE_ROWS[table](n), dob=fail.dob + dt.timedelta(days=1))
        ok.row(table, **TABLE_ROWS[table](n))

    return build


for _code, _table in NOT_IN_HEADER.items():
    case(_code)(_not_in_header(_table))
for _code, _table in DOB_DIFFERS.items():
    case(_code)(_dob_differs(_table))


@case("INT21")
def _uasc_sex_differs(fail: Child, ok: Child, n: int) -> None:
    fail.row("uasc", sex=sex_code(n, "female"))
    ok.row("uasc", sex=sex_code(n))
