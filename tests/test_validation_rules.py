"""Every DfE validation rule, in every collection year it applies to, on one hand-built warehouse.

For each rule and each year 2017-2027 in the registry's range (seeds/validation_rules.csv), the
rule's case (tests/validation_cases/) adds a failing child and a passing child to the raw tables (and
to the quarantine, for rules reported from it). One `dbt build` of the validation models and their
parents checks them all: the failing child must be reported by the rule in that year, the passing
child must not. For rules limited to some years, a failing child in each other year must not be
reported. Findings are traced to their case by the source file, which names the case child.
"""

from __future__ import annotations

import csv
import itertools
import os
import re
import subprocess
from collections import defaultdict
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from validation_cases import CASES, Child, NotApplicable

from flows.dbt_runner import build_command
from flows.environment import PROJECT_DIR
from flows.ingest.raw_schema import AUDIT_SCHEMA, RAW_SCHEMA, create_raw_tables
from flows.publish import PUBLISHED_SCHEMAS
from flows.ssda903_spec import TABLES
from flows.warehouse_layout import BuildPaths

YEARS = range(2017, 2028)
REGISTRY = PROJECT_DIR / "seeds" / "validation_rules.csv"
RULE_MACROS = PROJECT_DIR / "macros" / "validation" / "rules"
FINDINGS_MODELS = PROJECT_DIR / "models" / "validation" / "findings"


def registry_rows() -> list[dict]:
    with REGISTRY.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def applicable_years() -> dict[str, set[int]]:
    """Rule code -> the collection years 2017-2027 its registry rows cover."""
    years: dict[str, set[int]] = defaultdict(set)
    for row in registry_rows():
        first = int(row["first_year"] or YEARS.start)
        last = int(row["last_year"] or YEARS.stop - 1)
        years[row["rule_code"]] |= {y for y in YEARS if first <= y <= last}
    return dict(years)


def build_children() -> tuple[list[Child], dict[str, tuple[str, int, str]]]:
    """All case children and, per child id, (rule code, year, role): role F fails, P passes, X is
    a failing child outside the rule's years."""
    children, roles = [], {}
    for code, years in applicable_years().items():
        for year in YEARS:
            kinds = ("F", "P") if year in years else ("X",)
            fail, ok = (Child.new(f"{code}_{year}_{kind}", year) for kind in (kinds[0], "P"))
            try:
                CASES[code](fail, ok, year)
            except NotApplicable:
                assert year not in years, f"rule {code} has no case in {year}, a year it applies to"
                continue
            for child in (fail, ok)[: len(kinds)]:
                children.append(child)
                roles[child.child_id] = (code, year, child.child_id.rsplit("_", 1)[1])
    return children, roles


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], columns: list[str]) -> None:
    frame = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows])
    con.register("case_rows", frame)
    try:
        con.execute(f"insert into {table} by name select * from case_rows")
    finally:
        con.unregister("case_rows")


def load_children(path: Path, children: list[Child]) -> None:
    per_table: dict[str, list[dict]] = defaultdict(list)
    quarantine: list[dict] = []
    for child in children:
        for table, rows in child.raw_rows().items():
            per_table[table] += rows
        quarantine += child.quarantine
    provenance = ["load_id", "la_code", "collection_year", "source_file", "source_row"]
    with duckdb.connect(str(path)) as con:
        create_raw_tables(con)
        for table, rows in per_table.items():
            columns = [c.warehouse_name for c in TABLES[table].columns] + provenance
            _insert(con, f"{RAW_SCHEMA}.{table}", rows, columns)
        columns = [*provenance[:4], "table_name", "source_row", "column_name", "value", "reason"]
        _insert(con, f"{AUDIT_SCHEMA}.quarantine", quarantine, columns)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    paths = BuildPaths(tmp_path_factory.mktemp("validation_rules"))
    children, roles = build_children()
    load_children(paths.database, children)
    paths.dbt_target.mkdir(parents=True, exist_ok=True)
    # the validation models, their parents and the seeds; only the tests of what is built
    selection = ["--select", "+path:models/validation", "path:seeds", "--indirect-selection", "cautious"]
    command = build_command(paths) + selection
    result = subprocess.run(
        command,
        cwd=paths.root,
        env={**os.environ, "CSC_WAREHOUSE": paths.database.name},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-6000:]
    return paths.database, roles


