"""The generated markdown report `docs/validation-agreement.md`: counts only, never a child's values."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tools.dfe_validator.agreement import RuleYear, SetComparison, combine, format_pct, rule_key

VERDICTS = {
    "agree": "agree",
    "ours": "ours right",
    "theirs_fixed": "theirs right: ours fixed",
    "theirs_open": "theirs right: ours to fix",
    "definitional": "definitional",
    "both_wrong": "both partly wrong",
    "untested": "no case in the data",
}


@dataclass
class SizeRun:
    """Everything measured for one LA size."""

    size: float
    rows: int
    mutations: dict[str, int]  # cells changed by tools/dfe_validator/mutate.py, by kind
    years: list[int]
    results: list[RuleYear]
    timings: list[dict]  # side, year ("all" or a year), step, seconds
    dfe_meta: dict[int, dict]
    rules_ours: dict[int, dict[str, str]]


def save_runs(runs: list[SizeRun], path: Path) -> None:
    """Everything the report needs, as JSON (counts and rule codes only), to re-render it later."""
    path.write_text(json.dumps([asdict(run) for run in runs], indent=0))


def load_runs(path: Path) -> list[SizeRun]:
    runs = []
    for item in json.loads(path.read_text()):
        results = [
            RuleYear(
                **{
                    **r,
                    "children": SetComparison(**r["children"]),
                    "rows": SetComparison(**r["rows"]) if r["rows"] is not None else None,
                }
            )
            for r in item["results"]
        ]
        runs.append(
            SizeRun(
                **{
                    **item,
                    "results": results,
                    "dfe_meta": {int(y): m for y, m in item["dfe_meta"].items()},
                    "rules_ours": {int(y): r for y, r in item["rules_ours"].items()},
                }
            )
        )
    return runs


@dataclass
class ReportInput:
    runs: list[SizeRun]
    findings_csv: Path
    la_code: str
    out_folder: Path
    messages: dict[str, str] = field(default_factory=dict)  # rule key -> DfE message (our registry)
    causes_md: Path = Path("/nonexistent")  # hand-written: the main causes of disagreement


@dataclass(frozen=True)
class Finding:
    verdict: str
    text: str


def read_findings(path: Path) -> dict[str, Finding]:
    """Per rule: the verdict and one or two sentences on who is right and why (hand-written)."""
    if not path.exists():
        return {}
    with open(path, newline="") as handle:
        return {
            rule_key(row["rule_code"]): Finding(row["verdict"], row["finding"])
            for row in csv.DictReader(handle)
        }


def _size_label(size: float) -> str:
    return "default" if size == 1 else f"{size:g}x"


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _children_total(results: list[RuleYear]) -> SetComparison:
    return combine(r.children for r in results)


def _rows_total(results: list[RuleYear]) -> SetComparison | None:
    rows = [r.rows for r in results if r.rows is not None]
    return combine(rows) if rows else None


def summary_rows(report: ReportInput, findings: dict[str, Finding]) -> list[list[str]]:
    """One row per rule compared: years, children counts on the default LA, agreement per size."""
    by_rule: dict[str, dict[float, list[RuleYear]]] = defaultdict(lambda: defaultdict(list))
    for run in report.runs:
        for result in run.results:
            by_rule[result.rule_code][run.size].append(result)
    rows = []
    for code in sorted(by_rule, key=_code_order):
        per_size = by_rule[code]
        first = per_size[min(per_size)]
        years = sorted({r.year for r in first})
        children = _children_total(first)
        cells = [
            f"[{code}](#rule-{_anchor(code)})",
            _years_text(years),
            f"{_n(children.ours)} / {_n(children.theirs)} / {_n(children.both)}",
        ]
        for run in report.runs:
            results = per_size.get(run.size, [])
            cells.append(format_pct(_children_total(results).agreement_pct) if results else "")
        rows_total = _rows_total(first)
        cells.append(format_pct(rows_total.agreement_pct) if rows_total else "not compared")
        disagreeing = children.only_ours + children.only_theirs
        quarantined = sum(r.disagreeing_quarantined for r in first)
        cells.append(f"{_n(quarantined)} of {_n(disagreeing)}" if disagreeing else "")
        finding = findings.get(rule_key(code))
        cells.append(
            VERDICTS.get(finding.verdict, finding.verdict)
            if finding
            else _default_verdict([r for results in per_size.values() for r in results])
        )
        rows.append(cells)
    return rows


def _default_verdict(results: list[RuleYear]) -> str:
    """The verdict of a rule without a hand-written finding, from its results on every LA size."""
    children = _children_total(results)
    disagreeing = children.only_ours + children.only_theirs
    if children.ours == children.theirs == 0:
        return "neither flags a child"
    if disagreeing == 0:
        return "agree"
    if sum(r.disagreeing_quarantined for r in results) == disagreeing:
        return "definitional: every disagreeing child has a quarantined row (cause 1)"
    return "to explain"


def _code_order(code: str) -> tuple[int, int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (0 if code[:1].isdigit() else 1, int(digits[:4]) if digits else 0, code)


def _anchor(code: str) -> str:
    return code.lower()


def _years_text(years: list[int]) -> str:
    if not years:
        return ""
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}-{years[-1]}"
    return ", ".join(str(y) for y in years)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def timing_rows(run: SizeRun) -> list[list[str]]:
    """Per year: our build of that year and the previous, DfE's validator on the same files."""
    by_year: dict[object, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for t in run.timings:
        by_year[t["year"]][f"{t['side']}:{t['step']}"] += t["seconds"]
    rows = []
    ours_sum = theirs_sum = process_sum = 0.0
    for year in run.years:
        cell = by_year.get(year, {})
        ingest = cell.get("ours:ingest")
        dbt = cell.get("ours:dbt build (validation models)")
        validate = cell.get("theirs:validate (read + rules)", 0.0)
        process = cell.get("theirs:process (start, import, validate)", 0.0)
        ours = (ingest or 0.0) + (dbt or 0.0)
        ours_sum, theirs_sum, process_sum = ours_sum + ours, theirs_sum + validate, process_sum + process
        rows.append(
            [
                str(year),
                "" if ingest is None else f"{ingest:.1f}",
                "" if dbt is None else f"{dbt:.1f}",
                "" if ingest is None else f"{ours:.1f}",
                f"{validate:.1f}",
                f"{process:.1f}",
            ]
        )
    all_years = by_year.get("all", {})
    rows.append(["sum of the years", "", "", f"{ours_sum:.1f}", f"{theirs_sum:.1f}", f"{process_sum:.1f}"])
    ingest_all = all_years.get("ours:ingest", 0.0)
    dbt_all = all_years.get("ours:dbt build (validation models)", 0.0)
    rows.append(
        [
            "all years in one build (ours)",
            f"{ingest_all:.1f}",
            f"{dbt_all:.1f}",
            f"{ingest_all + dbt_all:.1f}",
            "",
            "",
        ]
    )
    return rows


def render_report(report: ReportInput) -> str:
    findings = read_findings(report.findings_csv)
    runs = report.runs
    default = runs[0]
    lines = [
        "# Agreement with DfE's open-source SSDA903 validator",
        "",
        "Generated by `make compare-validator` (`tools/dfe_validator/compare.py`); do not edit by hand. "
        "The findings per rule come from `tools/dfe_validator/findings.csv`.",
        "",
        "The project's rules (`macros/validation/rules/`, registry `seeds/validation_rules.csv`, report "
        "`restricted_validation.fct_validation_errors`) are run beside DfE's validator "
        f"`csc-validator-be-903` {_validator_version(default)} (in its own environment, "
        "`.venv-dfe-validator`) on the same synthetic CSV returns with labelled faults "
        f"(`flows.synth`, LA {report.la_code}, "
        + ", ".join(f"{_size_label(r.size)}: {_n(r.rows)} rows" for r in runs)
        + "). On top of the generator's faults, `tools/dfe_validator/mutate.py` changes one cell in 1% of "
        "the data rows of every file (another row's value, a blank, or a date moved), so that most rules "
        "have cases: "
        + "; ".join(
            f"{_size_label(r.size)}: " + ", ".join(f"{_n(v)} {k}" for k, v in sorted(r.mutations.items()))
            for r in runs
            if r.mutations
        )
        + ". DfE's validator has rule sets for the collection years 2023 to 2027 only, so those are the "
        "years compared; each year's validation is given the previous year's files, as DfE's tool expects.",
        "",
        "For each rule both sides run in a year, the children each flags are compared (a child is the "
        "pair collection year and child id); where our rule points at rows, the rows of the return's own "
        "files are compared too (file and line). Agreement = flagged by both / flagged by either. A trailing "
        "`.0` on a child id (a spreadsheet's fault the ingest removes) is removed on DfE's side before "
        "matching. Counts only: no child-level value appears here; the raw counts per rule, year and LA "
        f"size are in `{report.out_folder.as_posix()}/agreement_by_rule.csv`.",
        "",
    ]
    lines += _coverage_section(report)
    if report.causes_md.exists():
        lines += ["## Why the two sides differ", "", report.causes_md.read_text().strip(), ""]
    lines += ["## Summary by rule", ""]
    header = ["rule", "years", "children ours / theirs / both (default LA)"]
    header += [f"agreement {_size_label(r.size)}" for r in runs]
    header += ["rows agreement (default)", "disagreeing children with a quarantined row (default)", "finding"]
    lines += _table(header, summary_rows(report, findings))
    lines += ["", "## Timings (seconds, 2 cores)", ""]
    lines += [
        "Ours per year = ingest of that year's and the previous year's files into a new build file plus "
        "`dbt build` of the seeds, staging views and validation models (dbt's start-up and parse "
        "included). Theirs = DfE's validator reading the same files and running every rule of the year "
        "(`validate`); `process` adds Python start-up and imports.",
        "",
    ]
    for run in runs:
        lines += [f"### {_size_label(run.size)} LA ({_n(run.rows)} rows, all years)", ""]
        lines += _table(
            ["year", "ours: ingest", "ours: dbt", "ours: total", "theirs: validate", "theirs: process"],
            timing_rows(run),
        )
        lines.append("")
    lines += _dfe_notes(runs)
    lines += ["## Per rule", ""]
    lines += _per_rule_sections(report, findings)
    return "\n".join(lines).rstrip() + "\n"


def _validator_version(run: SizeRun) -> str:
    for meta in run.dfe_meta.values():
        return str(meta.get("validator_version", ""))
    return ""


def _coverage_section(report: ReportInput) -> list[str]:
    run = report.runs[0]
    ours_any: set[str] = set()
    theirs_any: set[str] = set()
    for year in run.years:
        ours_any |= set(run.rules_ours.get(year, {}))
        theirs_any |= {rule_key(c) for c in run.dfe_meta.get(year, {}).get("rules_in_year", [])}
    compared = {rule_key(r.rule_code) for r in run.results}
    only_ours = sorted(ours_any - theirs_any, key=_code_order)
    lines = [
        "## Coverage",
        "",
        f"- Rules compared (both sides run them in at least one year 2023-2027): **{len(compared)}**.",
        f"- Our rules DfE's validator does not have in these years: {len(only_ours)}"
        + (f" ({', '.join(only_ours)})." if only_ours else "."),
        f"- DfE's rules we do not implement: {len(theirs_any - ours_any)} of {len(theirs_any)}.",
    ]
    for r in report.runs:
        per_rule: dict[str, list[RuleYear]] = defaultdict(list)
        for result in r.results:
            per_rule[result.rule_code].append(result)
        totals_by_rule = [_children_total(results) for results in per_rule.values()]
        same = sum(1 for c in totals_by_rule if c.both and not (c.only_ours or c.only_theirs))
        none = sum(1 for c in totals_by_rule if not (c.ours or c.theirs))
        lines.append(
            f"- {_size_label(r.size)} LA: {same} rules flag exactly the same children on both sides, "
            f"{len(totals_by_rule) - same - none} differ (explained per rule below), {none} flag no child "
            "on either side."
        )
    totals = [(r, _children_total(r.results)) for r in report.runs]
    for r, total in totals:
        lines.append(
            f"- {_size_label(r.size)} LA, all compared rules and years: children flagged by ours "
            f"{_n(total.ours)}, by theirs {_n(total.theirs)}, by both {_n(total.both)} "
            f"(agreement {format_pct(total.agreement_pct)}; the tool's defects in 146, 202, SW03STG1 and "
            "SW13STG1, cause 3 below, make most of the difference)."
        )
    lines.append("")
    return lines


def _dfe_notes(runs: list[SizeRun]) -> list[str]:
    lines = ["## What DfE's validator could not do", ""]
    any_note = False
    for run in runs:
        for year, meta in sorted(run.dfe_meta.items()):
            for item in meta.get("files_rejected", []):
                any_note = True
                handled = (
                    "given to it with exactly its columns (missing ones blank, extra ones dropped) so that "
                    "the year could be compared"
                    if item.get("adapted")
                    else "left out of that validation"
                )
                lines.append(
                    f"- {_size_label(run.size)} LA, {year} validation: refuses `{item['file']}` "
                    f"({item['description'].lower()}; its tool then refuses the whole upload): "
                    f"{item['problem'].rstrip('!. ')}. The file was {handled}."
                )
            crashed = meta.get("rules_crashed", [])
            if crashed:
                any_note = True
                lines.append(
                    f"- {_size_label(run.size)} LA, {year}: rules that raised an error and report nothing: "
                    + ", ".join(crashed)
                    + "."
                )
            skipped = meta.get("rules_skipped", [])
            if skipped:
                any_note = True
                lines.append(
                    f"- {_size_label(run.size)} LA, {year}: rules skipped for want of a table or an Ofsted "
                    f"provider list: {len(skipped)} (" + ", ".join(skipped) + ")."
                )
    if not any_note:
        lines.append("- Nothing: every file was read and every rule ran.")
    lines.append("")
    return lines


def _per_rule_sections(report: ReportInput, findings: dict[str, Finding]) -> list[str]:
    by_rule: dict[str, list[tuple[float, RuleYear]]] = defaultdict(list)
    for run in report.runs:
        for result in run.results:
            by_rule[result.rule_code].append((run.size, result))
    lines: list[str] = []
    quiet = [
        code
        for code, items in by_rule.items()
        if all(
            r.children.ours == r.children.theirs == 0 and not (r.rows and (r.rows.ours or r.rows.theirs))
            for _, r in items
        )
    ]
    if quiet:
        lines += [
            f"Neither side flags anything in any year or LA for {len(quiet)} rules: "
            + ", ".join(sorted(quiet, key=_code_order))
            + ".",
            "",
        ]
    for code in sorted(set(by_rule) - set(quiet), key=_code_order):
        message = report.messages.get(rule_key(code), "")
        lines += [
            f'<a id="rule-{_anchor(code)}"></a>',
            f"### {code}" + (f": {message}" if message else ""),
            "",
        ]
        finding = findings.get(rule_key(code))
        if finding:
            lines += [f"**{VERDICTS.get(finding.verdict, finding.verdict)}.** {finding.text}", ""]
        rows = []
        for size, r in sorted(by_rule[code], key=lambda item: (item[0], item[1].year)):
            c, w = r.children, r.rows
            row = [
                _size_label(size),
                str(r.year),
                _n(c.ours),
                _n(c.theirs),
                _n(c.both),
                _n(c.only_ours),
                _n(c.only_theirs),
                format_pct(c.agreement_pct),
            ]
            if w is None:
                row += ["", "", "", "not compared"]
            else:
                row += [_n(w.both), _n(w.only_ours), _n(w.only_theirs), format_pct(w.agreement_pct)]
            row.append(_n(r.disagreeing_quarantined))
            rows.append(row)
        lines += _table(
            [
                "LA",
                "year",
                "children ours",
                "theirs",
                "both",
                "only ours",
                "only theirs",
                "agreement",
                "rows both",
                "only ours",
                "only theirs",
                "agreement",
                "disagreeing, quarantined",
            ],
            rows,
        )
        lines.append("")
    return lines
