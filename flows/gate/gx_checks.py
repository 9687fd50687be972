"""Validate a reporting frame against a Great Expectations suite kept as JSON in expectations/.

GX 1.24 validates pandas DataFrames here, never a SQL datasource (stack-notes pitfall 4). The context
is ephemeral, so a run writes nothing under the repository; the suite JSON in the repo is the only
definition and is reviewed like code. Results are read with BASIC format and no unexpected-value
list, and only counts leave this module. Blocking follows each expectation's own severity, not the
overall success flag, which also turns False for warnings (pitfall 30).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd

from flows.environment import PROJECT_DIR
from flows.gate.model import ERROR, WARNING, Finding

if TYPE_CHECKING:
    from great_expectations import ExpectationSuite
    from great_expectations.core.batch_definition import BatchDefinition
    from great_expectations.core.expectation_validation_result import ExpectationSuiteValidationResult

SUITES_DIR = PROJECT_DIR / "expectations"
RESULT_FORMAT = {"result_format": "BASIC", "partial_unexpected_count": 0}
BLOCKING_SEVERITY = "critical"


def _great_expectations() -> ModuleType:
    """Import GX on first use only (about 4 s), with its analytics off whatever the caller did."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import logging

    import great_expectations

    # GX logs its temporary folders at INFO on the analyst's terminal; only its warnings matter here.
    for name in ["great_expectations", *logging.root.manager.loggerDict]:
        if name.startswith("great_expectations"):
            logging.getLogger(name).setLevel(logging.WARNING)
    return great_expectations


@functools.cache
def _batch_definition() -> BatchDefinition:
    """One in-memory context and pandas asset per process: building them again per run costs time."""
    gx = _great_expectations()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    asset = context.data_sources.add_pandas(name="gate").add_dataframe_asset(name="frame")
    return asset.add_batch_definition_whole_dataframe("whole")


@functools.cache
def load_suite(name: str, suites_dir: Path = SUITES_DIR) -> ExpectationSuite:
    """The suite `<suites_dir>/<name>.json`; every expectation must carry meta.check_id and a description."""
    document = json.loads((suites_dir / f"{name}.json").read_text(encoding="utf-8"))
    for expectation in document["expectations"]:
        if not expectation.get("meta", {}).get("check_id") or not expectation.get("description"):
            raise ValueError(
                f"{suites_dir / name}.json: every expectation needs meta.check_id and a description"
            )
    gx = _great_expectations()
    return gx.ExpectationSuite(
        name=document["name"], expectations=document["expectations"], meta=document.get("meta")
    )


def run_suite(frame: pd.DataFrame, suite_name: str) -> tuple[list[Finding], int]:
    """Findings for the failed expectations of the suite, and how many expectations were evaluated."""
    suite = load_suite(suite_name)
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    validation = batch.validate(suite, result_format=RESULT_FORMAT)
    return _findings(validation), len(validation.results)


def _findings(validation: ExpectationSuiteValidationResult) -> list[Finding]:
    findings = []
    for result in validation.results:
        if result.success:
            continue
        config = result.expectation_config
        severity = ERROR if str(config.severity.value) == BLOCKING_SEVERITY else WARNING
        raised = bool(result.exception_info and _raised(result.exception_info))
        rows = int(result.result.get("unexpected_count") or 0)
        outcome = "the check could not be evaluated" if raised else f"{rows} row(s) fail"
        findings.append(
            Finding(
                source="gx",
                check=str(config.meta["check_id"]),
                severity=severity,
                failing_rows=rows,
                message=f"{config.description}: {outcome}.",
            )
        )
    return findings


def _raised(exception_info: dict) -> bool:
    """GX reports exceptions either flat or keyed by metric id."""
    if "raised_exception" in exception_info:
        return bool(exception_info["raised_exception"])
    return any(isinstance(v, dict) and v.get("raised_exception") for v in exception_info.values())
