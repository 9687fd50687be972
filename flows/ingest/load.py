"""Write one prepared file into ``raw_ssda903.<table>`` and ``raw_audit.quarantine``.

``write_file`` removes any earlier load of the file (rows, quarantine rows, load-log rows) and
writes the new rows of each of its tables; the caller logs the outcomes with ``record_loads``. It
runs inside the caller's transaction, so ``load_file`` (one file) and ``ingest_extracts`` (a folder,
in one transaction) choose how much one transaction holds.
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
from flows.ingest.typed_rows import SOURCE_ELEMENT
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
        f"insert into {AUDIT_SCHEMA}.quarantine (load_id, source_file, la_code, collection_year, table_name, "
        f"{SOURCE_ROW}, column_name, value, reason, {SOURCE_ELEMENT}) "
        f"select ?, ?, ?, ?, ?, {SOURCE_ROW}, column_name, value, reason, {SOURCE_ELEMENT} "
        f"from {_PROBLEMS_VIEW}",
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
    con: duckdb.DuckDBPyConnection,
    load_id: str,
    items: list[PreparedFile | FileLoad],
    loaded_before: set[str],
) -> list[FileLoad]:
    """Write a prepared file's tables; replace its earlier load if in ``loaded_before``.

    ``items`` are what ``prepare_file`` returned for one file. Returns the outcome of each, which
    the caller logs with ``record_loads`` (in the same transaction).
    """
    outcomes = [item.outcome() if isinstance(item, PreparedFile) else item for item in items]
    if {o.relative_path for o in outcomes} & loaded_before:
        for relative_path in sorted({o.relative_path for o in outcomes}):
            forget_file(con, relative_path)
    for item in items:
        if isinstance(item, PreparedFile):
            _write_rows(con, load_id, item)
    return outcomes


def load_file(
    con: duckdb.DuckDBPyConnection, extract: ExtractFile, load_id: str, code_lists: CodeLists
) -> list[FileLoad]:
    """Load one extract in one transaction (replacing any earlier load of it) and log the outcome.

    Returns one outcome per table the file holds (one for a CSV file). Never raises for bad input:
    an unusable file is logged and returned with status 'rejected'. The raw and audit tables must
    exist (``create_raw_tables``; ``ingest_extracts`` does it).
    """
    items = prepare_file(extract, code_lists)
    con.begin()
    try:
        outcomes = write_file(con, load_id, items, loaded_files(con))
        record_loads(con, load_id, outcomes)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return outcomes
