"""OC2 (SDQ, health), OC3 (care leavers) and social worker indicators on a hand-built LA.

The fixture (tests/fixtures/outcomes, see its README) is LA 815 over the returns 2021, 2022 and 2025:
one child per rule of indicator-conventions.md ("Outcomes from the whole SSDA903 return" and the
project additions "OC2, OC3 and social workers"), plus fillers generated below. Only the 2025 return
has the OC2 and social worker tables; all three have OC3. The rows go straight into the raw tables,
`dbt build` runs once for the module, and every row of these families in rpt_indicators is compared
with the value derived by hand below. The cohort models are checked child by child.

Collection year 2025 runs 1 April 2024 to 31 March 2025; ages are at 31 March of the year.
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

FIXTURES = Path(__file__).parent / "fixtures" / "outcomes"
LA_CODE = "815"
RETURNS = (2021, 2022, 2025)

# Fillers of the 2025 return: F01-F20 in the CLA 12 months cohort (aged 10, SDQ 10, health
# assessment, dental check and immunisations 1; F01-F05 have 3 social workers in the year, the
# others 1); G01-G06 care leavers aged 17 (in touch, F2, C1).
CLA_FILLERS = [f"F{i:02d}" for i in range(1, 21)]
CLA_FILLERS_3_WORKERS = CLA_FILLERS[:5]
LEAVER_FILLERS = [f"G{i:02d}" for i in range(1, 7)]
CLA_FILLER_DOB = "2014-06-01"
LEAVER_FILLER_DOB = "2007-08-01"
OC2_DOB_WITHOUT_HEADER = "2012-01-01"  # ND's OC2 row: the OC2 DOB is never used

OC2_INDICATORS = (
    "pct_sdq_received",
    "sdq_mean_score",
    "pct_sdq_normal_0_13",
    "pct_sdq_borderline_14_16",
    "pct_sdq_concern_17_40",
    "pct_health_assessment",
    "pct_dental_check",
    "pct_immunisations",
    "pct_dev_assessment_0_4",
    "pct_convicted_10_17",
    "pct_substance_misuse",
    "pct_substance_misuse_intervention_received",
    "pct_substance_misuse_intervention_refused",
)
LEAVER_SUFFIXES = (
    "eet",
    "neet",
    "activity_not_known",
    "higher_education",
    "education_other_than_he",
    "apprenticeship",
    "training_employment_excl_apprenticeship",
    "suitable_accom",
    "unsuitable_accom",
    "accom_not_known",
    "in_touch",
    "staying_put",
)
LEAVER_INDICATORS = tuple(
    indicator
    for age in ("17_18", "19_21")
    for indicator in (f"care_leavers_{age}", *(f"pct_care_leavers_{age}_{s}" for s in LEAVER_SUFFIXES))
)
OUR_INDICATORS = (*OC2_INDICATORS, *LEAVER_INDICATORS, "pct_3plus_social_workers")

Expected = tuple[float | None, float | None, float | None, str]  # numerator, denominator, value, published


def _pct(numerator: float, denominator: float, published: str) -> Expected:
    return (numerator, denominator, 100 * numerator / denominator, published)


NOT_AVAILABLE: Expected = (None, None, None, "x")  # the return has no such table

# ------------------------------------------------------------------------------------------------
# 2025. CLA 12 months cohort (looked after at 31/03/2025 in a period started by 01/04/2024):
#   F01-F20, P1 (started 01/04/2024), P3 (X1 move), P5 (short break then care from 01/04/2024),
#   A16, S17, S40, SR, A4, A5, A17, U1, C9, C10, NR (no OC2 row), ND (no DOB), SM1, SM2, SM3 = 38.
#   Out: P2 (started 02/04/2024), P4 (ceased and came back), O1 (ceased; its OC2 row is ignored).
# Aged 5-16: F x20, P1, P3, P5, A16, S17, S40, SR, A5, C9, C10, NR, SM1, SM2, SM3 = 34
#   (not A4 aged 4, A17 aged 17, U1 aged 1, ND without DOB).
# With a score: F x20 (10 each), P1 0, P3 13, P5 14, A16 16, S17 17, S40 40, SR 20 (with a reason),
#   C10 12, SM1 5, SM3 18 = 30; without: A5, C9, SM2 (reasons), NR (no row).
#   Sum 200 + 155 = 355. Bands: 0-13 F x20, P1, P3, C10, SM1 = 24; 14-16 P5, A16 = 2;
#   17-40 S17, S40, SR, SM3 = 4.
# Health over the 38: assessment 20 + 15 (not P5, A17: 0; NR: no row) = 35; dental 20 + 12 (not
#   P1, S40, A17, U1: 0; A5 blank; NR) = 32; immunisations 20 + 15 (not P3, A17, NR) = 35.
# Aged 0-4: A4 (development assessment 1), U1 (0). Aged 10-17: F x20, P1, P3, P5, A16, S17, SR, A17,
#   C10, NR, SM1, SM2, SM3 = 32; convicted A17 and C10 (C9 is 9, ND has no age, O1 is out) = 2.
# Substance misuse: SM1 (received), SM2 (offered but refused), SM3 (neither) = 3.
# ------------------------------------------------------------------------------------------------
EXPECTED: dict[tuple[int, str], Expected] = {
    (2025, "pct_sdq_received"): _pct(30, 34, "88"),  # 88.24
    (2025, "sdq_mean_score"): (355, 30, 355 / 30, "11.8"),  # 11.83 -> 11.8
    (2025, "pct_sdq_normal_0_13"): _pct(24, 30, "80"),
    (2025, "pct_sdq_borderline_14_16"): _pct(2, 30, "c"),
    (2025, "pct_sdq_concern_17_40"): _pct(4, 30, "c"),
    (2025, "pct_health_assessment"): _pct(35, 38, "92"),  # 92.1
    (2025, "pct_dental_check"): _pct(32, 38, "84"),  # 84.2
    (2025, "pct_immunisations"): _pct(35, 38, "92"),
    (2025, "pct_dev_assessment_0_4"): _pct(1, 2, "c"),
    (2025, "pct_convicted_10_17"): _pct(2, 32, "c"),
    (2025, "pct_substance_misuse"): _pct(3, 38, "c"),
    (2025, "pct_substance_misuse_intervention_received"): _pct(1, 3, "c"),
    (2025, "pct_substance_misuse_intervention_refused"): _pct(1, 3, "c"),
    # Looked after at 31/03/2025: the 38 of the cohort, P2 and P4 = 40. 3+ distinct social workers
    # in force during the year: F01-F05, P3 (A, B, C), A16 (4), P2 (3) = 8. Not P1 (A, B, A = 2),
    # P5 (the episode ending 01/04/2024 does not count: 2).
    (2025, "pct_3plus_social_workers"): _pct(8, 40, "20"),
    # -- care leavers 2025, 19-21: L1, L4, L5, L6, L7, L8, L9, L10, L13, L14, L15, L16 = 12 --------
    # (excluded: L2 died, L3 returned home, L11 last episode E3, L12 short breaks only)
    (2025, "care_leavers_19_21"): (12, None, 12, "12"),
    # EET: L1 F1, L7 F5, L8 P4, L9 F2, L13 F5, L14 F2, L15 F1, L16 F1 = 8 -> 66.7
    (2025, "pct_care_leavers_19_21_eet"): _pct(8, 12, "67"),
    (2025, "pct_care_leavers_19_21_neet"): _pct(2, 12, "c"),  # L6 G5, L10 G4
    (2025, "pct_care_leavers_19_21_activity_not_known"): _pct(2, 12, "c"),  # L4, L5 (0)
    (2025, "pct_care_leavers_19_21_higher_education"): _pct(3, 12, "c"),  # L1, L15, L16
    (2025, "pct_care_leavers_19_21_education_other_than_he"): _pct(2, 12, "c"),  # L9, L14
    (2025, "pct_care_leavers_19_21_apprenticeship"): _pct(1, 12, "c"),  # L8
    (2025, "pct_care_leavers_19_21_training_employment_excl_apprenticeship"): _pct(2, 12, "c"),  # L7, L13
    # Accommodation denominator: 12 less L6 (R2) and L10 (G1) = 10. Suitable: L1, L7, L9, L13, L14,
    # L15 = 6; unsuitable: L8 (S2), L16 (Z2); not known: L4, L5 (0).
    (2025, "pct_care_leavers_19_21_suitable_accom"): _pct(6, 10, "60"),
    (2025, "pct_care_leavers_19_21_unsuitable_accom"): _pct(2, 10, "c"),
    (2025, "pct_care_leavers_19_21_accom_not_known"): _pct(2, 10, "c"),
    # In touch (YES): all but L4 (NO), L5 (REFU), L6 (NREQ) = 9
    (2025, "pct_care_leavers_19_21_in_touch"): _pct(9, 12, "75"),
    # Ceased in foster care on the 18th birthday: L13 (U4, E17), L14 (U6, E5); not L15 (K2), L16
    # (the day before). With former foster carers (ACCOM Z): L13 = 1 of 2.
    (2025, "pct_care_leavers_19_21_staying_put"): _pct(1, 2, "c"),
    # -- care leavers 2025, 17-18: G01-G06 (17), M1 (17), M2 (18), M3 (18 by its OC3 DOB), M6 (18 by
    # the header) = 10; not M4 (16), M5 (22), M7 (no usable DOB) ----------------------------------
    (2025, "care_leavers_17_18"): (10, None, 10, "10"),
    (2025, "pct_care_leavers_17_18_eet"): _pct(9, 10, "90"),  # all but M2 (G6)
    (2025, "pct_care_leavers_17_18_neet"): _pct(1, 10, "c"),  # M2
    (2025, "pct_care_leavers_17_18_activity_not_known"): _pct(0, 10, "0"),
    (2025, "pct_care_leavers_17_18_higher_education"): _pct(1, 10, "c"),  # M3
    (2025, "pct_care_leavers_17_18_education_other_than_he"): _pct(8, 10, "80"),  # G x6, M1, M6 (P2)
    (2025, "pct_care_leavers_17_18_apprenticeship"): _pct(0, 10, "0"),
    (2025, "pct_care_leavers_17_18_training_employment_excl_apprenticeship"): _pct(0, 10, "0"),
    (2025, "pct_care_leavers_17_18_suitable_accom"): _pct(9, 10, "90"),  # all but M2 (C2)
    (2025, "pct_care_leavers_17_18_unsuitable_accom"): _pct(1, 10, "c"),
    (2025, "pct_care_leavers_17_18_accom_not_known"): _pct(0, 10, "0"),
    (2025, "pct_care_leavers_17_18_in_touch"): _pct(10, 10, "100"),
    # nobody ceased care on an 18th birthday: 0 of 0 cannot be computed
    (2025, "pct_care_leavers_17_18_staying_put"): (0, 0, None, "x"),
    # -- 2021: K1-K7 aged 19: F3 x4, P3, F1, G5. No apprenticeship split before 2022: z ------------
    (2021, "care_leavers_19_21"): (7, None, 7, "7"),
    (2021, "pct_care_leavers_19_21_eet"): _pct(6, 7, "86"),  # F3/P3 are EET: 85.7
    (2021, "pct_care_leavers_19_21_neet"): _pct(1, 7, "c"),
    (2021, "pct_care_leavers_19_21_activity_not_known"): _pct(0, 7, "0"),
    (2021, "pct_care_leavers_19_21_higher_education"): _pct(1, 7, "c"),
    (2021, "pct_care_leavers_19_21_education_other_than_he"): _pct(0, 7, "0"),
    (2021, "pct_care_leavers_19_21_apprenticeship"): (None, 7, None, "z"),
    (2021, "pct_care_leavers_19_21_training_employment_excl_apprenticeship"): (None, 7, None, "z"),
    (2021, "pct_care_leavers_19_21_suitable_accom"): _pct(7, 7, "100"),
    (2021, "pct_care_leavers_19_21_unsuitable_accom"): _pct(0, 7, "0"),
    (2021, "pct_care_leavers_19_21_accom_not_known"): _pct(0, 7, "0"),
    (2021, "pct_care_leavers_19_21_in_touch"): _pct(7, 7, "100"),
    (2021, "pct_care_leavers_19_21_staying_put"): (0, 0, None, "x"),  # no episodes loaded for K1-K7
    # no care leaver aged 17-18: a true zero count; percentages of nobody cannot be computed, and
    # the splits are still not applicable
    (2021, "care_leavers_17_18"): (0, None, 0, "0"),
    (2021, "pct_care_leavers_17_18_apprenticeship"): (None, 0, None, "z"),
    (2021, "pct_care_leavers_17_18_training_employment_excl_apprenticeship"): (None, 0, None, "z"),
    # -- 2022: J1-J7 aged 20: F5 x5, P5, P4 -----------------------------------------------------
    (2022, "care_leavers_19_21"): (7, None, 7, "7"),
    (2022, "pct_care_leavers_19_21_eet"): _pct(7, 7, "100"),
    (2022, "pct_care_leavers_19_21_neet"): _pct(0, 7, "0"),
    (2022, "pct_care_leavers_19_21_activity_not_known"): _pct(0, 7, "0"),
    (2022, "pct_care_leavers_19_21_higher_education"): _pct(0, 7, "0"),
    (2022, "pct_care_leavers_19_21_education_other_than_he"): _pct(0, 7, "0"),
    (2022, "pct_care_leavers_19_21_apprenticeship"): _pct(1, 7, "c"),  # J7 P4
    (2022, "pct_care_leavers_19_21_training_employment_excl_apprenticeship"): _pct(6, 7, "86"),  # 85.7
    (2022, "pct_care_leavers_19_21_suitable_accom"): _pct(7, 7, "100"),
    (2022, "pct_care_leavers_19_21_unsuitable_accom"): _pct(0, 7, "0"),
    (2022, "pct_care_leavers_19_21_accom_not_known"): _pct(0, 7, "0"),
    (2022, "pct_care_leavers_19_21_in_touch"): _pct(7, 7, "100"),
    (2022, "pct_care_leavers_19_21_staying_put"): (0, 0, None, "x"),
    (2022, "care_leavers_17_18"): (0, None, 0, "0"),
    # from 2022 the split exists: 0 of 0 is not computable (x), not "not applicable"
    (2022, "pct_care_leavers_17_18_apprenticeship"): (0, 0, None, "x"),
    (2022, "pct_care_leavers_17_18_training_employment_excl_apprenticeship"): (0, 0, None, "x"),
}
for _year in (2021, 2022):
    # neither return has the OC2 or the social worker table
    for _indicator in (*OC2_INDICATORS, "pct_3plus_social_workers"):
        EXPECTED[(_year, _indicator)] = NOT_AVAILABLE
    # 17-18 percentages of an empty cohort (the split indicators are set above)
    for _suffix in LEAVER_SUFFIXES:
        EXPECTED.setdefault((_year, f"pct_care_leavers_17_18_{_suffix}"), (0, 0, None, "x"))

UNITS = {indicator: "percent" for indicator in OUR_INDICATORS} | {
    "sdq_mean_score": "mean",
    "care_leavers_17_18": "count",
    "care_leavers_19_21": "count",
}

# The cohorts of 2025, child by child.
CLA12M_2025 = {
    *CLA_FILLERS,
    *("P1", "P3", "P5", "A16", "S17", "S40", "SR", "A4", "A5", "A17", "U1", "C9", "C10"),
    *("NR", "ND", "SM1", "SM2", "SM3"),
}
CARE_LEAVERS_2025 = {  # child -> (age group, exclusion reason)
    **{child: ("17_18", None) for child in (*LEAVER_FILLERS, "M1", "M2", "M3", "M6")},
    **{child: ("19_21", None) for child in ("L1", "L4", "L5", "L6", "L7", "L8", "L9", "L10")},
    **{child: ("19_21", None) for child in ("L13", "L14", "L15", "L16")},
    "L2": ("19_21", "died"),
    "L3": ("19_21", "returned_home"),
    "L11": ("19_21", "care_taken_over_by_another_la"),
    "L12": ("19_21", "short_breaks_only"),
    "M4": (None, None),  # 16
    "M5": (None, None),  # 22
    "M7": (None, None),  # no usable DOB
}
SOCIAL_WORKERS_2025 = {  # children looked after at 31 March 2025 with any worker in force in the year
    **{child: 3 for child in CLA_FILLERS_3_WORKERS},
    **{child: 1 for child in CLA_FILLERS[5:]},
    "P1": 2,  # A, B, A
    "P3": 3,
    "P5": 2,  # X ended exactly 1 April 2024
    "A16": 4,
    "P2": 3,
}
EXPECTED_WARNINGS = {
    (2025, "oc2_row_outside_cla12m_cohort"): {"O1"},
    (2025, "cla12m_child_without_oc2_row"): {"NR"},
    (2025, "care_leaver_without_date_of_birth"): {"M7"},
}


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _flag(text: str) -> bool | None:
    return {"1": True, "0": False}.get(text)


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


def _numbered(rows: list[dict], table: str, year: int) -> list[dict]:
    return [{**row, **_provenance(year, table, n)} for n, row in enumerate(rows, start=2)]


def _dates_of_birth() -> dict[str, str]:
    """Header DOB per child ('' = no header row), fillers included."""
    dobs = {r["child"]: r["dob"] for r in _read("children.csv")}
    dobs |= {child: CLA_FILLER_DOB for child in CLA_FILLERS}
    dobs |= {child: LEAVER_FILLER_DOB for child in LEAVER_FILLERS}
    return dobs


def _episode_rows(year: int) -> list[dict]:
    listed = [r for r in _read("episodes.csv") if int(r["return_year"]) == year]
    if year == 2025:
        filler = {"decom": "2019-06-01", "rne": "S", "ls": "C2", "place": "U4", "dec": "", "rec": ""}
        listed += [{"child": child, **filler} for child in CLA_FILLERS]
    rows = [
        {
            "child": r["child"],
            "decom": _date(r["decom"]),
            "rne": r["rne"],
            "ls": r["ls"],
            "cin": "N1",
            "place": r["place"],
            "place_provider": "PR1",
            "dec": _date(r["dec"]),
            "rec": r["rec"] or None,
            "pl_post": "F1 1AA",
        }
        for r in listed
    ]
    return _numbered(rows, "episodes", year)


def _oc2_rows(year: int, dobs: dict[str, str]) -> list[dict]:
    listed = [r for r in _read("oc2.csv") if int(r["return_year"]) == year]
    if year == 2025:
        filler = {"sdq_score": "10", "sdq_reason": "", "convicted": "0", "health_check": ""}
        filler |= {"immunisations": "1", "teeth_check": "1", "health_assessment": "1"}
        filler |= {"substance_misuse": "0", "intervention_received": "", "intervention_offered": ""}
        listed += [{"child": child, **filler} for child in CLA_FILLERS]
    flags = (
        "convicted",
        "health_check",
        "immunisations",
        "teeth_check",
        "health_assessment",
        "substance_misuse",
        "intervention_received",
        "intervention_offered",
    )
    rows = [
        {
            "child": r["child"],
            "dob": _date(dobs[r["child"]] or OC2_DOB_WITHOUT_HEADER),
            "sdq_score": int(r["sdq_score"]) if r["sdq_score"] else None,
            "sdq_reason": r["sdq_reason"] or None,
            **{flag: _flag(r[flag]) for flag in flags},
        }
        for r in listed
    ]
    return _numbered(rows, "oc2", year)


def _oc3_rows(year: int) -> list[dict]:
    listed = [r for r in _read("oc3.csv") if int(r["return_year"]) == year]
    if year == 2025:
        filler = {"dob": LEAVER_FILLER_DOB, "in_touch": "YES", "activ": "F2", "accom": "C1"}
        listed += [{"child": child, **filler} for child in LEAVER_FILLERS]
    codes = ("in_touch", "activ", "accom")
    rows = [{"child": r["child"], "dob": _date(r["dob"]), **{c: r[c] for c in codes}} for r in listed]
    return _numbered(rows, "oc3", year)


def _social_worker_rows(year: int, dobs: dict[str, str]) -> list[dict]:
    listed = [r for r in _read("sw_episodes.csv") if int(r["return_year"]) == year]
    if year == 2025:
        for child in CLA_FILLERS:
            if child in CLA_FILLERS_3_WORKERS:
                spells = [("W1", "2019-06-01", "2024-05-01"), ("W2", "2024-05-01", "2024-09-01")]
                spells.append(("W3", "2024-09-01", ""))
            else:
                spells = [("W1", "2019-06-01", "")]
            listed += [{"child": child, "sw_id": w, "sw_decom": s, "sw_dec": e} for w, s, e in spells]
    rows = [
        {
            "child": r["child"],
            "dob": _date(dobs[r["child"]]),
            "sw_id": r["sw_id"],
            "sw_decom": _date(r["sw_decom"]),
            "sw_dec": _date(r["sw_dec"]),
        }
        for r in listed
    ]
    return _numbered(rows, "sw_episodes", year)


def _header_rows(year: int, children: set[str], dobs: dict[str, str]) -> list[dict]:
    """One header per child of the return that has a DOB in children.csv (none for ND, M3, M7)."""
    rows = [
        {
            "child": child,
            "sex": "M" if year >= 2025 else "1",
            "dob": _date(dobs[child]),
            "ethnic": "WBRI",
            "upn": "UN1",
        }
        for child in sorted(children)
        if dobs.get(child)
    ]
    return _numbered(rows, "header", year)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    placeholders = ", ".join("?" for _ in columns)
    con.executemany(
        f"insert into {table} ({', '.join(columns)}) values ({placeholders})",
        [[r[c] for c in columns] for r in rows],
    )


def _load_log_row(year: int, table: str, n_rows: int) -> dict:
    return {
        "load_id": "fixture",
        "source_file": f"{LA_CODE}/ssda903/{year}/{table}.csv",
        "la_code": LA_CODE,
        "collection_year": year,
        "table_name": table,
        "file_format": "csv",
        "status": "loaded",
        "rows_read": n_rows,
        "rows_loaded": n_rows,
        "rows_quarantined": 0,
        "rows_blank": 0,
    }


def _load_raw(path: Path) -> None:
    dobs = _dates_of_birth()
    tables: dict[str, list[dict]] = {"episodes": [], "oc2": [], "oc3": [], "sw_episodes": [], "header": []}
    loads = []
    for year in RETURNS:
        of_year = {
            "episodes": _episode_rows(year),
            "oc2": _oc2_rows(year, dobs),
            "oc3": _oc3_rows(year),
            "sw_episodes": _social_worker_rows(year, dobs),
        }
        children = {r["child"] for rows in of_year.values() for r in rows}
        of_year["header"] = _header_rows(year, children, dobs)
        for table, rows in of_year.items():
            tables[table] += rows
            if rows:
                loads.append(_load_log_row(year, table, len(rows)))
    with duckdb.connect(str(path)) as con:
        create_raw_tables(con)
        for table, rows in tables.items():
            _insert(con, f"raw_ssda903.{table}", rows)
        _insert(con, "raw_audit.load_log", loads)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("outcomes_fixture")
    paths = BuildPaths(work)
    _load_raw(paths.database)
    lines: list[str] = []
    result = run_dbt_build(paths, on_line=lines.append)
    assert result.return_code == 0, "\n".join(lines[-80:])
    return paths.database


def _query(path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


def test_every_outcome_indicator_is_published_for_every_loaded_return(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        f"select time_period, indicator from reporting.rpt_indicators "
        f"where indicator in ({', '.join('?' for _ in OUR_INDICATORS)})",
        list(OUR_INDICATORS),
    )
    assert sorted(rows) == sorted((year, indicator) for year in RETURNS for indicator in OUR_INDICATORS)


def test_every_outcome_indicator_matches_the_hand_derived_value(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select time_period, indicator, breakdown_topic, breakdown, numerator, denominator, value, "
        "value_published, unit from reporting.rpt_indicators",
    )
    actual = {(r[0], r[1]): r for r in rows}
    for (year, indicator), (numerator, denominator, value, published) in EXPECTED.items():
        row = actual[(year, indicator)]
        assert row[2:4] == ("Total", "Total"), (year, indicator)
        assert row[4] == numerator, (year, indicator, "numerator")
        assert row[5] == denominator, (year, indicator, "denominator")
        assert row[6] == (None if value is None else pytest.approx(value, rel=1e-12)), (year, indicator)
        assert row[7] == published, (year, indicator, "value_published")
        assert row[8] == UNITS[indicator], (year, indicator, "unit")


def test_the_cla_12_months_cohort_comes_from_the_episodes(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select child_id, has_oc2_row from restricted_marts.fct_child_years_outcomes "
        "where collection_year = 2025",
    )
    assert {r[0] for r in rows} == CLA12M_2025
    assert {r[0] for r in rows if not r[1]} == {"NR"}
    earlier = "select count(*) from restricted_marts.fct_child_years_outcomes where collection_year < 2025"
    assert _query(warehouse, earlier) == [(0,)]  # nobody was looked after at 31 March 2021 or 2022


def test_sdq_scores_are_banded_at_13_14_16_17(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select sdq_score, sdq_band from restricted_marts.fct_child_years_outcomes "
        "where collection_year = 2025 and sdq_score in (0, 13, 14, 16, 17, 40)",
    )
    assert sorted(rows) == [
        (0, "0-13"),
        (13, "0-13"),
        (14, "14-16"),
        (16, "14-16"),
        (17, "17-40"),
        (40, "17-40"),
    ]


def test_care_leavers_fall_into_age_groups_and_exclusions(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select child_id, age_group, exclusion_reason, is_in_cohort "
        "from restricted_marts.fct_care_leaver_years where collection_year = 2025",
    )
    assert {r[0]: (r[1], r[2]) for r in rows} == CARE_LEAVERS_2025
    in_cohort = {r[0] for r in rows if r[3]}
    assert in_cohort == {c for c, (group, reason) in CARE_LEAVERS_2025.items() if group and not reason}


def test_the_header_dob_wins_and_the_oc3_dob_fills_a_missing_header(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select child_id, date_of_birth_source, age_at_31mar from restricted_marts.fct_care_leaver_years "
        "where collection_year = 2025 and child_id in ('M3', 'M6', 'M7')",
    )
    assert sorted(rows) == [("M3", "oc3", 18), ("M6", "header", 18), ("M7", None, None)]


def test_staying_put_needs_a_cease_in_foster_care_on_the_18th_birthday(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select child_id from restricted_marts.fct_care_leaver_years "
        "where collection_year = 2025 and ceased_in_foster_care_on_18th_birthday",
    )
    assert {r[0] for r in rows} == {"L13", "L14"}


def test_social_workers_are_distinct_and_in_force_during_the_year(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select child_id, n_social_workers, has_social_worker_table "
        "from restricted_marts.fct_child_years_social_workers where collection_year = 2025",
    )
    assert len(rows) == 40
    assert all(r[2] for r in rows)
    assert {r[0]: r[1] for r in rows if r[1]} == SOCIAL_WORKERS_2025


def test_oc2_and_oc3_conditions_are_reported(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select collection_year, warning, child_id from restricted_marts.fct_outcome_data_quality_warnings",
    )
    found: dict[tuple[int, str], set[str]] = {}
    for year, warning, child in rows:
        found.setdefault((year, warning), set()).add(child)
    assert found == EXPECTED_WARNINGS
