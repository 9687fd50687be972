"""Ingest the LA's postcode lookup: an extract of the ONS Postcode Directory (ONSPD).

Fixed layout: one ``.csv`` file in ``<extracts>/<old_la_code>/reference/`` with a header row of
ONSPD column names (any case, any order). Used: ``pcds``, ``oscty``, ``oslaua``, ``ctry``,
``oseast1m``, ``osnrth1m`` (required columns) and ``pcd``, ``doterm``, ``rgn`` (optional); every other
ONSPD column is ignored and counted in the load notes. The lookup is optional: without it the
placement-location and distance indicators are not computable.

The file goes through the SSDA903 ingest's text steps (``decode``, ``split``, ``cells``), then each
column is typed and checked here, vectorised in Arrow. A row with a bad postcode, a grid reference
that is not a whole number of metres, a malformed GSS code or a postcode another row also has is
quarantined in ``raw_audit.quarantine`` with a reason; the others go to ``raw_reference.postcodes``.
``raw_audit.load_log`` gets one row per file (table ``postcodes``, no collection year) with
rows read = rows loaded + rows quarantined. A file that cannot be used at all is logged as rejected.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.ingest import reasons
from flows.ingest.cells import clean_cells, clean_column
from flows.ingest.decode import FileRejected, decode_csv
from flows.ingest.discover import REFERENCE_FOLDER
from flows.ingest.models import LOADED, REJECTED, DiscoveryProblem
from flows.ingest.raw_schema import AUDIT_SCHEMA, REFERENCE_SCHEMA
from flows.ingest.split import FIELD_COUNT, SOURCE_ROW, cell_column, split_csv

TABLE = "postcodes"
NO_COUNTY = "E99999999"  # ONSPD's oscty for a postcode outside any two-tier county
COUNTRIES = {
    "E92000001": "England",
    "W92000004": "Wales",
    "S92000003": "Scotland",
    "N92000002": "Northern Ireland",
    "L93000001": "Channel Islands",
    "M83000003": "Isle of Man",
}
# Whole metres; ONSPD's GB grid stays inside these bounds (the Irish grid of NI postcodes too).
GRID_RANGES = {"oseast1m": (0, 700_000), "osnrth1m": (0, 1_300_000)}
_POSTCODE = r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$"  # without spaces
_GSS_CODE = r"^[A-Z][0-9]{8}$"
_WHOLE_NUMBER = r"^[0-9]+(\.0+)?$"
_COLUMN_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
_NOTED_NAMES = 10  # ignored column names listed in the note (then '...')


@dataclass(frozen=True)
class _Spec:
    name: str
    kind: str  # postcode | gss | country | grid | text
    column_required: bool  # the header must have it
    value_required: bool  # the cell must be filled


COLUMNS = (
    _Spec("pcds", "postcode", True, True),
    _Spec("pcd", "text", False, False),
    _Spec("doterm", "text", False, False),
    _Spec("oscty", "gss", True, False),
    _Spec("oslaua", "gss", True, True),
    _Spec("ctry", "country", True, True),
    _Spec("rgn", "gss", False, False),
    _Spec("oseast1m", "grid", True, False),
    _Spec("osnrth1m", "grid", True, False),
)
REQUIRED_COLUMNS = tuple(c.name for c in COLUMNS if c.column_required)


@dataclass(frozen=True)
class LookupFile:
    """A postcode lookup found in an LA's reference folder."""

    path: Path
    relative_path: str
    la_code: str


@dataclass(frozen=True)
class LookupLoad:
    """The outcome for one lookup file; mirrors its ``raw_audit.load_log`` row. No postcodes in it."""

    relative_path: str
    file_sha256: str | None
    la_code: str
    status: str  # 'loaded' | 'rejected'
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    rows_blank: int
    message: str | None
    notes: str | None


@dataclass(frozen=True)
class PostcodeIngest:
    """Every lookup file's outcome and every problem found in the reference folders."""

    loads: list[LookupLoad]
    problems: list[DiscoveryProblem]

    def las_with_lookup(self) -> set[str]:
        """LAs with at least one postcode loaded: their location indicators are computable."""
        return {load.la_code for load in self.loads if load.status == LOADED and load.rows_loaded}


def _visible(path: Path) -> bool:
    return not path.name.startswith((".", "~$"))


