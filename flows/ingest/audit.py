"""Writes to the audit trail: the load log row of a file, and forgetting an earlier load of a file.

Forgetting makes loading idempotent: loading a file again (a retried task, a re-run into the same
warehouse) replaces its rows instead of adding a second copy.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from flows.ingest.models import FileLoad
from flows.ingest.raw_schema import AUDIT_SCHEMA, RAW_SCHEMA
from flows.ssda903_spec import TABLES

_LOADS_VIEW = "_ingest_loads"


def loaded_files(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The source files the warehouse already holds a load of."""
    return {row[0] for row in con.execute(f"select source_file from {AUDIT_SCHEMA}.load_log").fetchall()}


def forget_file(con: duckdb.DuckDBPyConnection, source_file: str) -> None:
    """Delete every raw, quarantine and load-log row that came from ``source_file``."""
    for table in TABLES.values():
        con.execute(f"delete from {RAW_SCHEMA}.{table.name} where source_file = ?", [source_file])
    con.execute(f"delete from {AUDIT_SCHEMA}.quarantine where source_file = ?", [source_file])
    con.execute(f"delete from {AUDIT_SCHEMA}.load_log where source_file = ?", [source_file])


def record_loads(con: duckdb.DuckDBPyConnection, load_id: str, loads: list[FileLoad]) -> None:
    """Write the files' rows of ``raw_audit.load_log`` (one insert for all: it is per-statement work)."""
    if not loads:
        return
    rows = pa.table(
        {
            "source_file": [f.relative_path for f in loads],
            "file_sha256": pa.array([f.file_sha256 for f in loads], pa.string()),
            "file_format": [f.relative_path.rsplit(".", 1)[-1].lower() for f in loads],
            "table_name": pa.array([f.table_name for f in loads], pa.string()),
            "la_code": [f.la_code for f in loads],
            "collection_year": [f.collection_year for f in loads],
            "status": [f.status for f in loads],
            "rows_read": [f.rows_read for f in loads],
            "rows_loaded": [f.rows_loaded for f in loads],
            "rows_quarantined": [f.rows_quarantined for f in loads],
            "rows_blank": [f.rows_blank for f in loads],
            "message": pa.array([f.message for f in loads], pa.string()),
            "notes": pa.array([f.notes for f in loads], pa.string()),
        }
    )
    con.register(_LOADS_VIEW, rows)
    try:
        con.execute(
            f"insert into {AUDIT_SCHEMA}.load_log by name select ? as load_id, * from {_LOADS_VIEW}",
            [load_id],
        )
    finally:
        con.unregister(_LOADS_VIEW)
