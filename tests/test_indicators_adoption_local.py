"""Adoption timeliness and the local outcome measures on a hand-built LA, against hand-derived values.

The fixture (tests/fixtures/adoption_local, see its README) is LA 815 over the returns 2022 to 2025:
one child per rule of docs/indicator-conventions.md ("Adoption timeliness and local outcome
measures") plus five identical filler adoptions in 2025. The rows go straight into the raw tables,
`dbt build` runs once for the module (unit tests excluded), and every row of rpt_indicators for the
adoption and local families is compared with the value derived below. Cohort logic is asserted on
the child-level models (fct_adoptions, int_care_exits_followed).

Collection year N runs 1 April N-1 to 31 March N. Days are DEC-style differences: the later date
minus the earlier (a stage from 1 May to 1 June is 31 days).
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

FIXTURES = Path(__file__).parent / "fixtures" / "adoption_local"
LA_CODE = "815"
RETURNS = (2022, 2023, 2024, 2025)
FILLERS = [f"FA{i:02d}" for i in range(1, 6)]
FILLER_EPISODES = [
    # entry 2023-04-01, placement order 2023-10-02, placed 2024-04-01, adopted 2024-12-02 (year 2025)
    {"decom": "2023-04-01", "rne": "S", "ls": "C2", "place": "U4", "dec": "2023-10-02", "rec": "X1"},
    {"decom": "2023-10-02", "rne": "L", "ls": "E1", "place": "U4", "dec": "2024-04-01", "rec": "X1"},
    {"decom": "2024-04-01", "rne": "P", "ls": "E1", "place": "A6", "dec": "2024-12-02", "rec": "E11"},
]
# decision 2023-09-01, match 2024-02-01, not the foster carers
FILLER_ADOPTION = {
    "return_year": "2025",
    "date_int": "2023-09-01",
    "date_match": "2024-02-01",
    "foster_care": "0",
}

# ------------------------------------------------------------------------------------------------
# Each adopted child's stage dates ("*" = only a lower bound) and days per stage, derived by hand
# ("-" = left out, with the reason). Days: e>d entry to decision, d>m decision to match, m>p match to
# placed, e>p entry to placed (= A1), p>a placed to adoption, e>a entry to adoption.
#
#    year entry       decision    match       order       placed      adopted
# AY 2022 2021-04-10  2021-06-15  2021-08-01  (none)      2021-09-01  2022-03-01
# AC 2023 2020-10-01* 2021-05-01  2021-12-01  2021-08-01  2022-01-10  2022-11-15
# AA 2024 2022-05-01  2022-11-01  2023-04-20  2023-01-10  2023-06-01  2024-01-15
# AP 2024 2022-07-01  2023-02-01  (none)      (none)      (none)      2023-12-01
# AN 2024 2022-10-01  (no AD1)    (no AD1)    2023-03-01  2023-07-01  2024-02-01
# AK 2024 2022-06-01  2023-03-15  2024-01-05  2023-05-01  2024-03-15  2024-03-28
# AM 2025 2023-02-01  2023-08-01  2024-01-10  2024-02-01  2024-03-01  2025-01-20
# AF 2025 2022-09-01  2023-05-01  2023-12-01  2023-09-15  2024-02-01  2024-11-30
# AL 2025 2023-10-01  2024-02-29  2025-01-15  2024-04-01  2025-03-01  2025-03-20
# FA 2025 2023-04-01  2023-09-01  2024-02-01  2023-10-02  2024-04-01  2024-12-02   (x5)
#
#     e>d  d>m  m>p  e>p  p>a  e>a   A2  A10
# AY   66   47   31  144  181  325    -  144  A2 -: no placement order (placed with consent)
# AC    -  214   40    -  309    -  122    -  * first known episode has RNE P: entry only a lower
#                                             bound, out of every stage from entry; the order (RNE L,
#                                             later) is known: A2 1 Aug -> 1 Dec 2021 = 31+30+31+30
# AA  184  170   42  396  228  624  100  396  e>d 31+30+31+31+30+31; d>m 30+31+31+28+31 = 151, +19;
#                                             m>p 11+31; e>p 365+31; p>a Jun-Dec 214, +14;
#                                             A2 10 Jan -> 20 Apr 2023 = 22+28+31+19
# AP  215    -    -    -    -  518    -    0  adopted by its foster carers, never placed for adoption:
#                                             A10 = entry -> start of the placement it was adopted
#                                             from (2022-07-01) = 0; e>d 31+31+30+31+30+31+31;
#                                             e>a 365 + 153
# AN    -    -    -  273  215  488    -  273  no AD1 row (A2 -: no match); e>p Oct-Jun
#                                             31+30+31+31+28+31+30+31+30; p>a Jul-Jan 215
# AK  287  296   70  653   13  666  249  653  e>d 273 + 14; d>m 17+30+31+30+31+31+30+31+30+31 = 292,
#                                             +4; m>p 27+29+14 (leap February); A2 May-Dec 245 + 4
# AM  181  162   51  394  325  719    0  394  A2: matched (10 Jan) before the placement order
#                                             (1 Feb) -> 0; m>p 22+29 (leap February)
# AF  242  214   62  518  303  821   77   91  adopted by its foster carers (A5, RNE T: the placement
#                                             that started 2022-12-01): A10 = 30+31+30 = 91, A1 =
#                                             518; A2 15 Sep -> 1 Dec = 16+31+30
# AL  151  321   45  517   19  536  289  517  d>m 1 + 306 + 14; e>p 366 + 151; A2 275 + 14
# FA  153  153   60  366  245  611  122  366  (x5) e>p crosses 29 Feb 2024; A2 30+30+31+31
#
# Placed within 12 months of the decision (same day 12 months later, 29 Feb -> 28 Feb):
#   AY, AC, AA, AM, AF, FA x5 yes; AK yes (15 Mar 2023 -> 15 Mar 2024 is 12 months although 366
#   days); AL no (29 Feb 2024 -> deadline 28 Feb 2025, placed 1 Mar 2025); AP (not placed) and AN
#   (no decision) out.
#
# Periods of care ending with a cease, by the year of DEC (days = DEC - start; 28 or fewer = short):
#   2022: AY 325; LU start only a lower bound (21 days: unknown, left out)
#   2023: AC lower bound 775 days (> 28: known long, but no length for the mean); R365 90;
#         R366 9; RP 31; RN 11; RT 11 and 61 (last cease 61); RS 17
#   2024: S28 28 (E4A); S29 29; SH 10 (E3); AA 624; AP 518; AN 488; AK 666
#   2025: AM 719; AF 821; AL 536; FA 611 x5
# First returns home (E4A/E4B) and re-entry (next period of care 0-365 days after DEC):
#   2022: LU (never back) | 2023: R365 yes (1 Mar 2023 -> 29 Feb 2024 = 365), R366 no (366),
#   RP yes (RNE P after a cease starts a period: 91), RN no, RT yes (first return 1 May, back
#   1 Jun), RS no (a short break is not care) | 2024: S28 no
# ------------------------------------------------------------------------------------------------
X = (None, None, None, "x")  # not computable: a pooled or previous return is not loaded

EXPECTED: dict[tuple[int, str], tuple[float | None, float | None, float | None, str]] = {
    # -- 2022: AY only --------------------------------------------------------------------------
    (2022, "adoption_days_entry_to_decision"): (66, 1, 66, "c"),  # a mean over 1-5 children: c
    (2022, "adoption_days_decision_to_match"): (47, 1, 47, "c"),
    (2022, "adoption_days_match_to_placed"): (31, 1, 31, "c"),
    (2022, "adoption_days_entry_to_placed"): (144, 1, 144, "c"),
    (2022, "adoption_days_placed_to_adoption"): (181, 1, 181, "c"),
    (2022, "adoption_days_entry_to_adoption"): (325, 1, 325, "c"),
    (2022, "adoption_a1_days"): X,  # pool 2020-2022: 2020 and 2021 not loaded
    (2022, "adoption_a2_days"): X,
    (2022, "adoption_a10_days"): X,
    (2022, "pct_adopted_placed_within_12m_of_decision"): (1, 1, 100, "c"),  # AY
    # -- 2023: AC only (entry only a lower bound) -----------------------------------------------
    (2023, "adoption_days_entry_to_decision"): (0, 0, None, "x"),  # nobody with a known entry
    (2023, "adoption_days_decision_to_match"): (214, 1, 214, "c"),
    (2023, "adoption_days_match_to_placed"): (40, 1, 40, "c"),
    (2023, "adoption_days_entry_to_placed"): (0, 0, None, "x"),
    (2023, "adoption_days_placed_to_adoption"): (309, 1, 309, "c"),
    (2023, "adoption_days_entry_to_adoption"): (0, 0, None, "x"),
    (2023, "adoption_a1_days"): X,  # pool 2021-2023: 2021 not loaded (AC still counts later)
    (2023, "adoption_a2_days"): X,
    (2023, "adoption_a10_days"): X,
    (2023, "pct_adopted_placed_within_12m_of_decision"): (1, 1, 100, "c"),  # AC
    # -- 2024: AA, AP, AN, AK -------------------------------------------------------------------
    (2024, "adoption_days_entry_to_decision"): (686, 3, 686 / 3, "c"),  # AA 184 + AP 215 + AK 287
    (2024, "adoption_days_decision_to_match"): (466, 2, 233, "c"),  # AA 170 + AK 296
    (2024, "adoption_days_match_to_placed"): (112, 2, 56, "c"),  # AA 42 + AK 70
    (2024, "adoption_days_entry_to_placed"): (1322, 3, 1322 / 3, "c"),  # AA 396 + AN 273 + AK 653
    (2024, "adoption_days_placed_to_adoption"): (456, 3, 152, "c"),  # AA 228 + AN 215 + AK 13
    (2024, "adoption_days_entry_to_adoption"): (2296, 4, 574, "c"),  # 624 + 518 + 488 + 666
    # pool 2022-2024: AY 144 + (AC out) + 1322 = 1466 over 4
    (2024, "adoption_a1_days"): (1466, 4, 366.5, "c"),
    # AC 122 + AA 100 + AK 249 = 471 over 3 (AY: no order; AP: not placed; AN: no match)
    (2024, "adoption_a2_days"): (471, 3, 157, "c"),
    # AY 144 + AA 396 + AP 0 + AN 273 + AK 653 = 1466 over 5
    (2024, "adoption_a10_days"): (1466, 5, 293.2, "c"),
    (2024, "pct_adopted_placed_within_12m_of_decision"): (2, 2, 100, "c"),  # AA, AK (not AP, AN)
    # -- 2025: AM, AF, AL, FA01-FA05 ------------------------------------------------------------
    # 181 + 242 + 151 + 5 x 153 = 1339 / 8 = 167.375 -> 167.4
    (2025, "adoption_days_entry_to_decision"): (1339, 8, 167.375, "167.4"),
    # 162 + 214 + 321 + 5 x 153 = 1462 / 8 = 182.75 -> 182.8 (half up)
    (2025, "adoption_days_decision_to_match"): (1462, 8, 182.75, "182.8"),
    # 51 + 62 + 45 + 5 x 60 = 458 / 8 = 57.25 -> 57.3 (half up; banker's rounding gives 57.2)
    (2025, "adoption_days_match_to_placed"): (458, 8, 57.25, "57.3"),
    # 394 + 518 + 517 + 5 x 366 = 3259 / 8 = 407.375 -> 407.4
    (2025, "adoption_days_entry_to_placed"): (3259, 8, 407.375, "407.4"),
    # 325 + 303 + 19 + 5 x 245 = 1872 / 8 = 234 -> 234.0
    (2025, "adoption_days_placed_to_adoption"): (1872, 8, 234, "234.0"),
    # 719 + 821 + 536 + 5 x 611 = 5131 / 8 = 641.375 -> 641.4
    (2025, "adoption_days_entry_to_adoption"): (5131, 8, 641.375, "641.4"),
    # pool 2023-2025: (AC out) 1322 (3) + 3259 (8) = 4581 / 11 = 416.45 -> 416
    (2025, "adoption_a1_days"): (4581, 11, 4581 / 11, "416"),
    # AC 122 + AA 100 + AK 249 + AM 0 + AF 77 + AL 289 + 5 x 122 = 1447 / 11 = 131.5 -> 132
    (2025, "adoption_a2_days"): (1447, 11, 1447 / 11, "132"),
    # AA 396 + AP 0 + AN 273 + AK 653 + AM 394 + AF 91 + AL 517 + 5 x 366 = 4154 / 12 = 346.2 -> 346
    (2025, "adoption_a10_days"): (4154, 12, 4154 / 12, "346"),
    # all but AL: 7 / 8 = 87.5 -> 88
    (2025, "pct_adopted_placed_within_12m_of_decision"): (7, 8, 87.5, "88"),
    # -- local measures -------------------------------------------------------------------------
    # 2022: last ceases AY (325: long) and LU (unknown: left out) -> 0 of 1
    (2022, "local_pct_ceased_within_28d"): (0, 1, 0, "c"),
    (2022, "local_pct_short_period_returned_home"): (0, 0, None, "x"),
    (2022, "local_pct_reentry_12m_after_return_home"): X,  # cohort year 2021 not loaded
    (2022, "local_mean_days_in_care_ceased"): (325, 1, 325, "c"),  # AY (LU's length unknown)
    # 2023: R366 9, RN 11, RS 17 short of AC, R365, R366, RP, RN, RT (last: 61), RS
    (2023, "local_pct_ceased_within_28d"): (3, 7, 3 / 7 * 100, "c"),
    (2023, "local_pct_short_period_returned_home"): (3, 3, 100, "c"),  # all three E4A
    (2023, "local_pct_reentry_12m_after_return_home"): (0, 1, 0, "c"),  # LU (2022), never back
    # 90 + 9 + 31 + 11 + 11 + 61 + 17 = 230 over 7 periods (AC out) = 32.857 -> 32.9
    (2023, "local_mean_days_in_care_ceased"): (230, 7, 230 / 7, "32.9"),
    # 2024: S28 (28) and SH (10) short of S28, S29, SH, AA, AP, AN, AK
    (2024, "local_pct_ceased_within_28d"): (2, 7, 2 / 7 * 100, "c"),
    (2024, "local_pct_short_period_returned_home"): (1, 2, 50, "c"),  # S28 (SH went to another LA)
    # cohort 2023: R365, R366, RP, RN, RT, RS; back within 365 days: R365, RP, RT
    (2024, "local_pct_reentry_12m_after_return_home"): (3, 6, 50, "c"),
    # 28 + 29 + 10 + 624 + 518 + 488 + 666 = 2363 / 7 = 337.571 -> 337.6
    (2024, "local_mean_days_in_care_ceased"): (2363, 7, 2363 / 7, "337.6"),
    # 2025: only the eight adoptions, none short -> a true zero
    (2025, "local_pct_ceased_within_28d"): (0, 8, 0, "0"),
    (2025, "local_pct_short_period_returned_home"): (0, 0, None, "x"),
    (2025, "local_pct_reentry_12m_after_return_home"): (0, 1, 0, "c"),  # S28 (2024), never back
    (2025, "local_mean_days_in_care_ceased"): (5131, 8, 641.375, "641.4"),  # 719 + 821 + 536 + 5 x 611
}

INDICATORS = sorted({indicator for _, indicator in EXPECTED})
UNITS = {i: "percent" if "pct_" in i else "mean" for i in INDICATORS}


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _provenance(year: int, table: str) -> dict:
    return {
        "load_id": "fixture",
        "la_code": LA_CODE,
        "collection_year": year,
        "source_file": f"{LA_CODE}/ssda903/{year}/{table}.csv",
    }


def _read(name: str) -> list[dict]:
    with (FIXTURES / name).open(newline="") as f:
        return list(csv.DictReader(f))


def _histories() -> list[dict]:
    """Every child's whole episode history, the fillers' included."""
    fillers = [{"child": c, "pl_post": "F1 1AA", **e} for c in FILLERS for e in FILLER_EPISODES]
    return _read("episodes.csv") + fillers


def _in_return(episode: dict, year: int) -> bool:
    start, end = dt.date(year - 1, 4, 1), dt.date(year, 3, 31)
    dec = _date(episode["dec"])
    return _date(episode["decom"]) <= end and (dec is None or dec >= start)


def _episode_rows() -> list[dict]:
    """Each return's episode rows, cut from the histories as the README describes."""
    rows = []
    for year in RETURNS:
        end = dt.date(year, 3, 31)
        in_return = [e for e in _histories() if _in_return(e, year)]
        for row_number, e in enumerate(in_return, start=2):
            dec = _date(e["dec"])
            closed = dec is not None and dec <= end
            rows.append(
                {
                    "child": e["child"],
                    "decom": _date(e["decom"]),
                    "rne": e["rne"],
                    "ls": e["ls"],
                    "cin": "N1",
                    "place": e["place"],
                    "place_provider": "PR1",
                    "dec": dec if closed else None,
                    "rec": e["rec"] if closed else None,
                    "pl_post": e["pl_post"],
                    **_provenance(year, "episodes"),
                    "source_row": row_number,
                }
            )
    return rows


