"""End to end: the real command, a real Prefect server, real dbt and GX, on synthetic extracts.

One synthetic LA (two collection years to keep the suite quick) is generated once; each test runs
`csc-outcomes` as an analyst would, in a subprocess whose every Python process is audited for
network access (tests/support/netaudit).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows.synth import SynthConfig, generate

pytestmark = pytest.mark.e2e

CLI = str(Path(sys.executable).with_name("csc-outcomes"))
NETAUDIT = Path(__file__).parent / "support" / "netaudit"
SEEDS = Path(__file__).parent.parent / "seeds"
FIRST_RELEASE = {
    "cla_31mar",
    "cla_rate_31mar",
    "cla_starts",
    "cla_ceases",
    "pct_3plus_placements_year",
    "pct_longterm_stability_u16",
}
YEARS = (2024, 2025)


def run_cli(*args: str, audit_log: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(NETAUDIT), "CSC_NETAUDIT_LOG": str(audit_log)}
    env.pop("PREFECT_HOME", None)
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=env, timeout=timeout)


def published_fingerprint(warehouse: Path) -> dict[str, bytes]:
    published = warehouse / "published"
    return {
        name: (published / name).read_bytes()
        for name in (
            "exports/indicators.csv",
            "exports/indicators.parquet",
            "exports/benchmarks.csv",
            "exports/benchmarks.parquet",
            "manifest.json",
            "warehouse.duckdb",
        )
    }


def tokens(text: str) -> set[str]:
    """Whole alphanumeric words: a child id must not match inside a hash or a timestamp."""
    return set(re.findall(r"[A-Za-z0-9]+", text))


def child_identifiers(extracts: Path) -> set[str]:
    """CHILD ids of the extracts, less any that also occur as a number in the public seeds (a
    population figure is not a child-level value even if it happens to equal an id)."""
    ids: set[str] = set()
    for header in extracts.glob("*/ssda903/*/header.csv"):
        with header.open(newline="", encoding="utf-8-sig") as handle:
            ids.update(row["CHILD"] for row in csv.DictReader(handle) if row.get("CHILD"))
    public = set().union(*(tokens(seed.read_text()) for seed in SEEDS.glob("*.csv")))
    return ids - public


@pytest.fixture(scope="module")
def extracts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("extracts")
    generate(out, SynthConfig(years=YEARS))
    return out


@pytest.fixture(scope="module")
def published(extracts: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One successful run; later tests build on its warehouse."""
    root = tmp_path_factory.mktemp("run")
    warehouse, audit = root / "warehouse", root / "netaudit.log"
    result = run_cli("run", "--extracts", str(extracts), "--warehouse", str(warehouse), audit_log=audit)
    return {"result": result, "warehouse": warehouse, "audit": audit, "root": root}


