"""The main Prefect flow: ingest -> dbt build -> quality gate -> publish (+ summary page).

One task per stage. Only publication retries: it touches the file system and is idempotent, so a
transient failure there is worth a second try; bad input, failing SQL and failing checks are not
transient and are never retried. Tasks return counts, paths and hashes (never data frames or
child-level values), because Prefect keeps what tasks return and shows what flows log.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Failed

from flows import run_summary
from flows.dbt_runner import DbtBuildResult, run_dbt_build
from flows.environment import CODE_LISTS_SEED, SYNTHETIC_MARKER
from flows.gate import Finding, GateResult, evaluate_gate, write_findings_report
from flows.ingest import IngestSummary, discover_extracts, ingest_extracts, load_code_lists
from flows.ingest.postcodes import PostcodeIngest, find_postcode_lookups
from flows.ingest.tasks import postcode_lookup_task
from flows.progress import reporter
from flows.provenance import code_version
from flows.publish import (
    Release,
    assemble_release,
    point_published_at,
    prune_releases,
    read_published_manifest,
    sha256_file,
)
from flows.report import render_summary
from flows.warehouse_layout import BuildPaths, WarehouseLayout

MANDATORY_TABLES = ("header", "episodes")


@dataclass
class RunOutcome:
    """What the CLI needs to tell the analyst, and what the benchmark measures."""

    status: str  # published | unchanged | blocked
    run_id: str
    message: str
    release_id: str | None = None
    build_dir: str | None = None
    findings_report: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    files: int = 0
    blocking_findings: list[str] = field(default_factory=list)  # messages only: no child-level values


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def is_synthetic(extracts_dir: Path) -> bool:
    return (extracts_dir / SYNTHETIC_MARKER).exists()


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_stage(extracts_dir: Path, database: Path, load_id: str) -> IngestSummary:
    """Type every cell once and load the raw tables of a new build file."""
    code_lists = load_code_lists(CODE_LISTS_SEED)
    progress = reporter()
    con = duckdb.connect(str(database))
    try:
        summary = ingest_extracts(con, extracts_dir, load_id, code_lists, progress=progress.file_loaded)
        con.execute("checkpoint")
    finally:
        con.close()
    return summary


@task(name="dbt build", cache_policy=NO_CACHE)
def dbt_stage(build: BuildPaths, parse_cache: Path) -> DbtBuildResult:
    logger = get_run_logger()
    progress = reporter()
    # dbt runs in a subprocess; meanwhile this process loads Great Expectations for the gate.
    threading.Thread(target=warm_up_gate, daemon=True).start()
    result = run_dbt_build(build, on_line=progress.dbt_line, parse_cache=parse_cache)
    logger.info("dbt build finished: %s", result.statuses)
    return result


@task(name="quality gate", cache_policy=NO_CACHE)
def gate_stage(
    build: BuildPaths, la_years: list[tuple[str, int]], ingest_findings: list[Finding]
) -> GateResult:
    result = evaluate_gate(build.database, build.dbt_target, la_years, ingest_findings)
    write_findings_report(result, build.root)
    return result


@task(name="publish", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def publish_stage(layout: WarehouseLayout, build: BuildPaths, manifest: dict, synthetic: bool) -> Release:
    release_id = f"{manifest['run_id']}-{manifest['inputs_digest'][:8]}"

    def summary_page(release_db: Path, out_path: Path) -> Path:
        return render_summary(release_db, out_path, synthetic=synthetic, release_id=release_id)

    release = assemble_release(layout, build.database, release_id, manifest, summary_page)
    point_published_at(layout, release)
    return release


def warm_up_gate() -> None:
    """Import Great Expectations ahead of the gate (about 4 s of imports)."""
    import great_expectations  # noqa: F401


def ingest_findings(summary: IngestSummary) -> list[Finding]:
    """Rejected files and missing mandatory tables block; quarantined rows and stray files warn."""
    findings = [
        Finding("ingest", "file rejected", "error", load.rows_read, load.message or load.relative_path)
        for load in summary.files
        if load.status == "rejected"
    ]
    for load in summary.files:
        if load.rows_quarantined:
            findings.append(
                Finding(
                    "ingest",
                    "rows quarantined",
                    "warning",
                    load.rows_quarantined,
                    f"{load.relative_path}: {load.rows_quarantined} of {load.rows_read} rows quarantined "
                    "(see raw_audit.quarantine in the build warehouse)",
                )
            )
    findings += [
        Finding("ingest", "file not used", "warning", 0, f"{problem.relative_path}: {problem.message}")
        for problem in summary.problems
    ]
    loaded = {(f.la_code, f.collection_year, f.table_name) for f in summary.files if f.status == "loaded"}
    for la_code, year in loaded_la_years(summary):
        for table in MANDATORY_TABLES:
            if (la_code, year, table) not in loaded:
                findings.append(
                    Finding(
                        "ingest",
                        "mandatory table missing",
                        "error",
                        0,
                        f"LA {la_code}, collection year {year}: no {table} table was loaded; "
                        f"add the return's {table} CSV to {la_code}/ssda903/{year}/",
                    )
                )
    return findings


def postcode_lookup_findings(lookups: PostcodeIngest, la_years: list[tuple[str, int]]) -> list[Finding]:
    """The lookup is optional: problems with it, or its absence, warn (its indicators become x)."""
    findings = [
        Finding("ingest", "postcode lookup rejected", "warning", 0, load.message or load.relative_path)
        for load in lookups.loads
        if load.status == "rejected"
    ]
    findings += [
        Finding(
            "ingest",
            "rows quarantined",
            "warning",
            load.rows_quarantined,
            f"{load.relative_path}: {load.rows_quarantined} of {load.rows_read} rows quarantined "
            "(see raw_audit.quarantine in the build warehouse)",
        )
        for load in lookups.loads
        if load.rows_quarantined
    ]
    findings += [
        Finding("ingest", "file not used", "warning", 0, f"{problem.relative_path}: {problem.message}")
        for problem in lookups.problems
    ]
    supplied = lookups.las_with_lookup()
    findings += [
        Finding(
            "ingest",
            "postcode lookup not supplied",
            "warning",
            0,
            f"LA {la_code}: no postcode lookup was loaded, so the placement location and distance "
            f"indicators are published as x; add an ONSPD extract as {la_code}/reference/postcodes.csv",
        )
        for la_code in sorted({la for la, _ in la_years} - supplied)
    ]
    return findings


def loaded_la_years(summary: IngestSummary) -> list[tuple[str, int]]:
    return sorted({(f.la_code, f.collection_year) for f in summary.files})


def inputs_manifest(summary: IngestSummary) -> list[dict]:
    return [
        {
            "file": load.relative_path,
            "sha256": load.file_sha256,
            "table": load.table_name,
            "la_code": load.la_code,
            "collection_year": load.collection_year,
            "status": load.status,
            "rows_read": load.rows_read,
            "rows_loaded": load.rows_loaded,
            "rows_quarantined": load.rows_quarantined,
        }
        for load in sorted(summary.files, key=lambda f: f.relative_path)
    ]


def inputs_digest(files: list[tuple[str, str]], fingerprint: str) -> str:
    """One hash over the extracts' names and contents and the code: equal digests, equal releases."""
    digest = hashlib.sha256(fingerprint.encode())
    for relative_path, file_hash in sorted(files):
        digest.update(f"\0{relative_path}\0{file_hash}".encode())
    return digest.hexdigest()


