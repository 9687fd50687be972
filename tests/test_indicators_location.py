"""Placement location, distance, new placements, placement changes and missing incidents on a hand-built LA.

The fixture (tests/fixtures/location, see its README) is the 2025 return (1 April 2024 to 31 March
2025) of LA 815 with one child per edge case, its postcode lookup (loaded through the real ingest,
so the quarantine counts too), and one child of LA 816, which supplied no lookup. `dbt build` runs
once for the module; the values below are derived by hand from docs/indicator-conventions.md
("Placement location and distance" and "Missing and away from placement").

Every child's home is YO7 1AA at grid reference (440000, 480000) unless said otherwise. Distances in
miles are metres / 1609.3, rounded half up to 1 dp before "more than 20" is judged.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from flows.dbt_runner import run_dbt_build
from flows.ingest.postcodes import LookupFile, LookupLoad, load_postcode_lookup
from flows.ingest.raw_schema import create_raw_tables
from flows.warehouse_layout import BuildPaths

FIXTURES = Path(__file__).parent / "fixtures" / "location"
YEAR = 2025

# ------------------------------------------------------------------------------------------------
# LA 815, 2025. Looked after at 31 March: P01-P16, C1-C6, C8, F1-F4 = 27 (D1 ceased 30/06/2024;
# C7 had only short breaks). Where each is at 31 March (IN/OUT, miles):
#   P01 IN 0.6   P02 IN 24.9   P03 OUT 6.2   P04 OUT 24.9   P05 OUT 20.0   P06 OUT 20.1
#   P07 unknown  P08 OUT 24.9 (its temporary placement's interrupted placement)   P09 OUT, no home
#   P10 OUT (WAL) 203.5   P11 OUT (NIR), Irish grid   P12 IN, no grid reference   P13 OUT 12.4
#   P14 IN 3.1   P15 unknown (quarantined)   P16 IN 0.6   C1 IN 24.9   C2-C4 IN 0.6   C5 OUT 6.2
#   C6 IN 24.9   C8 OUT 24.9   F1-F4 OUT 24.9
#
# New placements starting in 2025 (23): inside <20: P01, P16, C1 (1st), C2 (both), C3 (1st), C4
# (1st), C8 (1st), D1 = 9; inside >20: P02, C1 (2nd), C8 (2nd) = 3; outside <20: P03, P05 (exactly
# 20.0), C5 (2nd) = 3; outside >20: P04, P06, P10, C5 (1st), C8 (3rd) = 5; not known: P07, P09, P15
# = 3. Not new: C3's RNE L, C4's temporary episode and its return to the same carer, P08's
# temporary episode, C6's placement of March 2024.
#
# Placement changes ending in 2025 (5): C1 CARPL, C2 PLACE, C5 CREQB, C8 OTHER and ALLEG. Not C6
# (ended 15/03/2024) nor C7 (short break).
#
# Missing cohort (looked after during the year): the 27 + D1 = 28. Missing: P01, P02, P08 (open on
# 1 April), P12 (still missing on 31 March; its incident of March 2024 ended before the year), P13,
# P14, D1 = 7; away: P02, P11 = 2. Missing incidents: P01 x2 + 6 others = 8. Durations of missing
# incidents that ended in the year: P01 0 and 2, P02 1, P08 3, P14 10, D1 0 = 16 days over 6 (P12's
# is open, P13's ends before it starts).
#
# LA 816 (Q1 only, no lookup): location numerators and denominators null -> x (not computable);
# 0/0 -> x; a denominator of 1 -> c.
# ------------------------------------------------------------------------------------------------
NEW_PLACEMENT_GROUPS = ("inside_la_lt20mi", "inside_la_gt20mi", "outside_la_lt20mi", "outside_la_gt20mi")
CHANGE_REASONS = (
    "care_plan", "status_change_only", "carer_request_child_behaviour", "carer_request_other",
    "child_request", "la_request", "standards_of_care", "allegation_s47", "approval_removed",
    "provision_closure", "custody", "other",
)  # fmt: skip
REASONS_GIVEN_IN_815 = (
    "care_plan",
    "status_change_only",
    "carer_request_child_behaviour",
    "other",
    "allegation_s47",
)

EXPECTED: dict[tuple[str, str], tuple[float | None, float | None, float | None, str]] = {
    # 15 of 27 outside -> 55.6 -> 56
    ("815", "pct_cla_outside_la_31mar"): (15, 27, 15 / 27 * 100, "56"),
    # P04, P06 (20.1), P08, P10, C8, F1-F4 = 9; P05 (20.0) is not more than 20; P09 and P11 unknown
    ("815", "pct_cla_outside_la_gt20mi_31mar"): (9, 27, 9 / 27 * 100, "33"),
    # P07, P09, P11, P12, P15 = 5 -> c
    ("815", "pct_cla_distance_not_known_31mar"): (5, 27, 5 / 27 * 100, "c"),
    ("815", "cla_new_placements"): (23, None, 23, "23"),
    # 9 / 23 = 39.1 -> 39
    ("815", "pct_new_placements_inside_la_lt20mi"): (9, 23, 9 / 23 * 100, "39"),
    ("815", "pct_new_placements_inside_la_gt20mi"): (3, 23, 3 / 23 * 100, "c"),
    ("815", "pct_new_placements_outside_la_lt20mi"): (3, 23, 3 / 23 * 100, "c"),
    ("815", "pct_new_placements_outside_la_gt20mi"): (5, 23, 5 / 23 * 100, "c"),
    ("815", "pct_new_placements_distance_not_known"): (3, 23, 3 / 23 * 100, "c"),
    ("815", "cla_placement_changes"): (5, None, 5, "c"),
    # CARPL, PLACE, CREQB, OTHER, ALLEG: 1 of 5 each; the other seven reasons 0 of 5; a
    # denominator of 1-5 makes every share c
    **{
        ("815", f"pct_placement_change_{name}"): (1, 5, 20, "c")
        if name in REASONS_GIVEN_IN_815
        else (0, 5, 0, "c")
        for name in CHANGE_REASONS
    },
    # 7 of 28 = 25
    ("815", "pct_cla_missing_incident"): (7, 28, 25, "25"),
    ("815", "pct_cla_away_incident"): (2, 28, 2 / 28 * 100, "c"),
    # 8 incidents / 7 children = 1.14 -> 1.1
    ("815", "missing_incidents_per_child"): (8, 7, 8 / 7, "1.1"),
    # 16 days / 6 incidents = 2.67 -> 2.7
    ("815", "missing_incident_mean_days"): (16, 6, 16 / 6, "2.7"),
    # -- LA 816: no postcode lookup ---------------------------------------------------------------
    ("816", "pct_cla_outside_la_31mar"): (None, None, None, "x"),
    ("816", "pct_cla_outside_la_gt20mi_31mar"): (None, None, None, "x"),
    ("816", "pct_cla_distance_not_known_31mar"): (None, None, None, "x"),
    ("816", "cla_new_placements"): (1, None, 1, "c"),
    **{
        ("816", f"pct_new_placements_{group}"): (None, None, None, "x")
        for group in (*NEW_PLACEMENT_GROUPS, "distance_not_known")
    },
    ("816", "cla_placement_changes"): (0, None, 0, "0"),
    **{("816", f"pct_placement_change_{name}"): (0, 0, None, "x") for name in CHANGE_REASONS},
    ("816", "pct_cla_missing_incident"): (0, 1, 0, "c"),
    ("816", "pct_cla_away_incident"): (0, 1, 0, "c"),
    ("816", "missing_incidents_per_child"): (0, 0, None, "x"),
    ("816", "missing_incident_mean_days"): (0, 0, None, "x"),
}

# Derived fields of chosen episodes: (child, DECOM) -> (PL_LA, PL_LOCATION, PL_DISTANCE, new placement).
EXPECTED_EPISODES = {
    ("P01", "2024-06-01"): ("E06000065", "IN", 0.6, True),  # 1000 m
    ("P05", "2024-08-01"): ("E06000002", "OUT", 20.0, True),  # 32186 m = 20.0000 miles
    ("P06", "2024-08-01"): ("E06000002", "OUT", 20.1, True),  # 32267 m = 20.0503 miles
    ("P07", "2024-09-01"): (None, None, None, True),  # not in the lookup
    ("P08", "2025-03-20"): ("E06000065", "IN", 0.6, False),  # temporary
    ("P09", "2024-09-01"): ("E08000035", "OUT", None, True),  # HOME_POST blank
    ("P10", "2024-10-01"): ("WAL", "OUT", 203.5, True),  # sqrt(122000^2 + 304000^2) = 327567 m
    ("P11", "2020-01-01"): ("NIR", "OUT", None, True),  # Irish grid: no distance from Great Britain
    ("P12", "2020-01-01"): ("E06000065", "IN", None, True),  # no grid reference
    ("P13", "2020-01-01"): ("E10000017", "OUT", 12.4, True),  # county, not the district E07000121
    ("P14", "2020-01-01"): ("E10000023", "IN", 3.1, True),  # 815's county code before 2023
    ("P15", "2024-12-01"): (None, None, None, True),  # both lookup rows quarantined
    ("P16", "2024-11-01"): ("E06000065", "IN", 0.6, True),  # PL_POST 'YO71AB'
    ("C2", "2024-09-01"): ("E06000065", "IN", 0.6, True),  # RNE T: same carer, new placement
    ("C3", "2024-10-01"): ("E06000065", "IN", 0.6, False),  # RNE L
    ("C4", "2024-07-10"): ("E06000065", "IN", 0.6, False),  # back to the carer after a temporary one
}


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _rows(name: str) -> list[dict]:
    with (FIXTURES / name).open(newline="") as handle:
        return list(csv.DictReader(handle))


def _provenance(la_code: str, table: str, source_row: int) -> dict:
    return {
        "load_id": "fixture",
        "la_code": la_code,
        "collection_year": YEAR,
        "source_file": f"{la_code}/ssda903/{YEAR}/{table}.csv",
        "source_row": source_row,
    }


def _raw_rows() -> dict[str, list[dict]]:
    episodes = [
        {
            "child": r["child"],
            "decom": _date(r["decom"]),
            "rne": r["rne"],
            "ls": r["ls"],
            "cin": "N1",
            "place": r["place"],
            "place_provider": None if r["place"].startswith("T") else "PR1",
            "dec": _date(r["dec"]),
            "rec": r["rec"] or None,
            "reason_place_change": r["reason"] or None,
            "home_post": r["home_post"] or None,
            "pl_post": r["pl_post"] or None,
            **_provenance(r["la"], "episodes", i),
        }
        for i, r in enumerate(_rows("episodes.csv"), start=2)
    ]
    children = sorted({(e["la_code"], e["child"]) for e in episodes})
    headers = [
        {"child": child, "sex": "M", "dob": dt.date(2012, 1, 1), "ethnic": "WBRI", "upn": "UN1",
         **_provenance(la_code, "header", i)}
        for i, (la_code, child) in enumerate(children, start=2)
    ]  # fmt: skip
    missing = [
        {
            "child": r["child"],
            "dob": dt.date(2012, 1, 1),
            "missing": r["missing"],
            "mis_start": _date(r["mis_start"]),
            "mis_end": _date(r["mis_end"]),
            **_provenance(r["la"], "missing", i),
        }
        for i, r in enumerate(_rows("missing.csv"), start=2)
    ]
    return {"episodes": episodes, "header": headers, "missing": missing}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    columns = list(rows[0])
    con.executemany(
        f"insert into {table} ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})",
        [[r[c] for c in columns] for r in rows],
    )


@pytest.fixture(scope="module")
def lookup_load(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, LookupLoad]:
    paths = BuildPaths(tmp_path_factory.mktemp("location_fixture"))
    with duckdb.connect(str(paths.database)) as con:
        create_raw_tables(con)
        for table, rows in _raw_rows().items():
            _insert(con, f"raw_ssda903.{table}", rows)
        lookup = LookupFile(FIXTURES / "postcodes.csv", "815/reference/postcodes.csv", "815")
        load = load_postcode_lookup(con, lookup, "fixture")
    lines: list[str] = []
    result = run_dbt_build(paths, on_line=lines.append)
    assert result.return_code == 0, "\n".join(lines[-80:])
    return paths.database, load


@pytest.fixture(scope="module")
def warehouse(lookup_load: tuple[Path, LookupLoad]) -> Path:
    return lookup_load[0]


def _query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_lookup_loads_through_the_ingest_with_its_bad_rows_quarantined(
    lookup_load: tuple[Path, LookupLoad],
) -> None:
    _, load = lookup_load
    # 15 rows: ZZ9 9ZZ twice (duplicate_key, both rows) and NOTAPC (invalid_postcode) quarantined
    assert (load.status, load.rows_read, load.rows_loaded, load.rows_quarantined) == ("loaded", 15, 12, 3)


def test_every_location_and_missing_indicator_matches_the_hand_derived_value(warehouse: Path) -> None:
    indicators = sorted({indicator for _, indicator in EXPECTED})
    rows = _query(
        warehouse,
        "select old_la_code, indicator, breakdown_topic, numerator, denominator, value, value_published "
        f"from reporting.rpt_indicators where time_period = {YEAR} and indicator in "
        f"({', '.join(repr(i) for i in indicators)})",
    )
    actual = {(r[0], r[1]): r for r in rows}
    assert set(actual) == set(EXPECTED)
    for key, (numerator, denominator, value, published) in EXPECTED.items():
        row = actual[key]
        assert row[2] == "Total", key
        assert row[3] == numerator, (key, "numerator")
        assert row[4] == denominator, (key, "denominator")
        assert row[5] == (None if value is None else pytest.approx(value, rel=1e-12)), (key, "value")
        assert row[6] == published, (key, "value_published")


def test_derived_location_fields_of_the_edge_cases(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select child_id, cast(episode_start_date as varchar), placement_la_code, placement_location, "
        "placement_distance_miles, is_new_placement from restricted_intermediate.int_episodes_located "
        "where la_code = '815'",
    )
    actual = {(r[0], r[1]): r[2:] for r in rows}
    for key, expected in EXPECTED_EPISODES.items():
        assert actual[key] == expected, key


def test_no_postcode_reaches_a_published_schema(warehouse: Path) -> None:
    postcodes = {r["pl_post"] for r in _rows("episodes.csv")} | {r["pcds"] for r in _rows("postcodes.csv")}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_name from information_schema.tables where table_schema = 'reporting'"
        ).fetchall()
        for (table,) in tables:
            text = str(con.execute(f"select * from reporting.{table}").fetchall())
            assert not any(p and p in text for p in postcodes), table