def find_postcode_lookups(extracts_dir: Path) -> tuple[list[LookupFile], list[DiscoveryProblem]]:
    """The lookup file of every ``<la>/reference/`` folder; anything else there is a problem.

    An LA folder with no reference folder simply has no lookup. Two CSV files in one folder are both
    refused: picking one would be a silent guess.
    """
    root = extracts_dir.resolve()
    files: list[LookupFile] = []
    problems: list[DiscoveryProblem] = []
    for folder in sorted(root.glob(f"*/{REFERENCE_FOLDER}")):
        if not folder.is_dir() or not re.fullmatch(r"\d{3}", folder.parent.name):
            continue
        la_code = folder.parent.name
        entries = sorted(p for p in folder.iterdir() if _visible(p))
        csvs = [p for p in entries if p.is_file() and p.suffix.lower() == ".csv"]
        for other in (p for p in entries if p not in csvs):
            rel = other.relative_to(root).as_posix()
            problems.append(
                DiscoveryProblem(rel, f"{rel} is not read; {la_code}/{REFERENCE_FOLDER}/ holds one CSV file")
            )
        if len(csvs) > 1:
            names = ", ".join(p.relative_to(root).as_posix() for p in csvs)
            problems.append(
                DiscoveryProblem(
                    f"{la_code}/{REFERENCE_FOLDER}",
                    f"{names} are all postcode lookups for LA {la_code}; none was read: keep exactly one",
                )
            )
            continue
        files += [LookupFile(p, p.relative_to(root).as_posix(), la_code) for p in csvs]
    return files, problems


# ---- typing -------------------------------------------------------------------------------------


def _positions(header: list[str], relative_path: str) -> tuple[dict[str, int | None], list[str]]:
    """Column name -> position (None when absent), and the notes about ignored columns."""
    names = [h.strip().lower() for h in header]
    repeated = sorted({n for n in names if n and names.count(n) > 1})
    if repeated:
        shown = ", ".join(n if _COLUMN_NAME.fullmatch(n) else "(name not shown)" for n in repeated)
        raise FileRejected(f"{relative_path}: column(s) {shown} appear more than once; keep one of each")
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise FileRejected(
            f"{relative_path}: the postcode lookup has no {', '.join(missing)} column(s); export the "
            f"ONSPD columns {', '.join(REQUIRED_COLUMNS)} (header row with ONSPD's column names)"
        )
    used = {c.name for c in COLUMNS}
    ignored = [n if _COLUMN_NAME.fullmatch(n) else "(name not shown)" for n in names if n not in used]
    notes = []
    if ignored:
        listed = ", ".join(ignored[:_NOTED_NAMES]) + (", ..." if len(ignored) > _NOTED_NAMES else "")
        notes.append(f"unknown_column_ignored: {len(ignored)} ({listed})")
    return {c.name: (names.index(c.name) if c.name in names else None) for c in COLUMNS}, notes


def _matches(values: pa.Array, pattern: str) -> pa.Array:
    return pc.fill_null(pc.match_substring_regex(values, pattern), False)


