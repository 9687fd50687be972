"""Compare the project's SSDA903 validation rules with DfE's open-source validator, rule by rule.

Run under the project's environment (`make compare-validator`):

    .venv/bin/python -m tools.dfe_validator.compare --dfe-python .venv-dfe-validator/bin/python \
        --out bench/validator-agreement --report docs/validation-agreement.md

For each LA size (default: the demo LA and one ten times larger) it generates synthetic returns with
labelled faults (`flows.synth`) and adds random rule-level faults (`mutate.py`), then

- ours: ingests every year into a new build file (`flows.ingest`) and builds the validation models
  with dbt (seeds, staging, `models/validation`; no tests), then reads
  `restricted_validation.fct_validation_errors`; timed for all years in one build, and per year on a
  build holding only that year and the previous one (what DfE's validator reads);
- theirs: runs `run_dfe.py` in DfE's validator's own environment once per collection year, with the
  previous year's files as its "previous year" upload;

and compares, for every rule both implement in a year, the children (and rows) each flags. Outputs:
the generated report (counts only), `agreement_by_rule.csv`, `timings.csv`, `dfe_meta.json` and
`results.json` (what the report is rendered from: `--render-only` re-renders it after the hand-written
`findings.csv` or `causes.md` change) in `--out`. Child-level intermediate files stay in `--out/work`
and are deleted unless `--keep-work`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows.dbt_runner import PARTIAL_PARSE_FILE, dbt_executable
from flows.environment import CODE_LISTS_SEED, PROJECT_DIR, SEEDS_DIR, quiet_environment
from flows.ingest import ingest_extracts, load_code_lists
from flows.synth import SynthConfig, generate
from tools.dfe_validator.agreement import (
    Flag,
    RuleYear,
    YearRules,
    compare_year,
    fill_children_from_files,
    normalise_child,
    parse_dfe_errors,
    rule_key,
)
from tools.dfe_validator.mutate import mutate_extracts
from tools.dfe_validator.registry import our_messages, our_rules_by_year
from tools.dfe_validator.report import ReportInput, SizeRun, load_runs, render_report, save_runs

HERE = Path(__file__).resolve().parent
RUN_DFE = HERE / "run_dfe.py"
FINDINGS = HERE / "findings.csv"
CAUSES = HERE / "causes.md"
REGISTRY = SEEDS_DIR / "validation_rules.csv"
FIRST_DFE_YEAR = 2023  # the validator's earliest rule set is lac2022_23
ERRORS_TABLE = "restricted_validation.fct_validation_errors"
DBT_SELECT = ["--select", "+path:models/validation", "--resource-type", "seed", "--resource-type", "model"]


@dataclass(frozen=True)
class OursRun:
    flags: list[Flag]
    quarantined: frozenset[tuple[int, str]]  # (collection year, child) of every quarantined row
    ingest_s: float
    dbt_s: float


def la_gss_codes(la_code: str) -> list[str]:
    """The LA's GSS codes from the project's lookup, newest first (DfE's validator wants one)."""
    with open(SEEDS_DIR / "la_lookup.csv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["old_la_code"] == la_code]
    rows.sort(key=lambda r: r.get("valid_from_year") or "0", reverse=True)
    return [r["new_la_code"] for r in rows]


def link_years(extracts: Path, la_code: str, years: list[int], target: Path) -> Path:
    """A copy (hard links) of the extracts holding only `years`: what one DfE validation reads."""
    shutil.rmtree(target, ignore_errors=True)
    for year in years:
        source = extracts / la_code / "ssda903" / str(year)
        if source.is_dir():
            shutil.copytree(source, target / la_code / "ssda903" / str(year), copy_function=os.link)
    return target


def run_ours(extracts: Path, build_root: Path, parse_cache: Path) -> OursRun:
    """Ingest into a new build file and build the validation models; read the flagged rows."""
    shutil.rmtree(build_root, ignore_errors=True)
    build_root.mkdir(parents=True)
    database = build_root / "build.duckdb"
    started = time.perf_counter()
    con = duckdb.connect(str(database))
    try:
        ingest_extracts(con, extracts, "compare", load_code_lists(CODE_LISTS_SEED))
        con.execute("checkpoint")
    finally:
        con.close()
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    dbt_build_validation(build_root, parse_cache)
    dbt_s = time.perf_counter() - started
    with duckdb.connect(str(database), read_only=True) as con:
        records = con.execute(
            f"select rule_code, collection_year, child_id, source_file, source_row from {ERRORS_TABLE}"
        ).fetchall()
        quarantine = con.execute(
            "select distinct collection_year, source_file, source_row from raw_audit.quarantine "
            "where source_row is not null"
        ).fetchall()
    flags = [
        Flag(str(code), int(year), normalise_child(child), file, int(row) if row is not None else None)
        for code, year, child, file, row in records
    ]
    flags = fill_children_from_files(flags, extracts)
    rows = fill_children_from_files([Flag("", int(y), "", f, int(r)) for y, f, r in quarantine], extracts)
    quarantined = frozenset((f.year, f.child) for f in rows if f.child)
    return OursRun(flags=flags, quarantined=quarantined, ingest_s=ingest_s, dbt_s=dbt_s)


def dbt_build_validation(build_root: Path, parse_cache: Path) -> None:
    """`dbt build` of the validation models and what they read, in the build folder (as the pipeline does)."""
    target = build_root / "dbt_target"
    target.mkdir(parents=True, exist_ok=True)
    cached = parse_cache / PARTIAL_PARSE_FILE
    if cached.exists():
        shutil.copyfile(cached, target / PARTIAL_PARSE_FILE)
    command = [
        dbt_executable(),
        "build",
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(target),
        "--log-path",
        str(build_root / "dbt_logs"),
        "--no-use-colors",
        *DBT_SELECT,
    ]
    env = {**os.environ, "CSC_WAREHOUSE": "build.duckdb"}
    completed = subprocess.run(command, cwd=build_root, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        tail = "\n".join(completed.stdout.splitlines()[-30:])
        raise RuntimeError(
            f"dbt build of the validation models failed (exit {completed.returncode}):\n{tail}"
        )
    produced = target / PARTIAL_PARSE_FILE
    if produced.exists():
        parse_cache.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, cached)


def run_theirs(
    dfe_python: str, extracts: Path, la_code: str, year: int, out: Path
) -> tuple[list[Flag], dict, float]:
    """DfE's validator on one year (and the previous year's files); its flags, meta and wall time."""
    folder = extracts / la_code / "ssda903"
    command = [
        dfe_python,
        str(RUN_DFE),
        "--year",
        str(year),
        "--this-year",
        str(folder / str(year)),
        "--prev-year",
        str(folder / str(year - 1)),
        "--la-codes",
        ",".join(la_gss_codes(la_code)),
        "--root",
        str(extracts),
        "--out",
        str(out),
        "--adapt-columns",
    ]
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(
            f"DfE's validator failed on {year} (exit {completed.returncode}):\n{completed.stderr}"
        )
    meta = json.loads((out / "meta.json").read_text())
    return parse_dfe_errors(out / "errors.csv", year), meta, wall


def timing(side: str, year: int | str, step: str, seconds: float) -> dict:
    return {"side": side, "year": year, "step": step, "seconds": seconds}


def compare_size(args: argparse.Namespace, size: float, work: Path, parse_cache: Path) -> SizeRun:
    """Generate one LA size, run both sides, compare every shared rule in every year."""
    extracts = work / "extracts"
    shutil.rmtree(extracts, ignore_errors=True)
    config = SynthConfig(la_code=args.la, years=tuple(args.years), size=size, faults=True)
    generated = generate(extracts, config)
    mutated = (
        mutate_extracts(extracts, args.mutate, config.seed, work / "mutations.json") if args.mutate else {}
    )
    dfe_years = [y for y in args.years if y >= FIRST_DFE_YEAR and y - 1 in args.years]
    print(f"size {size:g}: {generated.rows_written} rows generated; ours (all years) ...", flush=True)
    ours_all = run_ours(extracts, work / "ours-all", parse_cache)
    timings: list[dict] = [
        timing("ours", "all", "ingest", ours_all.ingest_s),
        timing("ours", "all", "dbt build (validation models)", ours_all.dbt_s),
    ]
    rules_ours = our_rules_by_year(REGISTRY, dfe_years)
    results: list[RuleYear] = []
    dfe_meta: dict[int, dict] = {}
    for year in dfe_years:
        print(f"size {size:g}: {year}: DfE's validator ...", flush=True)
        theirs, meta, wall = run_theirs(args.dfe_python, extracts, args.la, year, work / f"dfe-{year}")
        dfe_meta[year] = meta
        timings += [
            {
                "side": "theirs",
                "year": year,
                "step": "validate (read + rules)",
                "seconds": meta["validate_s"],
            },
            {"side": "theirs", "year": year, "step": "process (start, import, validate)", "seconds": wall},
        ]
        if not args.no_per_year_ours:
            subset = link_years(extracts, args.la, [year - 1, year], work / f"extracts-{year}")
            print(f"size {size:g}: {year}: ours (this year and the previous) ...", flush=True)
            ours_year = run_ours(subset, work / f"ours-{year}", parse_cache)
            timings += [
                {"side": "ours", "year": year, "step": "ingest", "seconds": ours_year.ingest_s},
                {
                    "side": "ours",
                    "year": year,
                    "step": "dbt build (validation models)",
                    "seconds": ours_year.dbt_s,
                },
            ]
        not_run = {rule_key(c): "skipped" for c in meta["rules_skipped"]}
        not_run |= {rule_key(c): "crashed" for c in meta["rules_crashed"]}
        rules = YearRules(
            ours=rules_ours[year],
            theirs={rule_key(c): c for c in meta["rules_in_year"]},
            theirs_not_run=not_run,
        )
        ours_year_flags = [f for f in ours_all.flags if f.year == year]
        results += list(compare_year(year, rules, ours_year_flags, theirs, ours_all.quarantined))
    return SizeRun(
        size=size,
        rows=generated.rows_written,
        mutations=dict(mutated),
        years=dfe_years,
        results=results,
        timings=timings,
        dfe_meta=dfe_meta,
        rules_ours=rules_ours,
    )


def write_outputs(out: Path, runs: list[SizeRun]) -> None:
    """The raw per-rule comparison and the timings as CSV (counts only), and DfE's run notes."""
    with open(out / "agreement_by_rule.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "la_size",
                "rule_code",
                "collection_year",
                "children_ours",
                "children_theirs",
                "children_both",
                "children_only_ours",
                "children_only_theirs",
                "children_agreement_pct",
                "rows_ours",
                "rows_theirs",
                "rows_both",
                "rows_only_ours",
                "rows_only_theirs",
                "rows_agreement_pct",
                "rows_theirs_in_previous_return",
                "children_disagreeing_with_quarantined_row",
            ]
        )
        for run in runs:
            for r in run.results:
                c, w = r.children, r.rows
                writer.writerow(
                    [
                        f"{run.size:g}",
                        r.rule_code,
                        r.year,
                        c.ours,
                        c.theirs,
                        c.both,
                        c.only_ours,
                        c.only_theirs,
                        "" if c.agreement_pct is None else f"{c.agreement_pct:.2f}",
                        *(
                            ["", "", "", "", "", ""]
                            if w is None
                            else [
                                w.ours,
                                w.theirs,
                                w.both,
                                w.only_ours,
                                w.only_theirs,
                                "" if w.agreement_pct is None else f"{w.agreement_pct:.2f}",
                            ]
                        ),
                        r.rows_in_previous_return,
                        r.disagreeing_quarantined,
                    ]
                )
    with open(out / "timings.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["la_size", "side", "year", "step", "seconds"])
        writer.writeheader()
        for run in runs:
            for t in run.timings:
                writer.writerow({"la_size": f"{run.size:g}", **t, "seconds": f"{t['seconds']:.2f}"})
    notes = {
        f"{run.size:g}": {
            str(year): {k: v for k, v in meta.items() if k != "rules_in_year"}
            for year, meta in run.dfe_meta.items()
        }
        for run in runs
    }
    (out / "dfe_meta.json").write_text(json.dumps(notes, indent=1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare our validation rules with DfE's validator.")
    parser.add_argument("--dfe-python", help="python of the .venv-dfe-validator environment")
    parser.add_argument("--out", type=Path, required=True, help="folder for the raw CSVs (counts only)")
    parser.add_argument("--report", type=Path, required=True, help="markdown report to write")
    parser.add_argument("--la", default="815", help="old DfE LA code (default 815, the demo LA)")
    parser.add_argument("--sizes", default="1,10", help="LA sizes, comma-separated (default 1,10)")
    parser.add_argument("--years", default="2022-2027", help="collection years generated (default 2022-2027)")
    parser.add_argument(
        "--mutate",
        type=float,
        default=0.01,
        help="share of data rows given one random rule-level fault (tools/dfe_validator/mutate.py); 0 = none",
    )
    parser.add_argument("--no-per-year-ours", action="store_true", help="skip our per-year timing builds")
    parser.add_argument("--keep-work", action="store_true", help="keep the child-level work folder")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="re-render the report from --out/results.json (after editing findings.csv)",
    )
    args = parser.parse_args(argv)
    if not args.render_only and not args.dfe_python:
        parser.error("--dfe-python is required (make compare-validator creates .venv-dfe-validator)")
    first, _, last = args.years.partition("-")
    args.years = list(range(int(first), int(last or first) + 1))
    quiet_environment()

    args.out.mkdir(parents=True, exist_ok=True)
    if args.render_only:
        runs = load_runs(args.out / "results.json")
    else:
        work = args.out / "work"
        parse_cache = work / ".dbt_parse_cache"
        runs = []
        try:
            for size in (float(s) for s in args.sizes.split(",")):
                runs.append(compare_size(args, size, work / f"size-{size:g}", parse_cache))
        finally:
            if not args.keep_work:
                shutil.rmtree(work, ignore_errors=True)
        write_outputs(args.out, runs)
        save_runs(runs, args.out / "results.json")
    report = ReportInput(
        runs=runs,
        findings_csv=FINDINGS,
        la_code=args.la,
        out_folder=args.out,
        messages=our_messages(REGISTRY),
        causes_md=CAUSES,
    )
    args.report.write_text(render_report(report))
    print(f"wrote {args.report} and {args.out}/agreement_by_rule.csv, timings.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
