"""Ingest a whole extracts folder, then apply the checks that need every file of an LA-year.

Files are prepared (read, decoded, typed and checked in Arrow, which releases the GIL) by worker
threads, a few files ahead, while one connection writes them in discovery order, all in one
transaction: the warehouse holds the same rows in the same order on every run, and a crash leaves
no partial ingest behind.

Cross-file rules: an LA-year is one return in one form, so a year folder holding CSV files and an
XML document, or several XML documents, has every file rejected before any is read; and two files
of one LA-year recognised as the same table are both rejected (their rows removed). Concatenating
them or picking one would be a silent guess.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from itertools import chain
from pathlib import Path

import duckdb

from flows.ingest.audit import forget_file, loaded_files, record_loads
from flows.ingest.code_lists import CodeLists
from flows.ingest.discover import discover_extracts
from flows.ingest.load import write_file
from flows.ingest.models import LOADED, REJECTED, ExtractFile, FileLoad, IngestSummary
from flows.ingest.prepare import PreparedFile, prepare_file
from flows.ingest.raw_schema import create_raw_tables

WORKERS = 2  # the target host has 2 cores
_AHEAD = 2 * WORKERS  # files prepared ahead of the writer: bounds the memory held


Prepared = list[PreparedFile | FileLoad]


def _prepared_in_order(files: list[ExtractFile], code_lists: CodeLists) -> Iterator[Prepared]:
    """Prepare the files on worker threads; yield them in discovery order."""
    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="ingest") as pool:
        pending: deque[Future[Prepared]] = deque()
        for extract in files:
            pending.append(pool.submit(prepare_file, extract, code_lists))
            if len(pending) > _AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _mixed_forms_message(la_code: str, year: int, group: list[ExtractFile]) -> str:
    folder = group[0].relative_path.rsplit("/", 1)[0]
    documents = [f.relative_path.rsplit("/", 1)[1] for f in group if _is_xml(f)]
    if len(documents) == len(group):
        found = f"{len(documents)} XML documents ({', '.join(documents)})"
        fix = "keep the one document of the return"
    else:
        found = f"both CSV files and the XML document(s) {', '.join(documents)}"
        fix = "keep either the CSV files or the XML document"
    return (
        f"LA {la_code}, collection year {year}: folder {folder}/ holds {found}, but a return comes in one "
        f"form only; none of its files were loaded: {fix} and run again"
    )


def _is_xml(extract: ExtractFile) -> bool:
    return extract.path.suffix.lower() == ".xml"


def reject_mixed_forms(files: list[ExtractFile]) -> tuple[list[ExtractFile], list[FileLoad]]:
    """Split the files into those to read and the rejections of LA-years not in one form.

    An LA-year must be either CSV files or a single XML document (ssda903-spec.md section 1).
    """
    groups: dict[tuple[str, int], list[ExtractFile]] = defaultdict(list)
    for extract in files:
        groups[(extract.la_code, extract.collection_year)].append(extract)
    rejected = []
    for (la_code, year), group in groups.items():
        documents = sum(_is_xml(f) for f in group)
        if documents == 0 or len(group) == documents == 1:
            continue
        message = _mixed_forms_message(la_code, year, group)
        rejected += [
            FileLoad(f.relative_path, None, None, la_code, year, REJECTED, 0, 0, 0, 0, message, None)
            for f in group
        ]
    left_out = {load.relative_path for load in rejected}
    return [f for f in files if f.relative_path not in left_out], rejected


def _repeated_table_message(load: FileLoad, group: list[FileLoad]) -> str:
    others = [f.relative_path for f in group if f.relative_path != load.relative_path]
    return (
        f"{load.relative_path} and {', '.join(others)} all hold the {load.table_name} table for LA "
        f"{load.la_code}, collection year {load.collection_year}; "
        "keep exactly one file per table and run again"
    )


def reject_repeated_tables(
    con: duckdb.DuckDBPyConnection, load_id: str, loads: list[FileLoad]
) -> list[FileLoad]:
    """Reject every loaded file whose LA-year has another file of the same table; return all outcomes.

    The rejected files' raw and quarantine rows are removed and their load-log rows rewritten, so
    the warehouse and the returned outcomes agree.
    """
    groups: dict[tuple[str, int, str], list[FileLoad]] = defaultdict(list)
    for load in loads:
        if load.status == LOADED and load.table_name:
            groups[(load.la_code, load.collection_year, load.table_name)].append(load)
    repeated = {f.relative_path: group for group in groups.values() if len(group) > 1 for f in group}
    if not repeated:
        return loads
    outcomes = []
    con.begin()
    try:
        for relative_path in repeated:
            forget_file(con, relative_path)
        for load in loads:
            group = repeated.get(load.relative_path)
            if group is None:
                outcomes.append(load)
                continue
            rejected = replace(
                load, status=REJECTED, rows_read=0, rows_loaded=0, rows_quarantined=0, rows_blank=0,
                message=_repeated_table_message(load, group),
            )  # fmt: skip
            outcomes.append(rejected)
        record_loads(con, load_id, [f for f in outcomes if f.relative_path in repeated])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return outcomes


def ingest_extracts(
    con: duckdb.DuckDBPyConnection,
    extracts_dir: Path,
    load_id: str,
    code_lists: CodeLists,
    progress: Callable[[FileLoad], None] | None = None,
) -> IngestSummary:
    """Create the raw tables, load every discovered file, then run the cross-file checks.

    ``progress`` is called with each file's outcome as it is loaded, and again for a file whose
    outcome a cross-file check changed; the returned summary is authoritative.
    """
    discovered, problems = discover_extracts(extracts_dir)
    files, rejected = reject_mixed_forms(discovered)
    create_raw_tables(con)
    loads = []
    con.begin()
    try:
        loaded_before = loaded_files(con)
        for item in chain(([f] for f in rejected), _prepared_in_order(files, code_lists)):
            for outcome in write_file(con, load_id, item, loaded_before):
                loads.append(outcome)
                if progress:
                    progress(outcome)
        record_loads(con, load_id, loads)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    checked = reject_repeated_tables(con, load_id, loads)
    if progress:
        for before, after in zip(loads, checked, strict=True):
            if after != before:
                progress(after)
    return IngestSummary(files=checked, problems=problems)
