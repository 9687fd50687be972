"""The `csc-outcomes` command: run the pipeline, make synthetic extracts, the demo and the benchmark.

Exit codes (fixed interface, DESIGN.md):
  0  a release was published, or the published release is already up to date with these extracts
  1  an unexpected internal error (a bug: the message says where the logs are)
  2  bad usage or input: missing folder, no extracts found, options that do not make sense
  3  the quality gate blocked publication (the previous release is untouched)
  4  another run is writing to the same warehouse folder
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from flows.environment import quiet_environment
from flows.warehouse_layout import WarehouseLayout

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT, EXIT_BLOCKED, EXIT_BUSY = 0, 1, 2, 3, 4

app = typer.Typer(
    help="Children's social care outcomes: ingest SSDA903 returns, compute DfE indicators, publish.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int) -> typer.Exit:
    errors.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def parse_years(text: str) -> tuple[int, ...]:
    """'2021-2025' or '2021,2023' -> collection years."""
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
            years = tuple(range(first, last + 1))
        else:
            years = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise fail(
            f"--years {text!r}: give a range like 2021-2025 or a list like 2021,2023", EXIT_INPUT
        ) from None
    if not years:
        raise fail(f"--years {text!r} names no year", EXIT_INPUT)
    return years


@contextmanager
def exclusive_warehouse(layout: WarehouseLayout) -> Iterator[None]:
    """Only one run writes to a warehouse folder at a time (stack-notes section 4: single writer)."""
    layout.root.mkdir(parents=True, exist_ok=True)
    with layout.lock_file.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise fail(
                f"another csc-outcomes run is writing to {layout.root}; wait for it to finish and try again.",
                EXIT_BUSY,
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_extracts(extracts: Path) -> None:
    """Fail fast, before Prefect starts, when there is nothing to ingest."""
    from flows.ingest import discover_extracts

    if not extracts.is_dir():
        raise fail(f"extracts folder {extracts} does not exist or is not a folder.", EXIT_INPUT)
    found, problems = discover_extracts(extracts)
    if not found:
        hint = "".join(f"\n  - {p.relative_path}: {p.message}" for p in problems[:10])
        raise fail(
            f"no SSDA903 extracts found in {extracts}. Expected <old_la_code>/ssda903/<year>/*.csv, "
            f"for example 815/ssda903/2025/episodes.csv.{hint}",
            EXIT_INPUT,
        )


def run_pipeline(extracts: Path, warehouse: Path, *, keep: int, force: bool, verbose: bool) -> dict:
    """Start the Prefect flow with terminal progress; return the outcome as a dict and the exit code."""
    layout = WarehouseLayout(warehouse.resolve())
    quiet_environment(layout.prefect_home)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    check_extracts(extracts)
    with exclusive_warehouse(layout):
        console.print(f"[bold]csc-outcomes[/] {extracts} → {layout.root}")
        console.print("[dim]starting Prefect (a local, temporary server; first start can take ~20 s)[/]")
        from flows.pipeline import pipeline
        from flows.progress import reporting_to

        started = time.perf_counter()
        with reporting_to(console):
            state = pipeline(
                extracts.resolve(), layout.root, keep_releases=keep, force=force, return_state=True
            )
        outcome = state.result(raise_on_failure=False)
        if isinstance(outcome, BaseException):
            raise outcome
        result = asdict(outcome)
        result["timings"]["wall"] = time.perf_counter() - started
        return result


def print_outcome(result: dict, layout: WarehouseLayout) -> int:
    status = result["status"]
    if status == "blocked":
        errors.print(f"[bold red]BLOCKED[/] {result['message']}")
        shown = result.get("blocking_findings", [])[:10]
        for finding in shown:
            errors.print(f"  [red]•[/] {finding}")
        if len(result.get("blocking_findings", [])) > len(shown):
            errors.print("  ... and more in the findings report")
        return EXIT_BLOCKED
    colour = "green" if status == "published" else "cyan"
    console.print(f"[bold {colour}]{status.upper()}[/] {result['message']}")
    if status == "published":
        console.print(
            f"  rows read {result['rows_read']:,}, loaded {result['rows_loaded']:,}, "
            f"quarantined {result['rows_quarantined']:,} from {result['files']} files"
        )
    published = layout.published
    console.print(f"  warehouse:  {published / 'warehouse.duckdb'}")
    console.print(f"  indicators: {published / 'exports' / 'indicators.csv'} (and .parquet)")
    console.print(f"  summary:    {published / 'summary.html'}")
    return EXIT_OK


@app.command()
def run(
    extracts: Annotated[Path, typer.Option(help="Folder of extracts: <old_la_code>/ssda903/<year>/*.csv")],
    warehouse: Annotated[Path, typer.Option(help="Warehouse folder: builds, releases and published/")],
    keep: Annotated[int, typer.Option(min=1, help="How many releases and builds to keep")] = 5,
    force: Annotated[
        bool, typer.Option(help="Rebuild even when these extracts are already published")
    ] = False,
    verbose: Annotated[bool, typer.Option(help="Show Prefect's own log lines")] = False,
    timings_json: Annotated[Path | None, typer.Option(hidden=True)] = None,
) -> None:
    """Ingest the extracts, build the warehouse, run the quality gate and publish if it passes."""
    layout = WarehouseLayout(warehouse.resolve())
    with internal_errors(layout, verbose):
        result = run_pipeline(extracts, warehouse, keep=keep, force=force, verbose=verbose)
    if timings_json is not None:
        timings_json.write_text(json.dumps(result, indent=2, sort_keys=True))
    raise typer.Exit(print_outcome(result, layout))


@app.command()
def synth(
    out: Annotated[Path, typer.Option(help="Folder to write the synthetic extracts into")],
    la: Annotated[str, typer.Option(help="Old DfE LA code")] = "815",
    years: Annotated[str, typer.Option(help="Collection years, e.g. 2021-2025")] = "2021-2025",
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same files)")] = 903,
    size: Annotated[float, typer.Option(min=0.01, help="Scale the LA (10 = ten times the children)")] = 1.0,
    faults: Annotated[
        bool, typer.Option(help="Inject labelled defects, listed in faults_manifest.json")
    ] = False,
    file_format: Annotated[
        str,
        typer.Option(
            "--format", help="csv: DfE's CSV form, one file per table; xml: one XML document per return"
        ),
    ] = "csv",
) -> None:
    """Write synthetic SSDA903 returns (clearly labelled as synthetic) in DfE's CSV or XML form."""
    from flows.synth import SynthConfig, generate

    if file_format not in ("csv", "xml"):
        raise fail(f"--format {file_format!r}: give csv or xml", EXIT_INPUT)
    config = SynthConfig(
        la_code=la, years=parse_years(years), seed=seed, size=size, faults=faults, file_format=file_format
    )
    started = time.perf_counter()
    result = generate(out, config)
    console.print(
        f"[bold]SYNTHETIC[/] extracts for LA {la}, years {config.years[0]}-{config.years[-1]}: "
        f"{len(result.files)} files, {result.rows_written:,} rows "
        f"in {time.perf_counter() - started:.1f} s → {out}"
    )
    if result.manifest_path:
        console.print(f"  faults manifest: {result.manifest_path}")


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo's extracts and warehouse")] = Path("demo"),
    verbose: Annotated[bool, typer.Option(help="Show Prefect's own log lines")] = False,
) -> None:
    """Generate the default synthetic LA, run the pipeline on it and write the one-page summary."""
    from flows.synth import SynthConfig, generate

    extracts, warehouse = out / "extracts", out / "warehouse"
    layout = WarehouseLayout(warehouse.resolve())
    with internal_errors(layout, verbose):
        result = generate(extracts, SynthConfig())
        console.print(
            f"[bold]SYNTHETIC[/] extracts: {len(result.files)} files, "
            f"{result.rows_written:,} rows → {extracts}"
        )
        outcome = run_pipeline(extracts, warehouse, keep=5, force=False, verbose=verbose)
    code = print_outcome(outcome, layout)
    if code == EXIT_OK:
        console.print(f"\nOpen the summary in a browser: [bold]{layout.published / 'summary.html'}[/]")
    raise typer.Exit(code)


