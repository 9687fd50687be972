"""Every tunable number of the generator, with where it comes from.

Targets (LA 815, North Yorkshire, and England) come from DfE's published figures
(shared/reference/dfe/published_indicators.csv, OGL); the probabilities below were tuned until the
default configuration reproduces them (docs/synthetic-data.md records targets and measured outcomes).
Codes are written as they appear in the code-list seed; `codes.CodeLists.resolve` turns them into the
codes valid for each return's year. Durations are in days.
"""

from __future__ import annotations

from flows.synth.rand import Categorical

CALIBRATED_LA = "815"
BURN_IN_YEARS = 18  # the simulation starts 18 years before the first collection year: a full childhood

# New children entering care for the first time, per collection year, for LA 815 at size 1. DfE's
# starts (149, 146, 192, 222, 242) count re-entries too, which the simulation adds on top.
FIRST_ENTRIES_815: dict[int, float] = {2021: 124, 2022: 116, 2023: 150, 2024: 178, 2025: 205}
FIRST_ENTRIES_BURN_IN = 130  # per year before the first calibrated year (CLA stood near 420-440)
# Unaccompanied asylum-seeking children arriving, per year (815 CLA UASC at 31 March: 11, 23, 45, 53, 41).
UASC_ENTRIES_815: dict[int, float] = {2021: 12, 2022: 24, 2023: 38, 2024: 36, 2025: 30}
UASC_ENTRIES_BURN_IN = 8
SHORT_BREAK_CHILDREN_PER_YEAR = 9  # disabled children starting a series of short breaks (LS V3/V4)

# --- Children -------------------------------------------------------------------------------------
# Age at entry (years), DfE starts by age (England 2024: under 1 18%, 1-4 14%, 5-9 15%, 10-15 35%, 16+ 18%).
ENTRY_AGE_BAND = Categorical({"0": 0.20, "1-4": 0.15, "5-9": 0.15, "10-15": 0.37, "16-17": 0.13})
NEWBORN_SHARE_OF_UNDER_1 = 0.45  # removed at birth (first week)
UASC_ENTRY_AGE = Categorical({"14": 0.05, "15": 0.20, "16": 0.45, "17": 0.30})
MALE_SHARE = 0.53  # non-UASC; UASC below. England CLA: 56% male overall
UASC_MALE_SHARE = 0.94
SEX_UNKNOWN_SHARE = 0.003  # recorded as U from the 2024/25 return (1/2 before)

ETHNICITY = Categorical(
    {
        "WBRI": 84.0,
        "WIRI": 0.3,
        "WOTH": 2.5,
        "WIRT": 0.3,
        "WROM": 1.0,
        "MWBC": 2.0,
        "MWBA": 0.7,
        "MWAS": 1.5,
        "MOTH": 2.2,
        "AIND": 0.3,
        "APKN": 0.8,
        "ABAN": 0.2,
        "AOTH": 0.5,
        "BCRB": 0.3,
        "BAFR": 0.5,
        "BOTH": 0.3,
        "CHNE": 0.1,
        "OOTH": 0.8,
        "REFU": 0.2,
        "NOBT": 0.5,
    }
)
UASC_ETHNICITY = Categorical({"AOTH": 35, "OOTH": 22, "BAFR": 25, "WOTH": 10, "BOTH": 5, "MOTH": 3})