def current_inputs_digest(extracts_dir: Path, fingerprint: str) -> str:
    extracts, _ = discover_extracts(extracts_dir)
    lookups, _ = find_postcode_lookups(extracts_dir)
    files = [*extracts, *lookups]
    return inputs_digest([(f.relative_path, sha256_file(f.path)) for f in files], fingerprint)


def prune_builds(layout: WarehouseLayout, keep: int) -> None:
    """Keep the newest `keep` build folders (failed builds stay for inspection until then)."""
    builds = sorted(p for p in layout.builds.iterdir() if p.is_dir()) if layout.builds.exists() else []
    for path in builds[: max(0, len(builds) - keep)]:
        shutil.rmtree(path, ignore_errors=True)


@flow(name="csc-outcomes", log_prints=False)
def pipeline(
    extracts_dir: Path,
    warehouse_dir: Path,
    keep_releases: int = 5,
    force: bool = False,
) -> RunOutcome:
    """Build a new warehouse from the extracts and publish it if the quality gate passes."""
    started = time.perf_counter()
    timings: dict[str, float] = {}
    layout = WarehouseLayout(warehouse_dir)
    run_id = new_run_id()
    progress = reporter()
    versions = code_version()
    digest = current_inputs_digest(extracts_dir, versions["fingerprint"] or "")
    published = read_published_manifest(layout)
    if published and published.get("inputs_digest") == digest and not force:
        outcome = RunOutcome(
            status="unchanged",
            run_id=run_id,
            release_id=published.get("release_id"),
            message=f"Release {published.get('release_id')} was built from these extracts with this code; "
            "nothing to do (use --force to rebuild).",
        )
        run_summary.publish_artifact(outcome)
        return outcome

    prune_builds(layout, keep_releases)
    build = BuildPaths(layout.build_dir(run_id))
    build.root.mkdir(parents=True, exist_ok=True)

    progress.stage("ingest")
    t0 = time.perf_counter()
    summary = ingest_stage(extracts_dir, build.database, run_id)
    lookups = postcode_lookup_task(build.database, extracts_dir, run_id)
    timings["ingest"] = time.perf_counter() - t0

    progress.stage("dbt build")
    t0 = time.perf_counter()
    dbt_result = dbt_stage(build, layout.dbt_parse_cache)
    timings["dbt_build"] = time.perf_counter() - t0

    progress.stage("quality gate")
    t0 = time.perf_counter()
    la_years = loaded_la_years(summary)
    gate = gate_stage(build, la_years, ingest_findings(summary) + postcode_lookup_findings(lookups, la_years))
    timings["gate"] = time.perf_counter() - t0

    outcome = RunOutcome(
        status="blocked",
        run_id=run_id,
        message="",
        build_dir=str(build.root),
        findings_report=str(build.root / "findings.md"),
        rows_read=summary.rows_read,
        rows_loaded=summary.rows_loaded,
        rows_quarantined=summary.rows_quarantined,
        files=len(summary.files),
        timings=timings,
    )
    if not gate.passed:
        errors = sum(1 for f in gate.findings if f.severity == "error")
        outcome.blocking_findings = [
            f"{f.source} / {f.check}: {f.message}" for f in gate.findings if f.severity == "error"
        ]
        outcome.message = (
            f"The quality gate found {errors} blocking problem(s); the published release was not changed. "
            f"Findings: {outcome.findings_report}"
        )
        timings["total_in_flow"] = time.perf_counter() - started
        run_summary.publish_artifact(outcome, gate)
        return Failed(message="Quality gate blocked publication", data=outcome)

    progress.stage("publish")
    t0 = time.perf_counter()
    manifest = {
        "run_id": run_id,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "synthetic": is_synthetic(extracts_dir),
        "code_version": versions,
        "inputs_digest": digest,
        "inputs": inputs_manifest(summary),
        "reference_inputs": [
            {"file": f.relative_path, "sha256": f.file_sha256, "table": "postcodes", "status": f.status}
            for f in lookups.loads
        ],
        "la_years": [list(pair) for pair in la_years],
        "dbt": dbt_result.statuses,
        "gate": gate.to_dict(),
    }
    release = publish_stage(layout, build, manifest, manifest["synthetic"])
    prune_releases(layout, keep_releases)
    timings["publish"] = time.perf_counter() - t0
    timings["total_in_flow"] = time.perf_counter() - started
    outcome.status = "published"
    outcome.release_id = release.release_id
    outcome.message = f"Published release {release.release_id}."
    run_summary.publish_artifact(outcome, gate)
    return outcome
