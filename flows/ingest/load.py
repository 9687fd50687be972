"""Write one prepared file into ``raw_ssda903.<table>`` and ``raw_audit.quarantine``.

``write_file`` removes any earlier load of the file (rows, quarantine rows, load-log row) and
writes the new rows; the caller logs the outcome with ``record_loads``. It runs inside the caller's
transaction, so ``load_file`` (one file) and ``ingest_extracts`` (a folder, in one transaction)
choose how much one transaction holds.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from flows.ingest.audit import forget_file, loaded_files, record_loads
from flows.ingest.code_lists import CodeLists
from flows.ingest.models import ExtractFile, FileLoad
from flows.ingest.prepare import PreparedFile, prepare_file
from flows.ingest.raw_schema import AUDIT_SCHEMA, RAW_SCHEMA
from flows.ingest.split import SOURCE_ROW
from flows.ssda903_spec import PROVENANCE_COLUMNS

_ROWS_VIEW = "_ingest_rows"
_PROBLEMS_VIEW = "_ingest_problems"


def _insert_from_arrow(
    con: duckdb.DuckDBPyConnection, view: str, rows: pa.Table, sql: str, params: list
) -> None:
    if not rows.num_rows:
        return
    con.register(view, rows)
    try:
        con.execute(sql, params)
    finally:
        con.unregister(view)


def _write_rows(con: duckdb.DuckDBPyConnection, load_id: str, prepared: PreparedFile) -> None:
    e, rows = prepared.extract, prepared.rows
    _insert_from_arrow(
        con,
        _PROBLEMS_VIEW,
        rows.problems,
        f"insert into {AUDIT_SCHEMA}.quarantine "
        f"select ?, ?, ?, ?, ?, {SOURCE_ROW}, column_name, value, reason from {_PROBLEMS_VIEW}",
        [load_id, e.relative_path, e.la_code, e.collection_year, prepared.table_name],
    )
    columns = ", ".join(name for name in rows.loaded.column_names if name != SOURCE_ROW)
    _insert_from_arrow(
        con,
        _ROWS_VIEW,
        rows.loaded,
        f"insert into {RAW_SCHEMA}.{prepared.table_name} ({columns}, {', '.join(PROVENANCE_COLUMNS)}) "
        f"select {columns}, ?, ?, ?, ?, {SOURCE_ROW} from {_ROWS_VIEW}",
        [load_id, e.la_code, e.collection_year, e.relative_path],
    )


def write_file(
    con: duckdb.DuckDBPyConnection, load_id: str, item: PreparedFile | FileLoad, loaded_before: set[str]
) -> FileLoad:
    """Write a prepared file's rows; replace its earlier load if in ``loaded_before``.

    Returns the file's outcome, which the caller logs with ``record_loads`` (in the same transaction).
    """
    outcome = item.outcome() if isinstance(item, PreparedFile) else item
    if outcome.relative_path in loaded_before:
        forget_file(con, outcome.relative_path)
    if isinstance(item, PreparedFile):
        _write_rows(con, load_id, item)
    return outcome


def load_file(
    con: duckdb.DuckDBPyConnection, extract: ExtractFile, load_id: str, code_lists: CodeLists
) -> FileLoad:
    """Load one extract in one transaction (replacing any earlier load of it) and log the outcome.

    Never raises for bad input: an unusable file is logged and returned with status 'rejected'.
    The raw and audit tables must exist (``create_raw_tables``; ``ingest_extracts`` does it).
    """
    item = prepare_file(extract, code_lists)
    con.begin()
    try:
        outcome = write_file(con, load_id, item, loaded_files(con))
        record_loads(con, load_id, [outcome])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return outcome