# --- Periods of care ------------------------------------------------------------------------------
# How the period is planned to end, by age band at entry (non-UASC).
OUTCOME_BY_AGE: dict[str, Categorical] = {
    "0": Categorical(
        {"adopt": 0.20, "sgo": 0.20, "cao": 0.04, "home": 0.27, "long": 0.22, "nonpr": 0.04, "other": 0.03}
    ),
    "1-4": Categorical(
        {"adopt": 0.11, "sgo": 0.19, "cao": 0.06, "home": 0.34, "long": 0.22, "nonpr": 0.04, "other": 0.04}
    ),
    "5-9": Categorical(
        {"adopt": 0.01, "sgo": 0.15, "cao": 0.08, "home": 0.39, "long": 0.29, "nonpr": 0.04, "other": 0.04}
    ),
    "10-15": Categorical(
        {
            "sgo": 0.04,
            "cao": 0.05,
            "home": 0.43,
            "long": 0.35,
            "nonpr": 0.05,
            "other": 0.04,
            "custody": 0.02,
            "remand": 0.02,
        }
    ),
    "16-17": Categorical(
        {"home": 0.30, "long": 0.56, "nonpr": 0.05, "other": 0.05, "remand": 0.02, "custody": 0.02}
    ),
}
# (median days, lognormal sigma) of the time to the planned end; "long" runs to the 18th birthday.
DURATION: dict[str, tuple[float, float]] = {
    "sgo": (700, 0.45),
    "cao": (560, 0.5),
    "nonpr": (260, 0.9),
    "other": (220, 1.1),
    "custody": (240, 0.8),
    "remand": (35, 0.8),
}
HOME_SHORT_SHARE = 0.38  # of returns home: short s20 stays
HOME_SHORT = (28, 0.9)
HOME_LONG = (330, 0.75)
LONG_EARLY_EXIT = 0.30  # a "long" plan that ends before 18 after all (SGO, CAO, home)
REENTRY_AFTER = {"home": 0.20, "nonpr": 0.12, "cao": 0.05, "other": 0.10}
REENTRY_GAP = (330, 0.9)

REC_AGE18_BY_SETTING: dict[str, Categorical] = {
    "foster": Categorical({"E17": 0.70, "E5": 0.20, "E8": 0.07, "E7": 0.03}),
    "home": Categorical({"E5": 0.76, "E8": 0.18, "E7": 0.05, "E6": 0.01}),
    "supported": Categorical({"E5": 0.88, "E6": 0.02, "E8": 0.10}),
    "other": Categorical({"E8": 0.6, "E5": 0.3, "E7": 0.1}),
}
REC_HOME = Categorical({"E4A": 0.82, "E4B": 0.18})
REC_ADOPTED = Categorical({"E11": 0.6, "E12": 0.4})
REC_OTHER = Categorical({"E8": 0.85, "E16": 0.08, "E2": 0.02, "E3": 0.05})
UASC_EARLY_END = Categorical({"none": 0.93, "E15": 0.03, "E3": 0.02, "E8": 0.02})

# --- Legal status ---------------------------------------------------------------------------------
INITIAL_LS: dict[str, Categorical] = {
    "home": Categorical({"V2": 0.66, "C1": 0.18, "L1": 0.08, "L2": 0.06, "J2": 0.02}),
    "adopt": Categorical({"C1": 0.80, "L2": 0.12, "V2": 0.08}),
    "court": Categorical({"C1": 0.62, "V2": 0.22, "L2": 0.09, "L1": 0.07}),  # sgo, cao, long
    "other": Categorical({"V2": 0.70, "C1": 0.20, "L1": 0.10}),
}
V2_TO_CARE_ORDER = 0.35  # s20 children later subject to an interim care order (long periods)
CARE_PROCEEDINGS = (300, 0.3)  # interim to full care order
ADOPTION_BY_CONSENT = 0.06  # placed for adoption with parental consent (A3/A4) rather than an order