def _type_column(spec: _Spec, cleaned: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(typed values, passes) for one column; ``passes`` is false only for a filled cell that fails."""
    filled = pc.is_valid(cleaned)
    if spec.kind == "postcode":
        key = pc.replace_substring_regex(pc.utf8_upper(cleaned), r"[\s\x{a0}]+", "")
        good = _matches(key, _POSTCODE)
        return key, pc.or_(pc.invert(filled), good)
    if spec.kind == "grid":
        digits = pc.replace_substring_regex(cleaned, r"\.0+$", "")
        whole = _matches(cleaned, _WHOLE_NUMBER)
        short = pc.less_equal(pc.utf8_length(digits), 9)
        values = pc.cast(pc.if_else(pc.and_(whole, short), digits, pa.scalar(None, pa.string())), pa.int32())
        low, high = GRID_RANGES[spec.name]
        inside = pc.fill_null(pc.and_(pc.greater_equal(values, low), pc.less_equal(values, high)), False)
        return values, pc.or_(pc.invert(filled), inside)
    upper = pc.utf8_upper(cleaned)
    if spec.kind == "gss":
        return upper, pc.or_(pc.invert(filled), _matches(upper, _GSS_CODE))
    if spec.kind == "country":
        known = pc.fill_null(pc.is_in(upper, value_set=pa.array(sorted(COUNTRIES))), False)
        return upper, pc.or_(pc.invert(filled), known)
    return cleaned, pa.array(np.ones(len(cleaned), dtype=bool))


def _invalid(spec: _Spec, text: str) -> str:
    if spec.kind == "postcode":
        return f"invalid_postcode: '{text}' is not a UK postcode (e.g. YO1 7EP)"
    if spec.kind == "grid":
        low, high = GRID_RANGES[spec.name]
        if re.fullmatch(_WHOLE_NUMBER, text):
            return f"out_of_range: '{text}' is outside the range {low} to {high} for {spec.name}"
        return f"invalid_number: '{text}' is not a whole number of metres"
    if spec.kind == "country":
        return f"invalid_code: '{text}' is not an ONSPD country code for ctry"
    return f"invalid_code: '{text}' is not a GSS code (a letter and 8 digits) for {spec.name}"


@dataclass(frozen=True)
class _Typed:
    loaded: pa.Table
    problems: list[reasons.Problem]
    rows_read: int
    rows_quarantined: int


def _type_rows(rows: pa.Table, positions: dict[str, int | None], width: int) -> _Typed:
    n = rows.num_rows
    source_rows = rows[SOURCE_ROW].combine_chunks()
    failed = pa.array(np.zeros(n, dtype=bool))
    problems: list[reasons.Problem] = []

    def flag(mask: pa.Array, *arrays: pa.Array) -> list[tuple]:
        nonlocal failed
        if not pc.any(mask).as_py():
            return []
        failed = pc.or_(failed, mask)
        return list(zip(*(pc.filter(a, mask).to_pylist() for a in (source_rows, *arrays)), strict=True))

    field_count = rows[FIELD_COUNT].combine_chunks()
    problems += [
        reasons.Problem(row, -1, reasons.wrong_field_count(count, width))
        for row, count in flag(pc.not_equal(field_count, width), field_count)
    ]
    typed: dict[str, pa.Array] = {}
    for order, spec in enumerate(COLUMNS):
        position = positions[spec.name]
        if position is None:
            raw = cleaned = pa.nulls(n, pa.string())
        else:
            raw = rows[cell_column(position)].combine_chunks()
            cleaned = rows[clean_column(position)].combine_chunks()
        values, passes = _type_column(spec, cleaned)
        typed[spec.name] = values
        if spec.value_required:
            problems += [
                reasons.Problem(row, order, f"missing_value: {spec.name} is required but blank", spec.name, r)
                for row, r in flag(pc.is_null(cleaned), raw)
            ]
        problems += [
            reasons.Problem(row, order, _invalid(spec, text), spec.name, r)
            for row, text, r in flag(pc.invert(passes), cleaned, raw)
        ]
    key = typed.pop("pcds")
    counts = pc.value_counts(key)
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
    shared = pc.fill_null(pc.is_in(key, value_set=repeated), False)
    groups: dict[str, list[int]] = defaultdict(list)
    for row, value in flag(shared, key):
        groups[value].append(row)
    problems += [
        reasons.Problem(row, len(COLUMNS), reasons.duplicate_key(group, ("pcds",)))
        for group in groups.values()
        for row in group
    ]
    pcds = pc.binary_join_element_wise(
        pc.utf8_slice_codeunits(key, 0, -3), pc.utf8_slice_codeunits(key, -3, 100), " "
    )
    loaded = pa.table({"pcds": pcds, "postcode_key": key, **typed, SOURCE_ROW: source_rows})
    return _Typed(
        loaded=loaded.filter(pc.invert(failed)),
        problems=sorted(problems),
        rows_read=n,
        rows_quarantined=pc.sum(failed).as_py() or 0,
    )


# ---- writing ------------------------------------------------------------------------------------


def _forget(con: duckdb.DuckDBPyConnection, source_file: str) -> None:
    """Remove an earlier load of the same file, so loading again replaces it."""
    con.execute(f"delete from {REFERENCE_SCHEMA}.{TABLE} where source_file = ?", [source_file])
    con.execute(f"delete from {AUDIT_SCHEMA}.quarantine where source_file = ?", [source_file])
    con.execute(f"delete from {AUDIT_SCHEMA}.load_log where source_file = ?", [source_file])


def _insert(con: duckdb.DuckDBPyConnection, rows: pa.Table, target: str, extra: dict[str, object]) -> None:
    """Insert an Arrow table plus constant columns into ``target``, naming every column."""
    if not rows.num_rows:
        return
    columns = [*rows.column_names, *extra]
    con.register("_postcode_rows", rows)
    try:
        con.execute(
            f"insert into {target} ({', '.join(columns)}) "
            f"select {', '.join(rows.column_names)}, {', '.join('?' for _ in extra)} from _postcode_rows",
            list(extra.values()),
        )
    finally:
        con.unregister("_postcode_rows")


def _write(con: duckdb.DuckDBPyConnection, lookup: LookupFile, load_id: str, typed: _Typed) -> None:
    problems = pa.table(
        {
            "source_row": pa.array([p.source_row for p in typed.problems], pa.int32()),
            "column_name": pa.array([p.column_name for p in typed.problems], pa.string()),
            "value": pa.array([p.value for p in typed.problems], pa.string()),
            "reason": pa.array([p.reason for p in typed.problems], pa.string()),
        }
    )
    provenance = {"load_id": load_id, "source_file": lookup.relative_path, "la_code": lookup.la_code}
    _insert(con, problems, f"{AUDIT_SCHEMA}.quarantine", provenance | {"table_name": TABLE})
    _insert(con, typed.loaded, f"{REFERENCE_SCHEMA}.{TABLE}", provenance)


def _log(con: duckdb.DuckDBPyConnection, load_id: str, load: LookupLoad) -> None:
    con.execute(
        f"insert into {AUDIT_SCHEMA}.load_log (load_id, source_file, file_sha256, file_format, table_name, "
        "la_code, status, rows_read, rows_loaded, rows_quarantined, rows_blank, message, notes) "
        "values (?, ?, ?, 'csv', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            load_id, load.relative_path, load.file_sha256, TABLE, load.la_code, load.status, load.rows_read,
            load.rows_loaded, load.rows_quarantined, load.rows_blank, load.message, load.notes,
        ],
    )  # fmt: skip


def _rejected(lookup: LookupFile, sha256: str | None, message: str) -> LookupLoad:
    return LookupLoad(lookup.relative_path, sha256, lookup.la_code, REJECTED, 0, 0, 0, 0, message, None)


def load_postcode_lookup(con: duckdb.DuckDBPyConnection, lookup: LookupFile, load_id: str) -> LookupLoad:
    """Type and load one lookup file in one transaction; never raises for bad input.

    The raw and audit tables must exist (``flows.ingest.raw_schema.create_raw_tables``).
    """
    try:
        raw = lookup.path.read_bytes()
    except OSError as exc:
        outcome = _rejected(lookup, None, f"{lookup.relative_path} cannot be read ({exc.strerror})")
        typed = None
    else:
        sha256 = hashlib.sha256(raw).hexdigest()
        try:
            decoded = decode_csv(raw, lookup.relative_path)
            split = split_csv(decoded.data, lookup.relative_path)
            positions, column_notes = _positions(split.header, lookup.relative_path)
        except FileRejected as rejection:
            outcome, typed = _rejected(lookup, sha256, rejection.message), None
        else:
            cells = clean_cells(split)
            typed = _type_rows(cells.rows, positions, split.width)
            notes = [
                *decoded.notes,
                *([f"blank_rows_skipped: {cells.rows_blank}"] if cells.rows_blank else []),
                *column_notes,
            ]
            outcome = LookupLoad(
                lookup.relative_path, sha256, lookup.la_code, LOADED, typed.rows_read,
                typed.rows_read - typed.rows_quarantined, typed.rows_quarantined, cells.rows_blank, None,
                "; ".join(notes) or None,
            )  # fmt: skip
    con.begin()
    try:
        _forget(con, lookup.relative_path)
        if typed is not None:
            _write(con, lookup, load_id, typed)
        _log(con, load_id, outcome)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return outcome


def ingest_postcode_lookups(
    con: duckdb.DuckDBPyConnection, extracts_dir: Path, load_id: str
) -> PostcodeIngest:
    """Find and load every LA's postcode lookup (none is fine: the lookup is optional)."""
    files, problems = find_postcode_lookups(extracts_dir)
    return PostcodeIngest([load_postcode_lookup(con, f, load_id) for f in files], problems)
