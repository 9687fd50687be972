"""Run `dbt build` against one run's build file, in a subprocess.

A subprocess isolates dbt's global state and releases every DuckDB lock when it exits (stack-notes
section 10), and one build per process avoids dbt-duckdb's reuse problems across files. dbt's own
log lines name models and tests only, never data values, so they are safe to pass on.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flows.environment import PROJECT_DIR
from flows.warehouse_layout import BuildPaths


@dataclass(frozen=True)
class DbtBuildResult:
    return_code: int
    statuses: dict[str, int]  # run_results statuses counted: success, pass, warn, fail, error, skipped
    elapsed_seconds: float


def dbt_executable() -> str:
    """The dbt installed beside this Python (the project's virtual environment)."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def build_command(paths: BuildPaths, *, include_unit_tests: bool = False) -> list[str]:
    command = [
        dbt_executable(),
        "build",
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(paths.dbt_target),
        "--log-path",
        str(paths.dbt_logs),
        "--no-use-colors",
        "--no-send-anonymous-usage-stats",
    ]
    if not include_unit_tests:
        # Unit tests prove the logic in the test suite; production runs need not repeat them.
        command += ["--exclude-resource-type", "unit_test"]
    return command


PARTIAL_PARSE_FILE = "partial_parse.msgpack"


def run_dbt_build(
    paths: BuildPaths,
    *,
    on_line: Callable[[str], None] | None = None,
    include_unit_tests: bool = False,
    parse_cache: Path | None = None,
) -> DbtBuildResult:
    """Run `dbt build` on the build file; return dbt's outcome counts.

    dbt runs inside the build folder with the profile's path set to the bare file name, so the
    rendered profile is the same for every run and dbt can reuse the previous run's parse
    (`parse_cache` folder): a full parse costs several seconds, and dbt itself re-parses any file
    that changed since.
    """
    paths.dbt_target.mkdir(parents=True, exist_ok=True)
    cached = parse_cache / PARTIAL_PARSE_FILE if parse_cache is not None else None
    if cached is not None and cached.exists():
        shutil.copyfile(cached, paths.dbt_target / PARTIAL_PARSE_FILE)
    env = {**os.environ, "CSC_WAREHOUSE": paths.database.name}
    process = subprocess.Popen(
        build_command(paths, include_unit_tests=include_unit_tests),
        cwd=paths.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if on_line is not None:
            on_line(line.rstrip("\n"))
    return_code = process.wait()
    statuses, elapsed = read_run_results(paths.dbt_target / "run_results.json")
    produced = paths.dbt_target / PARTIAL_PARSE_FILE
    if cached is not None and produced.exists() and return_code in (0, 1):
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, cached.with_suffix(".tmp"))
        os.replace(cached.with_suffix(".tmp"), cached)
    return DbtBuildResult(return_code=return_code, statuses=statuses, elapsed_seconds=elapsed)


def read_run_results(run_results: Path) -> tuple[dict[str, int], float]:
    """Count node statuses in dbt's run_results.json (empty when dbt did not get that far)."""
    if not run_results.exists():
        return {}, 0.0
    document = json.loads(run_results.read_text())
    statuses: dict[str, int] = {}
    for result in document.get("results", []):
        status = str(result.get("status"))
        statuses[status] = statuses.get(status, 0) + 1
    return dict(sorted(statuses.items())), float(document.get("elapsed_time", 0.0))