# --- Placements -----------------------------------------------------------------------------------
# Setting of a new placement by age at its start.
SETTING_BY_AGE: dict[str, Categorical] = {
    "0-9": Categorical({"foster": 0.91, "home": 0.02, "other": 0.03, "parents": 0.04}),
    "10-15": Categorical({"foster": 0.70, "home": 0.22, "other": 0.05, "parents": 0.03}),
    "16-17": Categorical({"foster": 0.36, "home": 0.20, "supported": 0.38, "other": 0.06}),
}
KINSHIP_SHARE = 0.22  # of foster placements: with relatives or friends (U1-U3)
KINSHIP_SHARE_SGO = 0.70  # when the period is planned to end with an SGO
FOSTER_PROVIDER = Categorical({"PR1": 0.62, "PR4": 0.33, "PR5": 0.05})
HOME_PROVIDER = Categorical({"PR4": 0.78, "PR1": 0.17, "PR5": 0.05})
SUPPORTED_PROVIDER = Categorical({"PR4": 0.75, "PR1": 0.15, "PR5": 0.10})
OTHER_PLACE = Categorical(
    {"R1": 0.15, "R2": 0.10, "R3": 0.15, "R5": 0.08, "S1": 0.20, "Z1": 0.17, "K1": 0.10, "P3": 0.05}
)
SUPPORTED_PLACE = Categorical({"H5": 0.80, "P2": 0.20})  # K3 from 2024/25 (codes.resolve)
FIRST_PLACEMENT_BRIDGING = 0.50  # emergency / bridging first placements
MOVE_WITH_LEGAL_CHANGE = 0.15  # a change of legal status that comes with a new carer (RNE B)
BRIDGING = (21, 0.8)
# How unsettled a period is: placement lengths are divided by this (median, sigma), drawn per period,
# so a minority of children move often while most stay put (as in DfE's 3+ placements measure).
PLACEMENT_INSTABILITY = (0.85, 1.1)
# Mean days a placement lasts before it breaks down or a planned move, by setting and age band.
PLACEMENT_MEAN_DAYS: dict[tuple[str, str], float] = {
    ("foster", "0-9"): 2900,
    ("foster", "10-15"): 1300,
    ("foster", "16-17"): 1000,
    ("kinship", "0-9"): 3500,
    ("kinship", "10-15"): 2000,
    ("kinship", "16-17"): 1500,
    ("home", "0-9"): 500,
    ("home", "10-15"): 480,
    ("home", "16-17"): 520,
    ("supported", "16-17"): 600,
    ("other", "0-9"): 200,
    ("other", "10-15"): 200,
    ("other", "16-17"): 240,
    ("parents", "0-9"): 900,
    ("parents", "10-15"): 900,
}
MOVE_TO_SUPPORTED_AT_16 = 0.25  # planned move to supported accommodation soon after the 16th birthday
LONG_TERM_FOSTER_CONVERSION = 0.45  # U6 -> U4 (U3 -> U1) with the same carer (RNE T)
PLACED_WITH_PARENTS_BEFORE_HOME = 0.35  # care-order children placed at home (P1) before the order ends
PLACE_CHANGE_REASON = Categorical(
    {
        "CARPL": 0.36,
        "CREQB": 0.09,
        "CREQO": 0.07,
        "CHILD": 0.05,
        "LAREQ": 0.05,
        "ALLEG": 0.02,
        "STAND": 0.02,
        "APPRR": 0.01,
        "CLOSE": 0.03,
        "CUSTOD": 0.01,
        "OTHER": 0.29,
    }
)
SAME_CARER_CHANGE_REASON = Categorical({"PLACE": 0.8, "CARPL": 0.2})
URN_UNKNOWN = 0.01  # 'XXXXXXX' where a URN is due

# Temporary placements per year of a placement, and their kinds and lengths (rules 375-379).
TEMPS_PER_YEAR = {"foster": 0.22, "kinship": 0.10, "home": 0.08}
TEMP_KIND = {
    "foster": Categorical({"T3": 0.45, "T1": 0.15, "T4": 0.20, "T0": 0.10, "T2": 0.10}),
    "kinship": Categorical({"T1": 0.35, "T4": 0.35, "T2": 0.30}),
    "home": Categorical({"T1": 0.5, "T4": 0.3, "T0": 0.2}),
}
TEMP_DAYS = {"T0": (2, 14), "T1": (1, 20), "T2": (3, 12), "T3": (5, 21), "T4": (1, 7)}