def _header_rows(episodes: list[dict]) -> list[dict]:
    """One header per child per return that has its episodes (every child born 1 January 2015)."""
    rows = []
    for year in RETURNS:
        children = sorted({e["child"] for e in episodes if e["collection_year"] == year})
        for row_number, child in enumerate(children, start=2):
            rows.append(
                {
                    "child": child,
                    "sex": "M" if year >= 2025 else "1",
                    "dob": dt.date(2015, 1, 1),
                    "ethnic": "WBRI",
                    "upn": "UN1",
                    **_provenance(year, "header"),
                    "source_row": row_number,
                }
            )
    return rows


def _adoption_rows() -> list[dict]:
    listed = _read("adoptions.csv") + [{"child": c, **FILLER_ADOPTION} for c in FILLERS]
    rows = []
    for row_number, r in enumerate(listed, start=2):
        rows.append(
            {
                "child": r["child"],
                "dob": dt.date(2015, 1, 1),
                "date_int": _date(r["date_int"]),
                "date_match": _date(r["date_match"]),
                "foster_care": r["foster_care"] == "1",
                "nb_adoptr": "2",
                **_provenance(int(r["return_year"]), "ad1"),
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
    tables = {"episodes": episodes, "header": _header_rows(episodes), "ad1": _adoption_rows()}
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
        for table, rows in tables.items()
        for year in RETURNS
        if (n := sum(1 for r in rows if r["collection_year"] == year))
    ]
    with duckdb.connect(str(path)) as con:
        create_raw_tables(con)
        for table, rows in tables.items():
            _insert(con, f"raw_ssda903.{table}", rows)
        _insert(con, "raw_audit.load_log", loads)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("adoption_local_fixture")
    paths = BuildPaths(work)
    _load_raw(paths.database)
    lines: list[str] = []
    result = run_dbt_build(paths, on_line=lines.append)
    assert result.return_code == 0, "\n".join(lines[-80:])
    return paths.database


def _query(path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


def _approx(value: float | None) -> object:
    return None if value is None else pytest.approx(value, rel=1e-12)


def test_every_adoption_and_local_row_matches_the_hand_derived_value(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        """
        select time_period, indicator, breakdown_topic, breakdown, numerator, denominator, value,
            value_published, unit
        from reporting.rpt_indicators
        where indicator in (select unnest(?))
        """,
        [INDICATORS],
    )
    actual = {(r[0], r[1]): r for r in rows}
    assert set(actual) == set(EXPECTED)
    assert len(rows) == len(EXPECTED)
    for (year, indicator), (numerator, denominator, value, published) in EXPECTED.items():
        row = actual[(year, indicator)]
        assert row[2:4] == ("Total", "Total"), (year, indicator)
        assert row[4] == _approx(numerator), (year, indicator, "numerator")
        assert row[5] == _approx(denominator), (year, indicator, "denominator")
        assert row[6] == _approx(value), (year, indicator, "value")
        assert row[7] == published, (year, indicator, "value_published")
        assert row[8] == UNITS[indicator], (year, indicator, "unit")


def test_catalogue_marks_the_local_measures_as_local(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select indicator, label, measure_source from reporting.rpt_indicator_definitions"
        " where indicator in (select unnest(?))",
        [INDICATORS],
    )
    assert len(rows) == len(INDICATORS)
    for indicator, label, source in rows:
        local = indicator.startswith("local_")
        assert source == ("Local" if local else "DfE"), indicator
        assert label.startswith("Local measure: ") == local, indicator


def test_adopted_children_and_their_stage_dates(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        """
        select child_id, collection_year, is_entry_date_lower_bound, placed_for_adoption_date,
            placement_order_date, moved_in_date, days_entry_to_placed, days_a2, days_a10,
            is_placed_within_12m_of_decision
        from restricted_marts.fct_adoptions
        where child_id not like 'FA%'
        order by child_id
        """,
    )
    d = dt.date
    assert rows == [
        # child, year, entry a lower bound, placed, placement order, moved in, A1, A2, A10, within 12m
        ("AA", 2024, False, d(2023, 6, 1), d(2023, 1, 10), d(2023, 6, 1), 396, 100, 396, True),
        # the lower-bound entry leaves A1 and A10 out; the order (RNE L, later) is known: A2 counts
        ("AC", 2023, True, d(2022, 1, 10), d(2021, 8, 1), d(2022, 1, 10), None, 122, None, True),
        # A5 with the foster carers (RNE T): moved in when the foster placement began
        ("AF", 2025, False, d(2024, 2, 1), d(2023, 9, 15), d(2022, 12, 1), 518, 77, 91, True),
        # 15 March 2023 -> 15 March 2024: 12 months (366 days) is still within
        ("AK", 2024, False, d(2024, 3, 15), d(2023, 5, 1), d(2024, 3, 15), 653, 249, 653, True),
        # 29 February 2024 + 12 months = 28 February 2025: placed 1 March 2025 is not within
        ("AL", 2025, False, d(2025, 3, 1), d(2024, 4, 1), d(2025, 3, 1), 517, 289, 517, False),
        # matched before the placement order: A2 = 0
        ("AM", 2025, False, d(2024, 3, 1), d(2024, 2, 1), d(2024, 3, 1), 394, 0, 394, True),
        # no AD1 row: no decision, no match, not adopted by foster carers
        ("AN", 2024, False, d(2023, 7, 1), d(2023, 3, 1), d(2023, 7, 1), 273, None, 273, None),
        # foster carers, never placed for adoption: A1 out, A10 = 0
        ("AP", 2024, False, None, None, d(2022, 7, 1), None, None, 0, None),
        # placed with consent: no placement order, A2 out
        ("AY", 2022, False, d(2021, 9, 1), None, d(2021, 9, 1), 144, None, 144, True),
    ]


def test_every_adopted_child_counts_in_its_own_return_year(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select collection_year, count(*) from restricted_marts.fct_adoptions"
        " where is_in_adoption_year_return group by 1 order by 1",
    )
    assert rows == [(2022, 1), (2023, 1), (2024, 4), (2025, 8)]


def test_periods_of_care_lengths_and_the_28_day_rule(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        """
        select child_id, collection_year, is_start_lower_bound, days_in_care, is_within_28_days,
            is_last_cease_in_year
        from restricted_intermediate.int_care_exits_followed
        where child_id in ('S28', 'S29', 'SH', 'LU', 'AC', 'RT')
        order by child_id, period_of_care_number
        """,
    )
    assert rows == [
        ("AC", 2023, True, None, False, True),  # lower bound 775 days: known to be long
        ("LU", 2022, True, None, None, True),  # lower bound 21 days: unknown
        ("RT", 2023, False, 11, True, False),  # first of two ceases in 2023
        ("RT", 2023, False, 61, False, True),  # the last cease of the year is the one counted
        ("S28", 2024, False, 28, True, True),  # 1 June -> 29 June: 28 days
        ("S29", 2024, False, 29, False, True),
        ("SH", 2024, False, 10, True, True),
    ]


def test_reentry_cohort_of_children_who_returned_home(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        """
        select child_id, collection_year, days_to_next_period, is_reentered_within_365_days
        from restricted_intermediate.int_care_exits_followed
        where is_first_return_home_in_year and is_in_cease_year_return
        order by collection_year, child_id
        """,
    )
    assert rows == [
        ("LU", 2022, None, False),
        ("R365", 2023, 365, True),  # 1 March 2023 -> 29 February 2024
        ("R366", 2023, 366, False),  # 1 March 2023 -> 1 March 2024
        ("RN", 2023, None, False),
        ("RP", 2023, 91, True),  # back with RNE P: a new period by rule 6
        ("RS", 2023, None, False),  # a short break is no period of care
        ("RT", 2023, 31, True),  # the first of its two returns home
        ("S28", 2024, None, False),
    ]
