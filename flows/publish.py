"""Write-audit-publish, the publish half: turn a build that passed the gate into a release.

A release is a folder under `releases/` holding a read-only warehouse with the published schemas
only (aggregates and public reference data: never the restricted child-level schemas), the exports,
a manifest and the summary page. It is assembled under a `.partial` name, renamed when complete, and
then the `published` symlink is swapped to it with one atomic `os.replace`. A crash at any point
before that swap leaves the previous release exactly as it was; readers holding the old file open
keep reading their snapshot.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows.environment import SYNTHETIC_MARKER
from flows.warehouse_layout import WarehouseLayout

PUBLISHED_SCHEMAS = ("reporting", "reference")
"""Only these schemas reach a release. Everything child-level lives in restricted_* and raw_* schemas."""

UNPUBLISHED_TABLES = ("rpt_data_quality_warnings",)
"""Built for the quality gate, not for readers: its counts of children are not suppressed."""

SUPPRESSED = "c"
UNSUPPRESSED_FIGURES = ("numerator", "denominator", "value")
"""Columns that would give away a suppressed cell: a release blanks them wherever value_published is 'c'
(the build file keeps them for the restricted area and the tests)."""

SYNTHETIC_NOTICE = (
    "SYNTHETIC DATA. This release was built from synthetic extracts made by `csc-outcomes synth`:\n"
    "no real child is described and no figure here is a real local authority's statistic.\n"
)


@dataclass(frozen=True)
class Export:
    """A table written to exports/<name>.csv and .parquet in a fixed row order: same inputs, same bytes."""

    name: str
    table: str
    order_by: str


EXPORTS = (
    Export(
        "indicators",
        "reporting.rpt_indicators",
        "old_la_code, time_period, indicator, breakdown_topic, breakdown",
    ),
    Export("benchmarks", "reporting.rpt_indicator_benchmarks", "old_la_code, time_period, indicator"),
)


@dataclass(frozen=True)
class Release:
    release_id: str
    path: Path
    manifest: dict

    @property
    def database(self) -> Path:
        return self.path / "warehouse.duckdb"

    @property
    def indicators_csv(self) -> Path:
        return self.path / "exports" / "indicators.csv"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def copy_published_schemas(build_db: Path, release_db: Path) -> list[str]:
    """Copy every table of the published schemas from the build file into a new release file."""
    con = duckdb.connect(str(release_db))
    try:
        con.execute(f"attach '{build_db}' as build (read_only)")
        tables = con.execute(
            """
            select table_schema, table_name
            from information_schema.tables
            where table_catalog = 'build' and table_type = 'BASE TABLE'
              and table_schema in (select unnest(?::varchar[]))
              and table_name not in (select unnest(?::varchar[]))
            order by table_schema, table_name
            """,
            [list(PUBLISHED_SCHEMAS), list(UNPUBLISHED_TABLES)],
        ).fetchall()
        copied = []
        for schema, table in tables:
            con.execute(f"create schema if not exists {schema}")
            columns = _column_names(con, schema, table)
            con.execute(
                f'create table {schema}."{table}" as '
                f'select * {_suppression_replace(columns)} from build.{schema}."{table}"'
            )
            copied.append(f"{schema}.{table}")
        con.execute("detach build")
        con.execute("checkpoint")
    finally:
        con.close()
    return copied


def _column_names(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_catalog = 'build' and table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchall()
    return {name for (name,) in rows}


def _suppression_replace(columns: set[str]) -> str:
    """`replace (...)` blanking the figures behind a suppressed published value, or '' when none apply."""
    if "value_published" not in columns:
        return ""
    blanked = [
        f"case when value_published = '{SUPPRESSED}' then null else {name} end as {name}"
        for name in UNSUPPRESSED_FIGURES
        if name in columns
    ]
    return f"replace ({', '.join(blanked)})" if blanked else ""


def write_exports(release_db: Path, exports_dir: Path) -> dict[str, str]:
    """Write every export as CSV and Parquet in its fixed row order; return their sha256 by name."""
    exports_dir.mkdir(parents=True, exist_ok=True)
    written = []
    con = duckdb.connect(str(release_db), read_only=True)
    try:
        for export in EXPORTS:
            csv_path = exports_dir / f"{export.name}.csv"
            parquet_path = exports_dir / f"{export.name}.parquet"
            query = f"select * from {export.table} order by {export.order_by}"
            con.execute(f"copy ({query}) to '{csv_path}' (header, delimiter ',')")
            con.execute(f"copy ({query}) to '{parquet_path}' (format parquet, compression zstd)")
            written += [csv_path, parquet_path]
    finally:
        con.close()
    return {f"exports/{p.name}": sha256_file(p) for p in written}


def assemble_release(
    layout: WarehouseLayout,
    build_db: Path,
    release_id: str,
    manifest: dict,
    render_summary: Callable[[Path, Path], Path] | None = None,
) -> Release:
    """Build the complete release folder under a `.partial` name and rename it into place."""
    final = layout.releases / release_id
    partial = layout.releases / f"{release_id}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    release_db = partial / "warehouse.duckdb"
    tables = copy_published_schemas(build_db, release_db)
    outputs = write_exports(release_db, partial / "exports")
    if manifest.get("synthetic"):
        for folder in (partial, partial / "exports"):
            (folder / SYNTHETIC_MARKER).write_text(SYNTHETIC_NOTICE)
    if render_summary is not None:
        summary = render_summary(release_db, partial / "summary.html")
        outputs[summary.name] = sha256_file(summary)
    outputs["warehouse.duckdb"] = sha256_file(release_db)
    complete_manifest = {**manifest, "release_id": release_id, "published_tables": tables, "outputs": outputs}
    (partial / "manifest.json").write_text(json.dumps(complete_manifest, indent=2, sort_keys=True) + "\n")
    os.replace(partial, final)
    return Release(release_id=release_id, path=final, manifest=complete_manifest)


def point_published_at(layout: WarehouseLayout, release: Release) -> None:
    """Swap the `published` symlink to the release in one atomic rename."""
    if layout.published.exists() and not layout.published.is_symlink():
        raise RuntimeError(
            f"{layout.published} is a real folder, not the symlink this tool manages; "
            "move it away and re-run."
        )
    temporary = layout.root / f".published-{release.release_id}"
    if temporary.is_symlink():
        temporary.unlink()
    temporary.symlink_to(Path("releases") / release.release_id, target_is_directory=True)
    os.replace(temporary, layout.published)


def prune_releases(layout: WarehouseLayout, keep: int) -> list[str]:
    """Delete all but the newest `keep` releases (never the published one) and stale partial folders."""
    current = layout.published_release_id()
    releases = sorted(p for p in layout.releases.iterdir() if p.is_dir()) if layout.releases.exists() else []
    removed = []
    for path in releases:
        if path.name.endswith(".partial"):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    complete = [p for p in releases if not p.name.endswith(".partial")]
    for path in complete[: max(0, len(complete) - keep)]:
        if path.name != current:
            shutil.rmtree(path)
            removed.append(path.name)
    return removed


def read_published_manifest(layout: WarehouseLayout) -> dict | None:
    manifest = layout.published / "manifest.json"
    return json.loads(manifest.read_text()) if manifest.exists() else None
