"""`csc-outcomes bench`: wall time per stage for LAs of several sizes, measured, never asserted in tests.

Each size is generated in this process (timed), then run through the real command in a fresh
process, exactly as an analyst would, so Prefect's start-up is included in the figures. For the
largest size the same return is also written as XML documents and both forms are ingested in this
process alone (no Prefect, no dbt), so the XML reader's throughput is compared with the CSV path's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from flows.environment import CODE_LISTS_SEED
from flows.ingest import ingest_extracts, load_code_lists
from flows.synth import SynthConfig, generate

TARGETS = {
    "total_default_s": 60.0,  # whole default pipeline, Prefect start-up included
    "total_10x_s": 180.0,
    "ingest_rows_per_s_10x": 200_000.0,
}


def measure(out: Path, size: float) -> dict:
    """Generate an LA of `size` and run the pipeline on it once; return the stage timings."""
    root = out / f"size-{size:g}"
    shutil.rmtree(root, ignore_errors=True)
    extracts, warehouse, timings_file = root / "extracts", root / "warehouse", root / "timings.json"
    started = time.perf_counter()
    generated = generate(extracts, SynthConfig(size=size))
    generate_s = time.perf_counter() - started
    command = [
        str(Path(sys.executable).with_name("csc-outcomes")),
        "run",
        "--extracts",
        str(extracts),
        "--warehouse",
        str(warehouse),
        "--timings-json",
        str(timings_file),
    ]
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if completed.returncode != 0 or not timings_file.exists():
        raise RuntimeError(
            f"pipeline failed for size {size:g} (exit {completed.returncode}):\n{completed.stderr}"
        )
    result = json.loads(timings_file.read_text())
    stages = result["timings"]
    in_flow = stages.get("total_in_flow", 0.0)
    return {
        "size": size,
        "status": result["status"],
        "files": result["files"],
        "rows": result["rows_read"],
        "rows_generated": generated.rows_written,
        "generate_s": generate_s,
        "prefect_and_process_overhead_s": wall - in_flow,
        "ingest_s": stages.get("ingest", 0.0),
        "dbt_build_s": stages.get("dbt_build", 0.0),
        "gate_s": stages.get("gate", 0.0),
        "publish_s": stages.get("publish", 0.0),
        "pipeline_wall_s": wall,
        "ingest_rows_per_s": result["rows_read"] / stages["ingest"] if stages.get("ingest") else 0.0,
    }


def measure_ingest(out: Path, size: float, file_format: str) -> dict:
    """Generate the LA of `size` in `file_format` and time the ingest alone into a new DuckDB file."""
    root = out / f"ingest-{file_format}-{size:g}"
    shutil.rmtree(root, ignore_errors=True)
    extracts = root / "extracts"
    generated = generate(extracts, replace(SynthConfig(size=size), file_format=file_format))
    code_lists = load_code_lists(CODE_LISTS_SEED)
    with duckdb.connect(str(root / "ingest.duckdb")) as con:
        started = time.perf_counter()
        summary = ingest_extracts(con, extracts, "bench", code_lists)
        elapsed = time.perf_counter() - started
    if summary.files_rejected or summary.rows_read != generated.rows_written:
        raise RuntimeError(f"{file_format} ingest of size {size:g} did not read every row")
    shutil.rmtree(root, ignore_errors=True)
    return {
        "size": size,
        "format": file_format,
        "files": len(generated.files),
        "rows": summary.rows_read,
        "ingest_s": elapsed,
        "ingest_rows_per_s": summary.rows_read / elapsed,
    }


def run_benchmark(out: Path, sizes: list[float], console: Console) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    results = []
    for size in sizes:
        console.print(f"[bold]measuring size {size:g}[/] ...")
        results.append(measure(out, size))
    largest = max(sizes)
    console.print(f"[bold]measuring the ingest alone, CSV and XML, size {largest:g}[/] ...")
    ingests = [measure_ingest(out, largest, file_format) for file_format in ("csv", "xml")]
    table = Table(title="csc-outcomes benchmark (seconds of wall time)")
    columns = [
        ("size", "size"),
        ("rows", "rows"),
        ("generate", "generate_s"),
        ("prefect+process", "prefect_and_process_overhead_s"),
        ("ingest", "ingest_s"),
        ("dbt build", "dbt_build_s"),
        ("gate", "gate_s"),
        ("publish", "publish_s"),
        ("pipeline total", "pipeline_wall_s"),
        ("ingest rows/s", "ingest_rows_per_s"),
    ]
    for title, _ in columns:
        table.add_column(title, justify="right")
    for row in results:
        table.add_row(*(format_cell(row[key]) for _, key in columns))
    Console(width=160).print(table)  # wide enough for every column even when piped
    for row in results:
        target = TARGETS["total_default_s"] if row["size"] <= 1 else TARGETS["total_10x_s"]
        verdict = "meets" if row["pipeline_wall_s"] <= target else "MISSES"
        console.print(
            f"size {row['size']:g}: pipeline {row['pipeline_wall_s']:.1f} s "
            f"{verdict} the {target:.0f} s target"
        )
        if row["size"] >= 10:
            rate_ok = row["ingest_rows_per_s"] >= TARGETS["ingest_rows_per_s_10x"]
            console.print(
                f"size {row['size']:g}: ingest {row['ingest_rows_per_s']:,.0f} rows/s "
                f"{'meets' if rate_ok else 'MISSES'} the 200,000 rows/s target"
            )
    for row in ingests:
        console.print(
            f"size {row['size']:g}, {row['format'].upper()} ({row['files']} files): ingest alone "
            f"{row['ingest_s']:.2f} s, {row['ingest_rows_per_s']:,.0f} rows/s"
        )
    (out / "results.json").write_text(json.dumps({"pipeline": results, "ingest": ingests}, indent=2) + "\n")
    console.print(f"results: {out / 'results.json'}")
    return results


def format_cell(value: float | int | str) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 1000 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