# --- Adoption -------------------------------------------------------------------------------------
ENTRY_TO_DECISION = (250, 0.35)
DECISION_TO_ORDER = (14, 120)  # uniform days: agency decision to placement order
ORDER_TO_MATCH = (150, 0.6)
MATCH_TO_PLACED = (7, 35)
PLACED_TO_ADOPTED = (250, 0.3)
DECISION_REVERSED = 0.10
REVERSAL_REASON = Categorical({"RD1": 0.30, "RD2": 0.20, "RD3": 0.30, "RD4": 0.20})
ADOPTED_BY_FOSTER_CARER = 0.20  # A5/A3: placed with the current foster carer (RNE T)
NB_ADOPTERS_TWO = 0.85
SEX_ADOPTR_COUPLE = Categorical({"MF": 0.85, "FF": 0.08, "MM": 0.07})
SEX_ADOPTR_SINGLE = Categorical({"F1": 0.9, "M1": 0.1})
LS_ADOPTR_MIXED = Categorical({"L11": 0.75, "L3": 0.25})
LS_ADOPTR_SAME = Categorical({"L12": 0.4, "L2": 0.3, "L4": 0.3})

# --- Other records --------------------------------------------------------------------------------
CIN_CATEGORY = Categorical(
    {"N1": 0.64, "N2": 0.03, "N3": 0.03, "N4": 0.08, "N5": 0.14, "N6": 0.02, "N7": 0.003, "N8": 0.057}
)
PREV_PERM = Categorical({"Z1": 0.89, "P1": 0.02, "P2": 0.03, "P3": 0.02, "P4": 0.04})
REVIEW_CODE = Categorical(
    {"PN1": 0.55, "PN2": 0.08, "PN3": 0.03, "PN4": 0.05, "PN5": 0.04, "PN6": 0.15, "PN7": 0.10}
)
REVIEW_LATE = 0.06
MISSING_PRONE = {"home": 0.60, "supported": 0.45, "other": 0.25}  # share of children aged 11+ by setting
MISSING_PRONE_DEFAULT = 0.15
MISSING_PER_YEAR = (3.0, 0.9)  # incidents per year for a missing-prone child (median, sigma)
MISSING_KIND = Categorical({"M": 0.85, "A": 0.15})
SW_CHANGES_PER_YEAR = (1.25, 0.55)  # social worker changes per year in care (median, sigma)
SW_RETURN_TO_PREVIOUS = 0.10
SW_FIRST_REASON = Categorical({"FCONTA": 0.45, "TSPROC": 0.40, "MANAGE": 0.15})
SW_REASON = Categorical(
    {
        "LEFTRL": 0.34,
        "MANAGE": 0.20,
        "TSPROC": 0.20,
        "ORGRST": 0.08,
        "ABSENC": 0.07,
        "CHCHAN": 0.02,
        "PCCHAN": 0.02,
        "SWDIED": 0.002,
        "OTHERS": 0.068,
    }
)
SW_REASON_BEFORE_2023_GIVEN = 0.5  # SW_REASON is required only from 1 April 2023 (rule SW13STG1)
MOTHER_WHILE_IN_CARE = 0.03  # girls in care aged 14+ who have a baby during the period
SHORT_BREAK_V4 = 0.2  # short-break children whose agreements are recorded (V4) rather than each stay