@app.command()
def bench(
    out: Annotated[Path, typer.Option(help="Scratch folder for the benchmark")] = Path("bench"),
    sizes: Annotated[str, typer.Option(help="LA sizes to measure, e.g. 1,10")] = "1,10",
) -> None:
    """Time every stage (generate, ingest, dbt build, gate, publish) for LAs of the given sizes."""
    from flows.bench import run_benchmark

    try:
        scales = [float(s) for s in sizes.split(",")]
    except ValueError:
        raise fail(f"--sizes {sizes!r}: give numbers like 1,10", EXIT_INPUT) from None
    run_benchmark(out, scales, console)


@contextmanager
def internal_errors(layout: WarehouseLayout, verbose: bool) -> Iterator[None]:
    """Turn an unexpected exception into one clear message (the traceback only with --verbose)."""
    try:
        yield
    except typer.Exit:
        raise
    except Exception as error:
        if verbose:
            console.print_exception()
        # The exception's text is not shown unasked: a database error can quote a cell's value.
        raise fail(
            f"unexpected {type(error).__name__}. Re-run with --verbose for details; the build "
            f"folders are in {layout.builds}. Nothing was published.",
            EXIT_INTERNAL,
        ) from None


def main() -> None:  # pragma: no cover - entry point for `python -m flows.cli`
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover
    main()
