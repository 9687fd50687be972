"""Prefect task wrappers around the ingest, for the pipeline flow.

Tasks take the warehouse file's path rather than a connection: a DuckDB connection must not be
shared between task threads, and paths are what Prefect can show. Each task opens and closes its
own connection, so run them one at a time against one warehouse (DuckDB allows one writer). No
retries: bad input is not transient. No caching: the warehouse is new on every run, so a load must
always run. Everything returned and logged is free of child-level values.

``ingest_task`` (the whole folder in one task) is the fast path: it prepares files on worker
threads while one connection writes. ``load_file_task`` per file suits a flow that wants one
Prefect task per file; filter its files with ``reject_mixed_forms`` first and follow it with
``reject_repeated_tables_task``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.ingest.batch import ingest_extracts, reject_repeated_tables
from flows.ingest.code_lists import CodeLists
from flows.ingest.discover import discover_extracts
from flows.ingest.load import load_file
from flows.ingest.models import DiscoveryProblem, ExtractFile, FileLoad, IngestSummary
from flows.ingest.postcodes import PostcodeIngest, ingest_postcode_lookups
from flows.ingest.raw_schema import create_raw_tables


def _log_load(load: FileLoad) -> None:
    logger = get_run_logger()
    if load.status == "rejected":
        logger.warning("rejected %s: %s", load.relative_path, load.message)
    else:
        logger.info(
            "loaded %s as %s: %d rows read, %d loaded, %d quarantined",
            load.relative_path, load.table_name, load.rows_read, load.rows_loaded, load.rows_quarantined,
        )  # fmt: skip


@task(name="discover-extracts", retries=0, cache_policy=NO_CACHE)
def discover_task(extracts_dir: Path) -> tuple[list[ExtractFile], list[DiscoveryProblem]]:
    files, problems = discover_extracts(extracts_dir)
    logger = get_run_logger()
    logger.info("found %d extract file(s) in %s", len(files), extracts_dir)
    for problem in problems:
        logger.warning("%s", problem.message)
    return files, problems


@task(
    name="load-extract",
    task_run_name="load {extract.relative_path}",
    retries=0,
    cache_policy=NO_CACHE,
)
def load_file_task(
    warehouse: Path, extract: ExtractFile, load_id: str, code_lists: CodeLists
) -> list[FileLoad]:
    """One outcome per table of the file (an XML return holds several)."""
    with duckdb.connect(str(warehouse)) as con:
        create_raw_tables(con)
        loads = load_file(con, extract, load_id, code_lists)
    for load in loads:
        _log_load(load)
    return loads


@task(name="check-across-files", retries=0, cache_policy=NO_CACHE)
def reject_repeated_tables_task(warehouse: Path, load_id: str, loads: list[FileLoad]) -> list[FileLoad]:
    with duckdb.connect(str(warehouse)) as con:
        checked = reject_repeated_tables(con, load_id, loads)
    for before, after in zip(loads, checked, strict=True):
        if after != before:
            _log_load(after)
    return checked


@task(name="ingest-extracts", retries=0, cache_policy=NO_CACHE)
def ingest_task(warehouse: Path, extracts_dir: Path, load_id: str, code_lists: CodeLists) -> IngestSummary:
    """The whole ingest in one task: discovery, every file, cross-file checks."""
    with duckdb.connect(str(warehouse)) as con:
        summary = ingest_extracts(con, extracts_dir, load_id, code_lists, progress=_log_load)
    for problem in summary.problems:
        get_run_logger().warning("%s", problem.message)
    return summary


@task(name="ingest-postcode-lookups", retries=0, cache_policy=NO_CACHE)
def postcode_lookup_task(warehouse: Path, extracts_dir: Path, load_id: str) -> PostcodeIngest:
    """Load each LA's optional postcode lookup (``<la>/reference/*.csv``); counts only in the logs."""
    with duckdb.connect(str(warehouse)) as con:
        create_raw_tables(con)
        result = ingest_postcode_lookups(con, extracts_dir, load_id)
    logger = get_run_logger()
    for load in result.loads:
        if load.status == "rejected":
            logger.warning("rejected %s: %s", load.relative_path, load.message)
        else:
            logger.info(
                "loaded %s as postcodes: %d rows read, %d loaded, %d quarantined",
                load.relative_path, load.rows_read, load.rows_loaded, load.rows_quarantined,
            )  # fmt: skip
    for problem in result.problems:
        logger.warning("%s", problem.message)
    return result
