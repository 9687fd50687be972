"""A quick approximation of the headline indicators from generated returns, to check the calibration.

Not the project's indicators (those are SQL in dbt): a plain reading of indicator-conventions.md over
each return alone (plus earlier returns for long-term stability), good enough to see whether the
generator lands near the LA's published values. Reads only a clean output folder.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

_TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
_SHORT_BREAKS = ("V3", "V4")


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _day(text: str) -> date | None:
    return datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _age(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def _placements(episodes: list[dict]) -> list[list]:
    """[start, end, current PLACE] per placement.

    Temporary placements are ignored and a return to the same carer after one continues the placement.
    """
    out: list[list] = []
    before_temp, after_temp = None, False
    for e in episodes:
        if e["PLACE"] in _TEMPORARY:
            after_temp = True
            continue
        key = (e["PLACE"], e["URN"], e["PL_POST"])
        returning = after_temp and key == before_temp
        if not out or (e["RNE"] in ("S", "P", "B") and not returning):
            out.append([e["_decom"], e["_dec"], e["PLACE"]])
        else:
            out[-1][1:] = [e["_dec"], e["PLACE"]]
        before_temp, after_temp = key, False
    return out


def summarise(out_dir: Path, la_code: str, years: tuple[int, ...]) -> dict[int, dict[str, float]]:
    """Per collection year: cla_31mar, starts, ceases, pct_3plus, UASC and male shares, SDQ, OC3 counts."""
    history: dict[str, dict[str, dict]] = defaultdict(dict)  # child -> DECOM -> episode (latest return wins)
    results: dict[int, dict[str, float]] = {}
    for year in years:
        folder = out_dir / la_code / "ssda903" / str(year)
        start, end = date(year - 1, 4, 1), date(year, 3, 31)
        by_child: dict[str, list[dict]] = defaultdict(list)
        for e in _read(folder / "episodes.csv"):
            if e["LS"] in _SHORT_BREAKS:
                continue
            e["_decom"], e["_dec"] = _day(e["DECOM"]), _day(e["DEC"])
            by_child[e["CHILD"]].append(e)
            history[e["CHILD"]][e["DECOM"]] = e
        header = {h["CHILD"]: h for h in _read(folder / "header.csv")}
        uasc = {u["CHILD"] for u in _read(folder / "uasc.csv")}
        cla = {c for c, eps in by_child.items() if any(e["_dec"] is None or e["_dec"] > end for e in eps)}
        starts = {
            c for c, eps in by_child.items() if any(e["RNE"] == "S" and e["_decom"] >= start for e in eps)
        }
        ceases = {
            c
            for c, eps in by_child.items()
            if any(e["_dec"] is not None and start <= e["_dec"] <= end and e["REC"] != "X1" for e in eps)
        }
        three_plus = {
            c
            for c in cla
            if sum(
                p[1] is None or p[1] > start
                for p in _placements(sorted(by_child[c], key=lambda e: e["_decom"]))
            )
            >= 3
        }
        male = {c for c in cla if header[c]["SEX"] in ("1", "M")}
        scores = []
        for row in _read(folder / "oc2.csv"):
            if row["SDQ_SCORE"] and 5 <= _age(_day(row["DOB"]), end) <= 16:
                scores.append(int(row["SDQ_SCORE"]))
        n = max(len(cla), 1)
        results[year] = {
            "cla_31mar": len(cla),
            "cla_starts": len(starts),
            "cla_ceases": len(ceases),
            "pct_3plus_placements_year": 100 * len(three_plus) / n,
            "pct_uasc_31mar": 100 * len(cla & uasc) / n,
            "pct_male_31mar": 100 * len(male) / n,
            "pct_longterm_stability_u16": _long_term_stability(history, header, cla, year),
            "oc2_rows": len(_read(folder / "oc2.csv")),
            "sdq_mean_5_16": sum(scores) / len(scores) if scores else float("nan"),
            "pct_sdq_concern_17_40": 100 * sum(s >= 17 for s in scores) / max(len(scores), 1),
            "oc3_rows": len(_read(folder / "oc3.csv")),
        }
    return results


def _long_term_stability(history: dict, header: dict, cla: set[str], year: int) -> float:
    """Of CLA under 16 in care since 30 September N-3: same placement (or adoptive and previous) since
    31 March N-2."""
    since_care, since_placement = date(year - 3, 9, 30), date(year - 2, 3, 31)
    eligible = stable = 0
    for child in cla:
        if _age(_day(header[child]["DOB"]), date(year, 3, 31)) >= 16:
            continue
        episodes = sorted(history[child].values(), key=lambda e: e["_decom"])
        period_start = max(e["_decom"] for e in episodes if e["RNE"] == "S" or e is episodes[0])
        if period_start > since_care:
            continue
        eligible += 1
        placements = _placements([e for e in episodes if e["_decom"] >= period_start])
        current = placements[-1][0]
        if placements[-1][2] in ("A3", "A4", "A5", "A6") and len(placements) >= 2:
            current = placements[-2][0]
        stable += current <= since_placement
    return 100 * stable / eligible if eligible else float("nan")
