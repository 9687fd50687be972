"""The same synthetic return as CSV files and as XML documents builds the same warehouse.

Both forms of LA 815 (collection years 2024-2027, so the social worker and DoLo tables are crossed;
size 0.3 to stay fast) go through the real ingest and `dbt build`; every table of the raw, audit,
staging (views too), marts, validation and reporting schemas must then hold the same rows, and the
published `indicators.csv` must be byte for byte the same. The only columns left out of the
comparison are the provenance that must differ between the forms: `load_id`, `source_file` and the
columns copied from it (`header_source_file`, `oc2_source_file`, ... : every column named
`source_file` or ending in `_source_file`), and in the load log (`raw_audit.load_log`,
`staging.stg_ssda903__loads`) also `file_sha256`, `file_format` and `notes`. `source_row` is
compared: an XML row's number is the one it has in the CSV form.

With labelled faults, both forms quarantine the same rows for the same reasons, and the XML faults
manifest points at every defect in the documents.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from flows.dbt_runner import run_dbt_build
from flows.environment import CODE_LISTS_SEED
from flows.ingest import ingest_extracts, load_code_lists
from flows.publish import copy_published_schemas, write_exports
from flows.ssda903_spec import TABLES
from flows.synth import SynthConfig, generate
from flows.warehouse_layout import BuildPaths

FORMS = ("csv", "xml")
CONFIG = SynthConfig(years=(2024, 2025, 2026, 2027), size=0.3)
SCHEMAS = (
    "raw_ssda903",
    "raw_audit",
    "staging",
    "restricted_marts",
    "restricted_validation",
    "reporting",
)
LOAD_LOG_ONLY = {"file_sha256", "file_format", "notes"}
LOAD_LOGS = {("raw_audit", "load_log"), ("staging", "stg_ssda903__loads")}


def _provenance(column: str) -> bool:
    return column in ("load_id", "source_file") or column.endswith("_source_file")


def _build(root: Path, file_format: str) -> tuple[Path, Path]:
    """Generate, ingest and build one form; return the build file and the published indicators.csv."""
    extracts = root / file_format / "extracts"
    generate(extracts, replace(CONFIG, file_format=file_format))
    paths = BuildPaths(root / file_format / "build")
    paths.root.mkdir(parents=True)
    with duckdb.connect(str(paths.database)) as con:
        summary = ingest_extracts(con, extracts, "equivalence", load_code_lists(CODE_LISTS_SEED))
    assert summary.files_rejected == 0 and summary.problems == []
    lines: list[str] = []
    result = run_dbt_build(paths, on_line=lines.append)
    assert result.statuses.get("error", 0) == 0 and result.statuses.get("skipped", 0) == 0, "\n".join(
        lines[-60:]
    )
    release_db = root / file_format / "release.duckdb"
    copy_published_schemas(paths.database, release_db)
    write_exports(release_db, root / file_format / "exports")
    return paths.database, root / file_format / "exports" / "indicators.csv"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    root = tmp_path_factory.mktemp("equivalence")
    with ThreadPoolExecutor(max_workers=2) as pool:  # each dbt build is a subprocess
        futures = {form: pool.submit(_build, root, form) for form in FORMS}
        return {form: future.result() for form, future in futures.items()}


def _objects(con: duckdb.DuckDBPyConnection, catalog: str) -> list[tuple[str, str]]:
    """Every table of the schemas compared, and the staging views (the intermediate views are what
    the marts are built from: comparing the marts covers them, and recomputing them is slow)."""
    return con.execute(
        """
        select table_schema, table_name from information_schema.tables
        where table_catalog = ? and table_schema in (select unnest(?::varchar[]))
          and (table_type = 'BASE TABLE' or table_schema = 'staging')
        order by all
        """,
        [catalog, list(SCHEMAS)],
    ).fetchall()


def test_both_forms_build_the_same_tables(built) -> None:
    con = duckdb.connect()
    for form in FORMS:
        con.execute(f"attach '{built[form][0]}' as {form} (read_only)")
    assert _objects(con, "csv") == _objects(con, "xml")


def test_every_table_holds_the_same_rows(built) -> None:
    con = duckdb.connect()
    for form in FORMS:
        con.execute(f"attach '{built[form][0]}' as {form} (read_only)")
    objects = _objects(con, "csv")
    assert ("raw_ssda903", "dolo") in objects and ("reporting", "rpt_indicators") in objects
    differing, compared = [], 0
    for schema, table in objects:
        columns = [
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns where table_catalog = 'csv' "
                "and table_schema = ? and table_name = ? order by ordinal_position",
                [schema, table],
            ).fetchall()
        ]
        skip = LOAD_LOG_ONLY if (schema, table) in LOAD_LOGS else set()
        kept = ", ".join(f'"{c}"' for c in columns if not _provenance(c) and c not in skip)
        a, b = f'csv.{schema}."{table}"', f'xml.{schema}."{table}"'
        diff = con.execute(
            f"select count(*) from ((select {kept} from {a} except all select {kept} from {b}) "
            f"union all (select {kept} from {b} except all select {kept} from {a}))"
        ).fetchone()[0]
        compared += con.execute(f"select count(*) from {a}").fetchone()[0]
        if diff:
            differing.append((schema, table, diff))
    assert differing == []
    assert compared > 10_000  # the comparison saw the return, not empty tables


def test_the_xml_build_read_every_table_from_xml(built) -> None:
    with duckdb.connect(str(built["xml"][0]), read_only=True) as con:
        loaded = dict(
            con.execute("select table_name, sum(rows_loaded) from raw_audit.load_log group by all").fetchall()
        )
        formats = con.execute("select distinct file_format from raw_audit.load_log").fetchall()
    assert formats == [("xml",)]
    assert sorted(name for name, rows in loaded.items() if rows) == sorted(TABLES)


def test_published_indicators_are_byte_identical(built) -> None:
    csv_export, xml_export = built["csv"][1].read_bytes(), built["xml"][1].read_bytes()
    assert csv_export.count(b"\n") > 100
    assert csv_export == xml_export


# --- with labelled faults ---------------------------------------------------------------------------


Faulted = dict[str, tuple[list[dict], duckdb.DuckDBPyConnection]]


@pytest.fixture(scope="module")
def faulted(tmp_path_factory: pytest.TempPathFactory) -> Faulted:
    root = tmp_path_factory.mktemp("faulted_forms")
    out = {}
    for form in FORMS:
        config = replace(CONFIG, faults=True, file_format=form)
        result = generate(root / form, config)
        assert result.manifest_path is not None
        con = duckdb.connect()
        summary = ingest_extracts(con, root / form, "faulted", load_code_lists(CODE_LISTS_SEED))
        assert summary.files_rejected == 0
        out[form] = (json.loads(result.manifest_path.read_text()), con)
    return out


def test_both_forms_quarantine_the_same_rows_for_the_same_reasons(faulted) -> None:
    query = """
        select collection_year, table_name, source_row, column_name, split_part(reason, ':', 1)
        from raw_audit.quarantine order by all
    """
    csv_rows, xml_rows = (faulted[form][1].execute(query).fetchall() for form in FORMS)
    assert len(csv_rows) >= 9
    assert csv_rows == xml_rows
    counts = "select split_part(reason, ':', 1), count(*) from raw_audit.quarantine group by 1 order by 1"
    assert faulted["csv"][1].execute(counts).fetchall() == faulted["xml"][1].execute(counts).fetchall()


def test_every_xml_fault_is_found_where_the_manifest_says(faulted) -> None:
    manifest, con = faulted["xml"]
    assert {e["kind"] for e in manifest} == {
        "invalid_code",
        "impossible_date",
        "dec_before_decom",
        "duplicate_rows",
        "missing_value",
        "unknown_element",
    }
    missed = []
    for entry in manifest:
        if entry["expect"] == "quarantine":
            found = con.execute(
                "select reason from raw_audit.quarantine where source_file = ? and table_name = ? "
                "and source_row = ? and source_element = ? "
                "and (column_name is not distinct from ? or ? is null)",
                [entry[k] for k in ("file", "table", "row", "element", "column", "column")],
            ).fetchall()
            ok = any(reason.startswith(entry["reason_code"]) for (reason,) in found)
        else:
            notes = con.execute(
                "select coalesce(notes, '') from raw_audit.load_log where source_file = ? and table_name = ?",
                [entry["file"], entry["table"]],
            ).fetchall()
            ok = len(notes) == 1 and entry["reason_code"] in notes[0][0]
        if not ok:
            missed.append(entry["fault_id"])
    assert missed == []


def test_xml_rows_read_equal_loaded_plus_quarantined_per_table(faulted) -> None:
    _, con = faulted["xml"]
    mismatches = con.execute(
        """
        select log.table_name, log.collection_year
        from raw_audit.load_log as log
        left join (
            select table_name, collection_year, count(distinct source_row) as n
            from raw_audit.quarantine group by all
        ) as q using (table_name, collection_year)
        where log.rows_read != log.rows_loaded + log.rows_quarantined
           or log.rows_quarantined != coalesce(q.n, 0)
        """
    ).fetchall()
    assert mismatches == []