def reported(path: Path) -> dict[str, set[tuple[str, int]]]:
    """Case child id -> the (rule, year) pairs that reported one of its rows."""
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            "select rule_code, collection_year, source_file, child_id"
            " from restricted_validation.fct_validation_errors"
        ).fetchall()
    found: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for rule, year, source_file, child_id in rows:
        case_child = source_file.split("/")[2]
        assert child_id in (None, case_child), "a finding names another child than its row's"
        found[case_child].add((rule, year))
    return found


def test_every_rule_reports_its_failing_child_and_not_its_passing_child(built: tuple[Path, dict]) -> None:
    path, roles = built
    found = reported(path)
    problems = []
    for child_id, (code, year, role) in sorted(roles.items()):
        hit = (code, year) in found.get(child_id, set())
        if role == "F" and not hit:
            problems.append(f"rule {code} {year}: failing child not reported")
        if role == "P" and hit:
            problems.append(f"rule {code} {year}: passing child reported")
    assert not problems, "\n".join(problems)


def test_no_rule_fires_outside_its_years(built: tuple[Path, dict]) -> None:
    path, roles = built
    found = reported(path)
    outside = [
        (code, year)
        for child_id, (code, year, role) in roles.items()
        if role == "X" and (code, year) in found.get(child_id, set())
    ]
    assert not outside, f"rules reported outside their years: {sorted(outside)}"
    assert any(role == "X" for _, _, role in roles.values()), "no rule is limited to some years"


def test_summary_counts_rows_and_children(built: tuple[Path, dict]) -> None:
    path, _ = built
    with duckdb.connect(str(path), read_only=True) as con:
        errors = con.execute("select count(*) from restricted_validation.fct_validation_errors").fetchone()[0]
        summed = con.execute(
            "select sum(failing_rows) from restricted_validation.fct_validation_summary"
        ).fetchone()[0]
    assert errors == summed > 0


def test_registry_rows_cases_and_macros_match() -> None:
    rows = registry_rows()
    codes = {r["rule_code"] for r in rows}
    without_cases, without_rules = sorted(codes - set(CASES)), sorted(set(CASES) - codes)
    assert not without_cases and not without_rules, f"no case: {without_cases}; no rule: {without_rules}"
    defined = {
        name
        for path in RULE_MACROS.glob("*.sql")
        for name in re.findall(r"{%-?\s*macro\s+(validation_rule_\w+)\s*\(", path.read_text())
    }
    named = {r["macro_name"] for r in rows}
    assert named == defined, (
        f"missing macros: {sorted(named - defined)}; unregistered: {sorted(defined - named)}"
    )
    assert len(codes) >= 80


def test_every_rule_group_has_its_findings_model() -> None:
    groups = {r["rule_group"] for r in registry_rows()}
    models = {p.stem.removeprefix("int_validation__findings_") for p in FINDINGS_MODELS.glob("*.sql")}
    unioned = (FINDINGS_MODELS.parent / "int_validation__findings_unioned.sql").read_text()
    assert groups == models
    assert all(f"'{group}'" in unioned for group in groups)


def test_registry_year_ranges_of_a_rule_do_not_overlap() -> None:
    ranges = defaultdict(list)
    for row in registry_rows():
        ranges[row["rule_code"]].append((int(row["first_year"] or 0), int(row["last_year"] or 9999)))
    for code, spans in ranges.items():
        spans.sort()
        for (_, last), (first, _) in itertools.pairwise(spans):
            assert last < first, f"rule {code} has overlapping year ranges"


def test_the_error_report_is_never_published() -> None:
    assert "restricted_validation" not in PUBLISHED_SCHEMAS
