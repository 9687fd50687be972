"""DDL of the raw warehouse tables the ingest writes and the dbt sources read.

Every SSDA903 table in `flows.ssda903_spec.TABLES` becomes `raw_ssda903.<table>` with its columns in
DfE order (lower case, typed once) followed by the provenance columns. The ingest creates every table,
empty when no file supplied it, so dbt sources always exist. Two audit tables record each load:
`raw_audit.load_log` (one row per file) and `raw_audit.quarantine` (one row per problem found in a row
or file; a quarantined row can have several problems).
"""

from __future__ import annotations

import duckdb

from flows.ssda903_spec import TABLES, Column, Table

RAW_SCHEMA = "raw_ssda903"
AUDIT_SCHEMA = "raw_audit"
REFERENCE_SCHEMA = "raw_reference"  # the LA's reference extracts (flows.ingest.postcodes)

_SQL_TYPES = {
    "id": "varchar",
    "text": "varchar",
    "code": "varchar",
    "postcode": "varchar",
    "partial_date": "varchar",
    "flag": "boolean",
    "date": "date",
    "int": "integer",
}

PROVENANCE_DDL = (
    "load_id varchar not null",
    "la_code varchar not null",
    "collection_year integer not null",
    "source_file varchar not null",
    "source_row integer not null",
)

LOAD_LOG_DDL = f"""
create table if not exists {AUDIT_SCHEMA}.load_log (
    load_id varchar not null,
    source_file varchar not null,      -- path relative to the extracts folder (XML: one row per table)
    file_sha256 varchar,
    file_format varchar,               -- csv | xml
    table_name varchar,                -- null when the file could not be identified
    la_code varchar,
    collection_year integer,
    status varchar not null,           -- loaded | rejected
    rows_read integer not null,        -- non-blank data rows (XML: rows of this table in the document)
    rows_loaded integer not null,
    rows_quarantined integer not null,
    rows_blank integer not null,       -- fully blank rows skipped (row numbers are kept)
    message varchar,                   -- why a file was rejected, in words an analyst can act on
    notes varchar                      -- normalisations, e.g. 'bom_removed; blank_rows_skipped: 2'
)
"""

QUARANTINE_DDL = f"""
create table if not exists {AUDIT_SCHEMA}.quarantine (
    load_id varchar not null,
    source_file varchar not null,
    la_code varchar,
    collection_year integer,
    table_name varchar,
    source_row integer,                -- row number as Excel shows it (header = row 1); XML: as in CSV form
    column_name varchar,               -- null for a problem with the whole row
    value varchar,                     -- the offending value (restricted: never published)
    reason varchar not null,
    source_element varchar             -- XML: the row's element, e.g. /EXPSSDA903/CHILD[12]/EPISODE[2]
)
"""


# The postcode lookup (an ONSPD extract), typed by flows.ingest.postcodes; empty when not supplied.
POSTCODES_DDL = f"""
create table if not exists {REFERENCE_SCHEMA}.postcodes (
    pcds varchar not null,             -- postcode, upper case, one space before the inward code
    postcode_key varchar not null,     -- the postcode without spaces: the join key
    pcd varchar,
    doterm varchar,                    -- month the postcode was terminated (yyyymm); null when live
    oscty varchar,                     -- county GSS code; null or E99999999 when none
    oslaua varchar not null,           -- LA district / unitary GSS code
    ctry varchar not null,             -- country GSS code
    rgn varchar,
    oseast1m integer,                  -- grid reference in metres; null when not known
    osnrth1m integer,
    load_id varchar not null,
    la_code varchar not null,
    source_file varchar not null,
    source_row integer not null
)
"""


def column_ddl(column: Column) -> str:
    return f"{column.warehouse_name} {_SQL_TYPES[column.kind]}"


def table_ddl(table: Table) -> str:
    columns = [column_ddl(c) for c in table.columns] + list(PROVENANCE_DDL)
    body = ",\n    ".join(columns)
    return f"create table if not exists {RAW_SCHEMA}.{table.name} (\n    {body}\n)"


def create_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw and audit schemas and every table in them (idempotent)."""
    con.execute(f"create schema if not exists {RAW_SCHEMA}")
    con.execute(f"create schema if not exists {AUDIT_SCHEMA}")
    for table in TABLES.values():
        con.execute(table_ddl(table))
    con.execute(LOAD_LOG_DDL)
    con.execute(QUARANTINE_DDL)
    con.execute(f"create schema if not exists {REFERENCE_SCHEMA}")
    con.execute(POSTCODES_DDL)
