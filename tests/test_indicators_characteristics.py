"""Characteristics at 31 March, rates, reasons ceased and two-year stability, by hand.

The fixture (tests/fixtures/characteristics, see its README) is LA 815 with the returns 2018, 2019
and 2021 loaded and 2020 missing: one child per edge case plus 20 "filler" children in every return.
The rows go straight into the raw tables, `dbt build` runs once for the module (unit tests excluded)
and the rows of rpt_indicators for this family's indicators are compared with values derived below.

Collection year N runs 1 April N-1 to 31 March N. Rates use the ONS 0-17 population of mid-year N-1
(seed population_0_17): 2018 -> 115,686, 2019 -> 114,922, 2021 -> 113,716.
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

FIXTURES = Path(__file__).parent / "fixtures" / "characteristics"
LA_CODE = "815"
RETURNS = (2018, 2019, 2021)
FILLERS = [f"F{i:02d}" for i in range(1, 21)]
POPULATION = {2018: 115_686, 2019: 114_922, 2021: 113_716}

REASONS = (
    "adopted",
    "sgo",
    "cao",
    "returned_home_planned",
    "returned_home_unplanned",
    "independent_living_supported",
    "independent_living_unsupported",
    "adult_social_care",
    "age18_stayed_with_carers",
    "custody",
    "lived_with_non_pr",
    "other_la",
    "other_reason",
)
TOTAL_IDS = (
    "cla_starts_rate",
    "cla_ceases_rate",
    "cla_uasc_31mar",
    "pct_3plus_placements_2yrs",
    *(f"pct_ceased_{reason}" for reason in REASONS),
)

# ------------------------------------------------------------------------------------------------
# Children in each return (fillers F01-F20 in all three):
#   2018: 20 F + SG18, SG19, MV3, B1A                                            = 24 children
#   2019: 20 F + UA4, CE2, SG19, MV3, B1A                                        = 25
#   2021: 20 F + AG16, BD01, UA1, UA2, UA3, UA4, TMP, LSC, NOHDR, PWP            = 30
# Looked after at 31 March: 2018 23 (not SG18, ceased 01/12/2017); 2019 23 (20 F, UA4, MV3, B1A;
# not CE2 or SG19, who ceased); 2021 all 30.
# ------------------------------------------------------------------------------------------------


def _ceased_rows(year: int, denominator: int, numerators: dict[str, int]) -> dict:
    """pct_ceased_* rows of a year: every reason absent from `numerators` has numerator 0."""
    assert denominator <= 5, "the fixture ceases 0 to 5 children a year"
    rows = {}
    for reason in REASONS:
        numerator = numerators.get(reason, 0)
        if denominator == 0:
            rows[(year, f"pct_ceased_{reason}")] = (0, 0, None, "x")
        else:
            # a denominator of 1 to 5 is published c, whatever the numerator
            value = 100 * numerator / denominator
            rows[(year, f"pct_ceased_{reason}")] = (numerator, denominator, value, "c")
    return rows


# (year, indicator) -> (numerator, denominator, value, value_published), Total rows.
EXPECTED_TOTALS: dict[tuple[int, str], tuple[float | None, float | None, float | None, str]] = {
    # -- 2018 -----------------------------------------------------------------------------------
    # Starts: SG19 (RNE S on 01/06/2017) = 1; rate 1 / 115,686 * 10,000 = 0.086 -> c (count 1)
    (2018, "cla_starts_rate"): (1, 115_686, 1 / 115_686 * 10_000, "c"),
    # Ceases: SG18 (E43 on 01/12/2017) = 1 -> c
    (2018, "cla_ceases_rate"): (1, 115_686, 1 / 115_686 * 10_000, "c"),
    # No UASC row in 2018: a true zero
    (2018, "cla_uasc_31mar"): (0, None, 0, "0"),
    # The 2017 return is not loaded: not computable
    (2018, "pct_3plus_placements_2yrs"): (None, None, None, "x"),
    # -- 2019 -----------------------------------------------------------------------------------
    # Starts: CE2 (two S episodes, one child), UA4 = 2; MV3's third placement is RNE P
    (2019, "cla_starts_rate"): (2, 114_922, 2 / 114_922 * 10_000, "c"),
    # Ceases: CE2 (E4A then E13), SG19 (E45) = 2
    (2019, "cla_ceases_rate"): (2, 114_922, 2 / 114_922 * 10_000, "c"),
    # UA4: its latest UASC row (2021) has DUC 01/01/2020, after 31/03/2019 -> UASC = 1 -> c
    (2019, "cla_uasc_31mar"): (1, None, 1, "c"),
    # Cohort: looked after at 31/03/2019 and at 31/03/2018 = 20 F, MV3, B1A = 22 (not UA4, who
    # started on 01/09/2018). 3+ placements in force 01/04/2017-31/03/2019: MV3 (placements from
    # 01/02/2017, 01/09/2017, 01/06/2018) = 1; B1A has 2 (its first placement ended exactly
    # 01/04/2017); fillers 1. 1 / 22 = 4.5% -> c (numerator 1)
    (2019, "pct_3plus_placements_2yrs"): (1, 22, 100 / 22, "c"),
    # -- 2021 -----------------------------------------------------------------------------------
    # Starts: AG16, BD01, UA1, UA2, UA3, TMP, LSC, NOHDR, PWP = 9; 9 / 113,716 * 10,000 = 0.79 -> 1
    (2021, "cla_starts_rate"): (9, 113_716, 9 / 113_716 * 10_000, "1"),
    # Nobody ceased in 2020-21: a true zero
    (2021, "cla_ceases_rate"): (0, 113_716, 0, "0"),
    # UA2 (DUC 01/04/2021), UA3 (no DUC) = 2 -> c; not UA1 (DUC exactly 31/03/2021) or UA4 (2020)
    (2021, "cla_uasc_31mar"): (2, None, 2, "c"),
    # The 2020 return is not loaded: x, although most children were looked after on both dates
    (2021, "pct_3plus_placements_2yrs"): (None, None, None, "x"),
    # Reasons (denominator cla_ceases; last occasion in the year):
    # 2018: SG18 E43 -> sgo 1 of 1 (E43/E44 are the SGO codes to 2017-18)
    **_ceased_rows(2018, 1, {"sgo": 1}),
    # 2019: SG19 E45 -> sgo (E45-E48 from 2018-19); CE2's last cease E13 -> lived_with_non_pr (its
    # earlier E4A does not count: returned_home_planned 0) -> 1 and 1 of 2
    **_ceased_rows(2019, 2, {"sgo": 1, "lived_with_non_pr": 1}),
    # 2021: no child ceased: 0 / 0 is not computable -> x
    **_ceased_rows(2021, 0, {}),
}

# cla_31mar breakdowns in 2021, (topic, breakdown) -> (numerator, value_published). Counts 1-5 are
# c; a topic with exactly one c cell also hides its next smallest non-zero cell (secondary).
EXPECTED_2021_BREAKDOWNS: dict[tuple[str, str], tuple[int, str]] = {
    # Age at 31/03/2021: BD01 (born 01/04/2020) 0; LSC 4; PWP 7; 20 F (14) + TMP (11) = 21;
    # AG16 (16 on the day), UA1-UA4 (16) = 5; NOHDR no DOB. Five c cells: no secondary.
    ("Age band", "Under 1 year"): (1, "c"),
    ("Age band", "1 to 4 years"): (1, "c"),
    ("Age band", "5 to 9 years"): (1, "c"),
    ("Age band", "10 to 15 years"): (21, "21"),
    ("Age band", "16 years and over"): (5, "c"),
    ("Age band", "Not known"): (1, "c"),
    # Male: F01-F10, AG16, UA1-UA4 = 15; Female: F11-F20, BD01, TMP, LSC, PWP = 14; Not known:
    # NOHDR = 1 -> the only c, so the next smallest non-zero cell (Female 14) is suppressed too.
    ("Sex", "Male"): (15, "15"),
    ("Sex", "Female"): (14, "c"),
    ("Sex", "Not known"): (1, "c"),
    # White: 20 F, AG16 (WBRI), TMP (WIRT) = 22; Mixed: BD01; Asian: UA2 (AOTH), LSC (CHNE) = 2;
    # Black: UA3; Other: UA1, UA4 (OOTH) = 2; Refused: PWP (REFU); Not known: NOHDR.
    ("Ethnicity", "White"): (22, "22"),
    ("Ethnicity", "Mixed or Multiple ethnic groups"): (1, "c"),
    ("Ethnicity", "Asian or Asian British"): (2, "c"),
    ("Ethnicity", "Black, African, Caribbean or Black British"): (1, "c"),
    ("Ethnicity", "Other ethnic group"): (2, "c"),
    ("Ethnicity", "Refused or information not yet available"): (1, "c"),
    ("Ethnicity", "Not known"): (1, "c"),
    # UASC: UA2, UA3 = 2 (c), the only c -> Not UASC (28) suppressed too.
    ("UASC status", "UASC"): (2, "c"),
    ("UASC status", "Not UASC"): (28, "c"),
    # LS of the episode in force on 31/03/2021: C1 BD01; C2 20 F, TMP (its temporary episode), PWP
    # = 22; E1 LSC (latest of its three episodes); V2 AG16, UA1-UA4, NOHDR = 6.
    ("Legal status", "Interim care orders"): (1, "c"),
    ("Legal status", "Full care orders"): (22, "22"),
    ("Legal status", "Placement order granted"): (1, "c"),
    ("Legal status", "Freeing order granted"): (0, "0"),
    ("Legal status", "Single period of accommodation under section 20"): (6, "6"),
    ("Legal status", "Detained for child protection"): (0, "0"),
    ("Legal status", "Youth justice legal statuses"): (0, "0"),
    ("Legal status", "Not known"): (0, "0"),
    # CIN of the first episode of the current period: N1 20 F, BD01, TMP, PWP = 23; N2 LSC (its
    # later episodes say N5); N4 AG16; N8 UA1-UA4, NOHDR = 5.
    ("Category of need", "Abuse or neglect"): (23, "23"),
    ("Category of need", "Child's disability"): (1, "c"),
    ("Category of need", "Parental illness or disability"): (0, "0"),
    ("Category of need", "Family in acute stress"): (1, "c"),
    ("Category of need", "Family dysfunction"): (0, "0"),
    ("Category of need", "Socially unacceptable behaviour"): (0, "0"),
    ("Category of need", "Low income"): (0, "0"),
    ("Category of need", "Absent parenting"): (5, "c"),
    ("Category of need", "Not known"): (0, "0"),
    # PLACE of the current placement: foster 20 F (U4), AG16, BD01, LSC (U6), TMP (U4: its T3
    # episode interrupts the foster placement) = 24; P1 PWP; H5 UA1-UA3 and K2 UA4 = 4; R1 NOHDR.
    ("Placement type", "Foster placements"): (24, "24"),
    ("Placement type", "Placed for adoption"): (0, "0"),
    ("Placement type", "Placed with parents or other person with parental responsibility"): (1, "c"),
    ("Placement type", "Other placements in the community"): (0, "0"),
    ("Placement type", "Secure units, children's homes and semi-independent or supported accommodation"): (
        4,
        "c",
    ),
    ("Placement type", "Other residential settings"): (1, "c"),
    ("Placement type", "Residential schools"): (0, "0"),
    ("Placement type", "Other placements"): (0, "0"),
    ("Placement type", "Not known"): (0, "0"),
    # PLACE_PROVIDER of the same episode: PR1 20 F, BD01, TMP (blank on the T3 episode; PR1 on the
    # placement it interrupts), LSC = 23; PR4 AG16, UA1-UA3 = 4; PR5 UA4; PR0 PWP; blank NOHDR.
    ("Placement provider", "Own provision (by the local authority)"): (23, "23"),
    ("Placement provider", "Other local authority provision"): (0, "0"),
    ("Placement provider", "Other public provision"): (0, "0"),
    ("Placement provider", "Private provision"): (4, "c"),
    ("Placement provider", "Voluntary or third sector provision"): (1, "c"),
    ("Placement provider", "Parents or other person with parental responsibility"): (1, "c"),
    ("Placement provider", "Not known"): (1, "c"),
}

# Looked after at 31 March (the headline cla_31mar Total): every topic adds up to it.
CLA_31MAR = {2018: 23, 2019: 23, 2021: 30}


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _read(name: str) -> list[dict]:
    with (FIXTURES / name).open(newline="") as f:
        return list(csv.DictReader(f))


def _provenance(year: int, table: str, row_number: int) -> dict:
    return {
        "load_id": "fixture",
        "la_code": LA_CODE,
        "collection_year": year,
        "source_file": f"{LA_CODE}/ssda903/{year}/{table}.csv",
        "source_row": row_number,
    }


def _episode_rows() -> list[dict]:
    listed = _read("episodes.csv")
    filler = {"decom": "2015-06-01", "rne": "S", "ls": "C2", "cin": "N1", "place": "U4", "provider": "PR1"}
    listed += [
        {"return_year": str(year), "child": child, "dec": "", "rec": "", **filler}
        for year in RETURNS
        for child in FILLERS
    ]
    rows = []
    for year in RETURNS:
        in_return = [r for r in listed if int(r["return_year"]) == year]
        for row_number, r in enumerate(in_return, start=2):
            rows.append(
                {
                    "child": r["child"],
                    "decom": _date(r["decom"]),
                    "rne": r["rne"],
                    "ls": r["ls"],
                    "cin": r["cin"],
                    "place": r["place"],
                    "place_provider": r["provider"] or None,
                    "dec": _date(r["dec"]),
                    "rec": r["rec"] or None,
                    **_provenance(year, "episodes", row_number),
                }
            )
    return rows


def _header_rows(episodes: list[dict]) -> list[dict]:
    """One header per child per return that has its episodes; none for a child without a DOB."""
    children = {r["child"]: r for r in _read("children.csv")}
    children.update(
        {
            child: {"dob": "2006-05-05", "sex": "1" if i < 10 else "2", "ethnic": "WBRI"}
            for i, child in enumerate(FILLERS)
        }
    )
    rows = []
    for year in RETURNS:
        in_return = sorted({e["child"] for e in episodes if e["collection_year"] == year})
        with_header = [c for c in in_return if children[c]["dob"]]
        for row_number, child in enumerate(with_header, start=2):
            facts = children[child]
            rows.append(
                {
                    "child": child,
                    "sex": facts["sex"],
                    "dob": _date(facts["dob"]),
                    "ethnic": facts["ethnic"],
                    "upn": "UN1",
                    **_provenance(year, "header", row_number),
                }
            )
    return rows


def _uasc_rows() -> list[dict]:
    rows = []
    for year in RETURNS:
        in_return = [r for r in _read("uasc.csv") if int(r["return_year"]) == year]
        for row_number, r in enumerate(in_return, start=2):
            rows.append(
                {
                    "child": r["child"],
                    "sex": "1",
                    "dob": _date(r["dob"]),
                    "duc": _date(r["duc"]),
                    **_provenance(year, "uasc", row_number),
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
    tables = {"episodes": episodes, "header": _header_rows(episodes), "uasc": _uasc_rows()}
    loads = [
        {
            **_provenance(year, table, 0),
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
    for load in loads:
        del load["source_row"]
    with duckdb.connect(str(path)) as con:
        create_raw_tables(con)
        for table, rows in tables.items():
            _insert(con, f"raw_ssda903.{table}", rows)
        _insert(con, "raw_audit.load_log", loads)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("characteristics_fixture")
    paths = BuildPaths(work)
    _load_raw(paths.database)
    lines: list[str] = []
    result = run_dbt_build(paths, on_line=lines.append)
    assert result.return_code == 0, "\n".join(lines[-80:])
    return paths.database


def _query(path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


def test_total_rows_match_the_hand_derived_values(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        f"""
        select time_period, indicator, breakdown_topic, breakdown, numerator, denominator, value,
            value_published
        from reporting.rpt_indicators
        where indicator in ({", ".join("?" for _ in TOTAL_IDS)})
        """,
        list(TOTAL_IDS),
    )
    actual = {(r[0], r[1]): r for r in rows}
    assert set(actual) == set(EXPECTED_TOTALS)
    for key, (numerator, denominator, value, published) in EXPECTED_TOTALS.items():
        row = actual[key]
        assert row[2:4] == ("Total", "Total"), key
        assert row[4] == numerator, (key, "numerator")
        assert row[5] == (None if denominator is None else pytest.approx(denominator)), (key, "denominator")
        assert row[6] == (None if value is None else pytest.approx(value, rel=1e-12)), (key, "value")
        assert row[7] == published, (key, "value_published")


def test_ceased_shares_with_a_denominator_of_one_to_five_are_suppressed(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select distinct value_published from reporting.rpt_indicators "
        "where indicator like 'pct_ceased_%' and time_period in (2018, 2019)",
    )
    assert rows == [("c",)]


def test_cla_31mar_breakdowns_in_2021_match_the_hand_derived_values(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        """
        select breakdown_topic, breakdown, numerator, denominator, value_published, unit
        from reporting.rpt_indicators
        where indicator = 'cla_31mar' and time_period = 2021 and breakdown_topic <> 'Total'
        """,
    )
    actual = {(r[0], r[1]): r[2:] for r in rows}
    assert set(actual) == set(EXPECTED_2021_BREAKDOWNS)
    for key, (numerator, published) in EXPECTED_2021_BREAKDOWNS.items():
        assert actual[key] == (numerator, None, published, "count"), key


def test_every_topic_adds_up_to_the_total_in_every_year(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        """
        select time_period, breakdown_topic, sum(numerator), count(*)
        from reporting.rpt_indicators
        where indicator = 'cla_31mar' and breakdown_topic <> 'Total'
        group by time_period, breakdown_topic
        """,
    )
    topics_2021 = {topic for topic, _ in EXPECTED_2021_BREAKDOWNS}
    n_categories = {topic: sum(1 for t, _ in EXPECTED_2021_BREAKDOWNS if t == topic) for topic in topics_2021}
    assert {(year, topic) for year, topic, _, _ in rows} == {(y, t) for y in RETURNS for t in topics_2021}
    for year, topic, total, n_rows in rows:
        assert total == CLA_31MAR[year], (year, topic)
        # every category is published every year, zeros included
        assert n_rows == n_categories[topic], (year, topic)


def test_2019_cells_of_children_seen_only_in_earlier_years(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        """
        select breakdown_topic, breakdown, numerator from reporting.rpt_indicators
        where indicator = 'cla_31mar' and time_period = 2019
            and breakdown in ('5 to 9 years', '10 to 15 years', 'UASC', 'Not UASC')
        """,
    )
    assert sorted(rows) == [
        # B1A (6 at 31/03/2019); 20 F (12), MV3 (10), UA4 (14)
        ("Age band", "10 to 15 years", 22),
        ("Age band", "5 to 9 years", 1),
        # UA4 (DUC 01/01/2020 in the 2021 row, after 31/03/2019); the other 22 are not UASC
        ("UASC status", "Not UASC", 22),
        ("UASC status", "UASC", 1),
    ]


def test_child_years_carry_the_rules_behind_the_cells(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        """
        select collection_year, child_id, age_band, legal_status_31mar, category_of_need_31mar,
            placement_type_31mar, placement_provider_31mar, is_uasc_31mar, last_reason_episode_ceased,
            reason_ceased_group, in_two_year_stability_cohort, n_placements_2yrs
        from restricted_marts.fct_child_years
        where child_id in ('AG16', 'BD01', 'TMP', 'LSC', 'CE2', 'SG18', 'SG19', 'UA1', 'UA4', 'MV3', 'B1A')
        order by collection_year, child_id
        """,
    )
    assert rows == [
        # 2018: the 2017 return is not loaded, so no two-year facts
        (2018, "B1A", "5 to 9 years", "C2", "N1", "U5", "PR1", False, None, None, None, None),
        (2018, "MV3", "5 to 9 years", "C2", "N1", "U4", "PR1", False, None, None, None, None),
        (2018, "SG18", "5 to 9 years", None, None, None, None, False, "E43", "sgo", None, None),
        (2018, "SG19", "5 to 9 years", "C2", "N1", "U1", "PR1", False, None, None, None, None),
        # 2019: CE2 ceased twice (E4A, then E13: the last occasion counts)
        (2019, "B1A", "5 to 9 years", "C2", "N1", "U5", "PR1", False, None, None, True, 2),
        (2019, "CE2", "5 to 9 years", None, None, None, None, False, "E13", "lived_with_non_pr", False, 2),
        (2019, "MV3", "10 to 15 years", "C2", "N1", "U5", "PR4", False, None, None, True, 3),
        (2019, "SG19", "5 to 9 years", None, None, None, None, False, "E45", "sgo", False, 1),
        # UA4 looked after at 31/03/2019 but absent from the 2018 return: not in the cohort
        (2019, "UA4", "10 to 15 years", "V2", "N8", "K2", "PR5", True, None, None, False, 1),
        # 2021: the 2020 return is not loaded
        (2021, "AG16", "16 years and over", "V2", "N4", "U6", "PR4", False, None, None, None, None),
        (2021, "BD01", "Under 1 year", "C1", "N1", "U6", "PR1", False, None, None, None, None),
        (2021, "LSC", "1 to 4 years", "E1", "N2", "U6", "PR1", False, None, None, None, None),
        (2021, "TMP", "10 to 15 years", "C2", "N1", "U4", "PR1", False, None, None, None, None),
        (2021, "UA1", "16 years and over", "V2", "N8", "H5", "PR4", False, None, None, None, None),
        (2021, "UA4", "16 years and over", "V2", "N8", "K2", "PR5", False, None, None, None, None),
    ]
