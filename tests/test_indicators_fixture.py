"""The first-release indicators on a hand-built LA, against values derived by hand.

The fixture (tests/fixtures/indicators, see its README) is LA 815 over the returns 2023, 2024 and
2025: one child per rule of indicator-conventions.md that the six indicators touch, plus 30 stable
"filler" children. The rows go straight into the raw tables, `dbt build` runs once for the module
(unit tests excluded: tests/test_dbt_project.py runs them), and every row of rpt_indicators is
compared with the value derived below.

Collection year N runs 1 April N-1 to 31 March N. Long-term stability cut-offs for year N: period
of care started on or before 30 September N-3, placement on or before 31 March N-2.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from flows.dbt_runner import run_dbt_build
from flows.ingest.raw_schema import create_raw_tables
from flows.warehouse_layout import BuildPaths

FIXTURES = Path(__file__).parent / "fixtures" / "indicators"
LA_CODE = "815"
RETURNS = (2023, 2024, 2025)
FILLERS = [f"F{i:02d}" for i in range(1, 31)]
POPULATION = {2023: 114_700, 2024: 114_929, 2025: 115_721}  # ONS 0-17, mid-year N-1 (seed)

# ------------------------------------------------------------------------------------------------
# Expected rows: (year, indicator) -> (numerator, denominator, value, value_published).
#
# Children in each return (the fillers F01-F30 are in all three):
#   2023: 30 F + C1, LA1-LA11, Z1, W1                                        = 44 children
#   2024: 30 F + B1, C1, D1, E1, H1, I1, I2, J1, K1, K2, O1, LA1-LA11, Z1            = 53
#   2025: 30 F + A1, B1, C1, D1, E1, G1, H1, I2, K1, K2, O1, T1, T2, M1, LA1-LA11, Z1 = 56
# ------------------------------------------------------------------------------------------------
EXPECTED: dict[tuple[int, str], tuple[float, float | None, float, str]] = {
    # -- 2023 -----------------------------------------------------------------------------------
    # Looked after at 31/03/2023: the 44 children of the 2023 return but W1 (adopted 01/02/2023).
    # C1 counts: its open 2023 episode is stitched closed only on 01/07/2023.
    (2023, "cla_31mar"): (43, None, 43, "43"),
    # 43 / ONS mid-2022 114,700 * 10,000 = 3.749 -> 4
    (2023, "cla_rate_31mar"): (43, 114_700, 43 / 114_700 * 10_000, "4"),
    # RNE S with DECOM in 2022-23: LA3 (30/09/2022), LA4 (01/10/2022) = 2 -> c
    (2023, "cla_starts"): (2, None, 2, "c"),
    # DEC in 2022-23 with REC not X1: W1 (E11 on 01/02/2023) = 1 -> c (LA5's X1 is not a cease)
    (2023, "cla_ceases"): (1, None, 1, "c"),
    # Nobody has 3 placements in 2022-23 (LA5 has the most: 2): a true zero -> 0
    (2023, "pct_3plus_placements_year"): (0, 43, 0.0, "0"),
    # Cohort (under 16, period of care from <= 30/09/2020): 30 F, LA1 (13), LA2 (14), LA5, LA6, LA7,
    # LA8, LA9, LA11, Z1 (13 by the latest DOB) = 39; not C1 (2021), LA3/LA4 (2022), LA10 (no DOB).
    # Stable (placement from <= 31/03/2021): all but LA5 (placement from 31/03/2023) = 38.
    # LA6 is stable: its 2020 placement ends 01/04/2023, after 31 March 2023.
    (2023, "pct_longterm_stability_u16"): (38, 39, 38 / 39 * 100, "97"),
    # -- 2024 -----------------------------------------------------------------------------------
    # Looked after at 31/03/2024: all 53 children of the 2024 return. D1 and K1 ended only in the
    # 2025 return; H1's 2024 episode is stitched closed on 01/06/2024; I1 and J1 are left open;
    # I2 and O1 have an open 2023-24 episode (re-sent by 2025).
    (2024, "cla_31mar"): (53, None, 53, "53"),
    # 53 / ONS mid-2023 114,929 * 10,000 = 4.612 -> 5 (815 is E06000065 from 2024)
    (2024, "cla_rate_31mar"): (53, 114_929, 53 / 114_929 * 10_000, "5"),
    # B1 (three S, one start), D1, E1, H1, I1, I2, J1, K1, K2, O1 = 10; C1's 2024 episode is RNE P
    (2024, "cla_starts"): (10, None, 10, "10"),
    # B1 (E4A, E13: one cease), I1 (E4A) = 2 -> c; C1's stitched end is not a cease
    (2024, "cla_ceases"): (2, None, 2, "c"),
    # B1: 3 placements (each re-entry is a new placement) = 1 of 53 -> c (value 1.89); I2 and O1
    # have 2 each
    (2024, "pct_3plus_placements_year"): (1, 53, 1 / 53 * 100, "c"),
    # Cohort (period of care from <= 30/09/2021): 30 F, C1 (2021-06-01), LA1, LA2 (15), LA5, LA6,
    # LA7, LA8, LA9, LA11, Z1 = 40. Not stable (placement after 31/03/2022): C1 (2023-07-01), LA5
    # (2023-03-31), LA6 (2023-04-01), LA9 (2023-06-01) -> 36 stable.
    (2024, "pct_longterm_stability_u16"): (36, 40, 90.0, "90"),
    # -- 2025 -----------------------------------------------------------------------------------
    # Looked after at 31/03/2025: the 56 children of the 2025 return but A1 (DEC 31/03/2025), D1
    # (ceased 01/06/2024), G1 (short breaks only) and H1 (only a short break in 2025; its 2024
    # episode is stitched closed on 01/06/2024) = 52. J1 and I1, still open, are not in the return.
    (2025, "cla_31mar"): (52, None, 52, "52"),
    # 52 / ONS mid-2024 115,721 * 10,000 = 4.494 -> 4
    (2025, "cla_rate_31mar"): (52, 115_721, 52 / 115_721 * 10_000, "4"),
    # A1, T1, T2, M1 = 4 -> c; G1's and H1's S episodes are short breaks (removed)
    (2025, "cla_starts"): (4, None, 4, "c"),
    # A1 (E4A on 31/03/2025), D1 (E4B) = 2 -> c; H1's stitched end is not a cease
    (2025, "cla_ceases"): (2, None, 2, "c"),
    # K2 (placement ending 02/04/2024 counts: 3) and T2 (3 carers around 2 temporary placements) = 2
    # of 52 -> c. Not K1 (its placement ending 01/04/2024 does not count: 2), T1 (back to the same
    # carer: 2), M1 (L/T/U: 1), LA11 (temporary: 1), I2 (its open first placement and the next: 2),
    # O1 (first placement ended 01/02/2024: 1).
    (2025, "pct_3plus_placements_year"): (2, 52, 2 / 52 * 100, "c"),
    # Cohort (period of care from <= 30/09/2022): 30 F, C1, LA1 (15), LA3 (30/09/2022), LA5, LA6,
    # LA7, LA8, LA9, LA11, Z1 (15) = 40; not LA2 (16), LA4 (01/10/2022), LA10 (no DOB).
    # Stable: 30 F, LA1, LA3, LA5 (placement from 31/03/2023), LA7 (adoption rule: placement before
    # the A6 one from 2019), LA8 (A5 with the foster carer since 2019), LA11 (temporary on 31 March;
    # placement since 2019), Z1 = 37; not C1 (2023-07-01), LA6 (2023-04-01), LA9 (A6 after a 2023
    # placement). 37 / 40 = 92.5 -> 93 (half up; banker's rounding would give 92).
    (2025, "pct_longterm_stability_u16"): (37, 40, 92.5, "93"),
}

UNITS = {
    "cla_31mar": "count",
    "cla_rate_31mar": "rate_per_10000",
    "cla_starts": "count",
    "cla_ceases": "count",
    "pct_3plus_placements_year": "percent",
    "pct_longterm_stability_u16": "percent",
}

# GSS code in force (seed la_lookup): E10000023 to 2023, E06000065 from 2024.
NEW_LA_CODE = {2023: "E10000023", 2024: "E06000065", 2025: "E06000065"}

# Count-only data-quality warnings: (year, warning) -> children.
EXPECTED_WARNINGS = {
    (2023, "no_usable_date_of_birth"): 1,  # LA10
    (2024, "no_usable_date_of_birth"): 1,  # LA10
    # I1, and I2 (its next episode is re-sent by 2025 but follows it inside the 2024 return)
    (2024, "open_episode_followed_in_same_return"): 2,
    # O1: overlap inside the 2024 return, not repaired although 2025 re-sends the next episode
    (2024, "episodes_overlap_within_return"): 1,
    (2025, "no_usable_date_of_birth"): 1,  # LA10
    (2025, "open_child_missing_from_next_return"): 2,  # I1 and J1, open in 2024, absent from 2025
}


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _provenance(year: int, table: str) -> dict:
    return {
        "load_id": "fixture",
        "la_code": LA_CODE,
        "collection_year": year,
        "source_file": f"{LA_CODE}/ssda903/{year}/{table}.csv",
    }


def _episode_rows() -> list[dict]:
    """The fixture's episode rows plus the fillers', typed as the raw table holds them."""
    with (FIXTURES / "episodes.csv").open(newline="") as f:
        listed = list(csv.DictReader(f))
    filler = {"decom": "2019-06-01", "rne": "S", "ls": "C2", "place": "U4", "dec": "", "rec": ""}
    listed += [
        {"return_year": str(year), "child": child, "pl_post": "F1 1AA", **filler}
        for year in RETURNS
        for child in FILLERS
    ]
    rows = []
    for year in RETURNS:
        in_return = [r for r in listed if int(r["return_year"]) == year]
        for row_number, r in enumerate(in_return, start=2):
            temporary = r["place"].startswith("T")
            rows.append(
                {
                    "child": r["child"],
                    "decom": _date(r["decom"]),
                    "rne": r["rne"],
                    "ls": r["ls"],
                    "cin": "N1",
                    "place": r["place"],
                    "place_provider": None if temporary else "PR1",
                    "dec": _date(r["dec"]),
                    "rec": r["rec"] or None,
                    "pl_post": r["pl_post"] or None,
                    **_provenance(year, "episodes"),
                    "source_row": row_number,
                }
            )
    return rows


def _header_rows(episodes: list[dict]) -> list[dict]:
    """One header per child per return that has its episodes; none for a child without a DOB."""
    with (FIXTURES / "children.csv").open(newline="") as f:
        children = {r["child"]: r for r in csv.DictReader(f)}
    filler = {"dob": "2012-05-05", "earlier_headers_dob": ""}
    rows = []
    for year in RETURNS:
        in_return = sorted({e["child"] for e in episodes if e["collection_year"] == year})
        with_dob = [(c, children.get(c, filler)) for c in in_return if children.get(c, filler)["dob"]]
        for row_number, (child, facts) in enumerate(with_dob, start=2):
            earlier = year < max(RETURNS) and facts["earlier_headers_dob"]
            dob = facts["earlier_headers_dob"] if earlier else facts["dob"]
            rows.append(
                {
                    "child": child,
                    "sex": "M" if year >= 2025 else "1",
                    "dob": _date(dob),
                    "ethnic": "WBRI",
                    "upn": "UN1",
                    **_provenance(year, "header"),
                    "source_row": row_number,
                }
            )
    return rows


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    columns = list(rows[0])
    placeholders = ", ".join("?" for _ in columns)
    con.executemany(
        f"insert into {table} ({', '.join(columns)}) values ({placeholders})",
        [[r[c] for c in columns] for r in rows],
    )


def _load_raw(path: Path) -> None:
    episodes = _episode_rows()
    headers = _header_rows(episodes)
    loads = [
        {
            **_provenance(year, table),
            "table_name": table,
            "file_format": "csv",
            "status": "loaded",
            "rows_read": n,
            "rows_loaded": n,
            "rows_quarantined": 0,
            "rows_blank": 0,
        }
        for table, rows in (("episodes", episodes), ("header", headers))
        for year in RETURNS
        if (n := sum(1 for r in rows if r["collection_year"] == year))
    ]
    with duckdb.connect(str(path)) as con:
        create_raw_tables(con)
        _insert(con, "raw_ssda903.episodes", episodes)
        _insert(con, "raw_ssda903.header", headers)
        _insert(con, "raw_audit.load_log", loads)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("indicators_fixture")
    paths = BuildPaths(work)
    _load_raw(paths.database)
    lines: list[str] = []
    result = run_dbt_build(paths, on_line=lines.append)
    assert result.return_code == 0, "\n".join(lines[-80:])
    return paths.database


def _query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_indicator_row_matches_the_hand_derived_value(warehouse: Path) -> None:
    # the first-release indicators' Total rows; other families' rows have their own fixtures
    rows = _query(
        warehouse,
        f"select * from reporting.rpt_indicators where breakdown_topic = 'Total' "
        f"and indicator in ({', '.join(repr(i) for i in UNITS)})",
    )
    assert len(rows) == len(EXPECTED)
    actual = {(r[0], r[6]): r for r in rows}
    for (year, indicator), (numerator, denominator, value, published) in EXPECTED.items():
        row = actual[(year, indicator)]
        assert row[:9] == (
            year,
            "Reporting year",
            "Local authority",
            LA_CODE,
            NEW_LA_CODE[year],
            "North Yorkshire",
            indicator,
            "Total",
            "Total",
        ), (year, indicator)
        assert row[9] == numerator, (year, indicator, "numerator")
        assert row[10] == (None if denominator is None else pytest.approx(denominator)), (year, indicator)
        assert row[11] == pytest.approx(value, rel=1e-12), (year, indicator, "value")
        assert row[12] == published, (year, indicator, "value_published")
        assert row[13] == UNITS[indicator], (year, indicator, "unit")


def test_rates_use_the_population_of_the_previous_mid_year(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select time_period, denominator from reporting.rpt_indicators where indicator = 'cla_rate_31mar'",
    )
    assert dict(rows) == POPULATION


def test_rows_come_in_a_deterministic_order(warehouse: Path) -> None:
    rows = _query(warehouse, "select old_la_code, time_period, indicator from reporting.rpt_indicators")
    assert rows == sorted(rows)


def test_data_quality_warnings_are_counted_without_child_level_values(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select time_period, old_la_code, warning, n_children from reporting.rpt_data_quality_warnings",
    )
    assert {(r[0], r[2]): r[3] for r in rows} == EXPECTED_WARNINGS
    assert {r[1] for r in rows} == {LA_CODE}


def test_every_raw_episode_row_is_kept_or_superseded(warehouse: Path) -> None:
    raw = _query(warehouse, "select count(*) from raw_ssda903.episodes")[0][0]
    audit = "select row_status, count(*) from restricted_marts.fct_episode_row_audit group by 1"
    fates = dict(_query(warehouse, audit))
    kept = _query(warehouse, "select count(*) from restricted_marts.fct_episodes")[0][0]
    assert fates["kept"] + fates["superseded"] == raw
    assert fates["kept"] == kept


def test_stitched_episodes_say_so_and_keep_rec_blank(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        """
        select child_id, episode_end_date, reason_episode_ceased, episode_source, stitch_step, collection_year
        from restricted_marts.fct_episodes where episode_source = 'stitched' order by child_id
        """,
    )
    assert rows == [
        # C1's open 2023 episode, closed on the DECOM of its next episode (2024 return)
        ("C1", dt.date(2023, 7, 1), None, "stitched", "closed_by_next", 2023),
        # H1's open 2024 episode, closed by a short break of the 2025 return
        ("H1", dt.date(2024, 6, 1), None, "stitched", "closed_by_next", 2024),
    ]