def test_run_publishes_a_release(published: dict) -> None:
    result = published["result"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PUBLISHED" in result.stdout
    warehouse = published["warehouse"]
    assert (warehouse / "published").is_symlink()
    for name in (
        "warehouse.duckdb",
        "exports/indicators.csv",
        "exports/indicators.parquet",
        "exports/benchmarks.csv",
        "exports/benchmarks.parquet",
        "manifest.json",
        "summary.html",
    ):
        assert (warehouse / "published" / name).exists(), name


def test_published_indicators_cover_every_la_year(published: dict) -> None:
    with (published["warehouse"] / "published" / "exports" / "indicators.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:14] == [
        "time_period",
        "time_identifier",
        "geographic_level",
        "old_la_code",
        "new_la_code",
        "la_name",
        "indicator",
        "breakdown_topic",
        "breakdown",
        "numerator",
        "denominator",
        "value",
        "value_published",
        "unit",
    ]
    keys = {
        (r["old_la_code"], int(r["time_period"]), r["indicator"]) for r in rows if r["breakdown"] == "Total"
    }
    with (SEEDS / "indicator_catalogue.csv").open(newline="") as handle:
        catalogue = {row["indicator"] for row in csv.DictReader(handle)}
    assert set(FIRST_RELEASE) <= catalogue
    assert keys == {("815", year, ind) for year in YEARS for ind in catalogue}


def test_suppressed_cells_carry_no_figures_in_the_release(published: dict) -> None:
    with (published["warehouse"] / "published" / "exports" / "indicators.csv").open(newline="") as handle:
        suppressed = [r for r in csv.DictReader(handle) if r["value_published"] == "c"]
    assert suppressed, "the demo LA should have some suppressed cells"
    assert all(r["numerator"] == r["denominator"] == r["value"] == "" for r in suppressed)


def test_published_benchmarks_sit_beside_every_la_year(published: dict) -> None:
    with (published["warehouse"] / "published" / "exports" / "benchmarks.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    # every first-release indicator is published by DfE at LA level, so each LA-year has a row
    assert {(r["old_la_code"], int(r["time_period"]), r["indicator"]) for r in rows} >= {
        ("815", year, ind) for year in YEARS for ind in FIRST_RELEASE
    }
    rate = next(r for r in rows if (r["time_period"], r["indicator"]) == ("2025", "cla_rate_31mar"))
    # England's published 2025 rate, and North Yorkshire's region and ten 2025-model neighbours
    assert (rate["england_value_published"], rate["region_name"]) == ("67", "Yorkshire and The Humber")
    assert (rate["sn_model"], rate["neighbours_in_group"]) == ("2025", "10")


def test_published_warehouse_holds_no_restricted_schema(published: dict) -> None:
    con = duckdb.connect(str(published["warehouse"] / "published" / "warehouse.duckdb"), read_only=True)
    try:
        tables = con.execute("select table_schema, table_name from information_schema.tables").fetchall()
    finally:
        con.close()
    assert {schema for schema, _ in tables} <= {"reporting", "reference"}
    assert ("reporting", "rpt_indicators") in tables
    assert ("reporting", "rpt_indicator_benchmarks") in tables
    assert ("reporting", "rpt_indicator_neighbour_values") in tables
    assert ("reporting", "rpt_data_quality_warnings") not in tables  # unsuppressed counts stay in the build


def test_manifest_records_inputs_code_and_tests(published: dict) -> None:
    manifest = json.loads((published["warehouse"] / "published" / "manifest.json").read_text())
    assert manifest["synthetic"] is True
    published_dir = published["warehouse"] / "published"
    assert "SYNTHETIC DATA" in (published_dir / "exports" / "SYNTHETIC_DATA.txt").read_text()
    assert "SYNTHETIC DATA" in (published_dir / "SYNTHETIC_DATA.txt").read_text()
    assert manifest["inputs"] and all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert all(i["rows_read"] == i["rows_loaded"] + i["rows_quarantined"] for i in manifest["inputs"])
    assert manifest["code_version"]["fingerprint"]
    assert manifest["dbt"] and manifest["gate"]["passed"] is True
    assert manifest["outputs"]["exports/indicators.csv"]
    assert manifest["outputs"]["exports/benchmarks.csv"]


def test_no_child_level_value_is_published(published: dict, extracts: Path) -> None:
    ids = child_identifiers(extracts)
    assert ids
    published_dir = published["warehouse"] / "published"
    for name in ("exports/indicators.csv", "exports/benchmarks.csv", "manifest.json", "summary.html"):
        assert not ids & tokens((published_dir / name).read_text()), name
    assert not ids & tokens(published["result"].stdout + published["result"].stderr)


def test_run_makes_no_outbound_connection(published: dict) -> None:
    audit = published["audit"]
    audited = Path(f"{audit}.processes").read_text().splitlines()
    assert any("dbt" in line for line in audited), "the dbt subprocess was not audited"
    assert len(audited) >= 3  # the command, Prefect's server and dbt at least
    assert not audit.exists() or audit.read_text() == ""


def test_unchanged_extracts_are_not_rebuilt_and_forced_rebuild_is_identical(
    published: dict, extracts: Path
) -> None:
    warehouse, audit = published["warehouse"], published["root"] / "netaudit-2.log"
    before = published_fingerprint(warehouse)
    again = run_cli("run", "--extracts", str(extracts), "--warehouse", str(warehouse), audit_log=audit)
    assert again.returncode == 0, again.stderr
    assert "UNCHANGED" in again.stdout
    assert published_fingerprint(warehouse) == before

    forced = run_cli(
        "run", "--extracts", str(extracts), "--warehouse", str(warehouse), "--force", audit_log=audit
    )
    assert forced.returncode == 0, forced.stderr
    after = published_fingerprint(warehouse)
    assert after["exports/indicators.csv"] == before["exports/indicators.csv"]
    assert after["exports/benchmarks.csv"] == before["exports/benchmarks.csv"]
    assert (
        json.loads(after["manifest.json"])["release_id"] != json.loads(before["manifest.json"])["release_id"]
    )


def test_failing_build_is_blocked_and_release_untouched(
    published: dict, extracts: Path, tmp_path: Path
) -> None:
    """An LA folder that names no English LA (999) fails a blocking dbt test: nothing is published."""
    warehouse = published["warehouse"]
    before = published_fingerprint(warehouse)
    bad = tmp_path / "bad"
    shutil.copytree(extracts / "815", bad / "999")
    result = run_cli(
        "run", "--extracts", str(bad), "--warehouse", str(warehouse), audit_log=tmp_path / "a.log"
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "BLOCKED" in result.stderr
    assert published_fingerprint(warehouse) == before
    findings = sorted((warehouse / "builds").glob("*/findings.md"), key=lambda p: p.stat().st_mtime)[-1]
    text = findings.read_text()
    assert "BLOCKED" in text
    assert not child_identifiers(bad) & tokens(text)
    con = duckdb.connect(str(warehouse / "published" / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from reporting.rpt_indicators").fetchall()[0][0] > 0
    finally:
        con.close()


def test_killed_run_leaves_previous_release_intact(published: dict, extracts: Path, tmp_path: Path) -> None:
    warehouse = published["warehouse"]
    before = published_fingerprint(warehouse)
    builds_before = set((warehouse / "builds").iterdir())
    env = {**os.environ}
    env.pop("PREFECT_HOME", None)
    process = subprocess.Popen(
        [CLI, "run", "--extracts", str(extracts), "--warehouse", str(warehouse), "--force"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            new = set((warehouse / "builds").iterdir()) - builds_before
            if any((b / "dbt_logs").exists() for b in new):
                break
            assert process.poll() is None, "the run ended before it could be killed"
            time.sleep(0.2)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert published_fingerprint(warehouse) == before
    con = duckdb.connect(str(warehouse / "published" / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from reporting.rpt_indicators").fetchall()[0][0] > 0
    finally:
        con.close()


def test_missing_extracts_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(
        "run",
        "--extracts",
        str(tmp_path / "nowhere"),
        "--warehouse",
        str(tmp_path / "w"),
        audit_log=tmp_path / "a.log",
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_folder_without_extracts_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli(
        "run",
        "--extracts",
        str(tmp_path / "empty"),
        "--warehouse",
        str(tmp_path / "w"),
        audit_log=tmp_path / "a.log",
    )
    assert result.returncode == 2
    assert "no SSDA903 extracts found" in result.stderr