# --- OC2 (England, DfE la_conviction_health_outcome_cla.csv): numerator / denominator by year ---
OC2_SHARES: dict[int, dict[str, float]] = {
    2021: {
        "sdq_received": 34940 / 43690,
        "health": 53630 / 58990,
        "immunisations": 50610 / 58990,
        "teeth": 23330 / 58990,
        "dev": 6510 / 7280,
        "convicted": 960 / 40470,
        "substance": 1760 / 58990,
    },
    2022: {
        "sdq_received": 33230 / 43260,
        "health": 51950 / 58250,
        "immunisations": 49630 / 58250,
        "teeth": 40890 / 58250,
        "dev": 6410 / 7210,
        "convicted": 860 / 39920,
        "substance": 1600 / 58250,
    },
    2023: {
        "sdq_received": 32620 / 43540,
        "health": 52390 / 58720,
        "immunisations": 48290 / 58720,
        "teeth": 44390 / 58720,
        "dev": 6200 / 7030,
        "convicted": 830 / 40600,
        "substance": 1640 / 58720,
    },
    2024: {
        "sdq_received": 33480 / 43510,
        "health": 52880 / 59370,
        "immunisations": 48820 / 59370,
        "teeth": 46880 / 59370,
        "dev": 5930 / 6760,
        "convicted": 930 / 41530,
        "substance": 1610 / 59370,
    },
    2025: {
        "sdq_received": 33790 / 43220,
        "health": 52580 / 58530,
        "immunisations": 49160 / 58530,
        "teeth": 47320 / 58530,
        "dev": 5580 / 6360,
        "convicted": 800 / 40990,
        "substance": 1780 / 58530,
    },
}
SUBSTANCE_AGE_FACTOR = 1.6  # substance misuse is flagged for ages 10+ only (about 60% of the cohort)
INTERVENTION_OFFERED = 0.83
INTERVENTION_RECEIVED_IF_OFFERED = 0.50
# SDQ total difficulties: England's mean and band shares (0-13, 14-16, 17-40) by year.
SDQ_TARGETS: dict[int, tuple[float, float, float, float]] = {
    2021: (13.7, 17730 / 34940, 4360 / 34940, 12850 / 34940),
    2022: (13.8, 16780 / 33230, 4140 / 33230, 12310 / 33230),
    2023: (14.4, 15430 / 32620, 4160 / 32620, 13030 / 32620),
    2024: (14.7, 15460 / 33480, 4280 / 33480, 13740 / 33480),
    2025: (14.9, 15140 / 33790, 4330 / 33790, 14320 / 33790),
}
SDQ_YEAR_TO_YEAR_CORRELATION = 0.7
SDQ_NO_SCORE_REASON = Categorical({"SDQ2": 0.25, "SDQ4": 0.40, "SDQ5": 0.25, "SDQ3": 0.10})

# --- OC3 care leavers (England, la_care_leavers_activity.csv 2025) ---------------------------------
IN_TOUCH = Categorical({"YES": 0.915, "NREQ": 0.025, "REFU": 0.02, "NO": 0.02, "RHOM": 0.018, "DIED": 0.002})
ACTIVITY: dict[str, Categorical] = {
    "17-18": Categorical(
        {
            "F1": 0.01,
            "F2": 0.45,
            "F4": 0.04,
            "F5": 0.08,
            "P1": 0.002,
            "P2": 0.03,
            "P4": 0.01,
            "P5": 0.03,
            "G4": 0.06,
            "G5": 0.20,
            "G6": 0.04,
        }
    ),
    "19-21": Categorical(
        {
            "F1": 0.08,
            "F2": 0.18,
            "F4": 0.05,
            "F5": 0.18,
            "P1": 0.01,
            "P2": 0.02,
            "P4": 0.01,
            "P5": 0.05,
            "G4": 0.09,
            "G5": 0.23,
            "G6": 0.10,
        }
    ),
}
ACCOMMODATION: dict[str, Categorical] = {
    "17-18": Categorical(
        {
            "Z1": 0.22,
            "D1": 0.24,
            "E1": 0.09,
            "B1": 0.14,
            "U1": 0.10,
            "C1": 0.04,
            "K1": 0.02,
            "T1": 0.03,
            "Y1": 0.02,
            "D2": 0.02,
            "B2": 0.01,
            "X2": 0.01,
            "S2": 0.01,
            "V2": 0.01,
            "W2": 0.005,
        }
    ),
    "19-21": Categorical(
        {
            "U1": 0.44,
            "B1": 0.14,
            "Z1": 0.08,
            "D1": 0.07,
            "E1": 0.04,
            "K1": 0.05,
            "T1": 0.02,
            "C1": 0.01,
            "Y1": 0.03,
            "U2": 0.03,
            "B2": 0.02,
            "X2": 0.02,
            "S2": 0.01,
            "V2": 0.01,
            "W2": 0.01,
            "R1": 0.01,
            "G1": 0.005,
        }
    ),
}
