"""The dbt project builds on an empty raw warehouse, its unit tests pass, and it keeps its own rules.

One `dbt build` (unit tests included) runs for the module against a warehouse that has only the
empty raw tables; the manifest it writes is then checked for the house rules: every model states
its grain, names follow the dbt structure guide per folder, reporting models are contracted, and no
column marked as personal data reaches a reporting model.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from flows.dbt_runner import run_dbt_build
from flows.ingest.raw_schema import create_raw_tables
from flows.warehouse_layout import BuildPaths

# Model name prefix required in each folder under models/ (dbt Labs structure guide).
PREFIXES = {
    "staging/ssda903": ("stg_ssda903__",),
    "staging/reference": ("stg_reference__",),
    "intermediate": ("int_",),
    "marts": ("fct_", "dim_"),
    "reporting": ("rpt_",),
    "validation": ("int_validation__", "fct_validation_"),
}

# Column names that hold child-level personal data wherever they appear (raw and renamed).
PERSONAL_COLUMNS = {
    "child",
    "child_id",
    "dob",
    "date_of_birth",
    "upn",
    "mc_dob",
    "child_of_child_date_of_birth",
    "home_post",
    "home_postcode",
    "pl_post",
    "placement_postcode",
    "sw_id",
    "social_worker_id",
    "quarantined_value",
}

GRAIN = re.compile(r"\bone row per\b", re.IGNORECASE)


@dataclass(frozen=True)
class Build:
    manifest: dict
    run_results: dict
    warehouse: Path
    output: str


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("dbt_project")
    paths = BuildPaths(work)
    with duckdb.connect(str(paths.database)) as con:
        create_raw_tables(con)
    lines: list[str] = []
    result = run_dbt_build(paths, on_line=lines.append, include_unit_tests=True)
    return Build(
        manifest=json.loads((paths.dbt_target / "manifest.json").read_text()),
        run_results=json.loads((paths.dbt_target / "run_results.json").read_text()),
        warehouse=paths.database,
        output="\n".join(lines[-80:]) if result.return_code else "",
    )


def _models(build: Build) -> list[dict]:
    return [n for n in build.manifest["nodes"].values() if n["resource_type"] == "model"]


def _folder(model: dict) -> str:
    return str(Path(model["original_file_path"]).parent.relative_to("models"))


def _is_personal(column: dict) -> bool:
    return bool((column.get("meta") or {}).get("personal_data"))


def _built_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchall()
    return {row[0] for row in rows}


def test_build_succeeds_with_every_unit_test_passing(build: Build) -> None:
    statuses = {r["unique_id"]: r["status"] for r in build.run_results["results"]}
    failed = {uid: s for uid, s in statuses.items() if s not in ("success", "pass")}
    assert not failed, build.output
    unit_tests = [uid for uid in statuses if uid.startswith("unit_test.")]
    assert len(unit_tests) >= 4


def test_every_model_states_its_grain(build: Build) -> None:
    missing = [m["name"] for m in _models(build) if not GRAIN.search(m.get("description") or "")]
    assert not missing


def test_model_names_follow_the_prefix_of_their_folder(build: Build) -> None:
    wrong = []
    for model in _models(build):
        folder = _folder(model)
        prefixes = next((p for f, p in PREFIXES.items() if folder == f or folder.startswith(f + "/")), None)
        if prefixes is None or not model["name"].startswith(prefixes):
            wrong.append((folder, model["name"]))
    assert not wrong


def test_reporting_models_are_contracted_with_typed_columns(build: Build) -> None:
    for model in _models(build):
        if not model["name"].startswith("rpt_"):
            continue
        assert model["config"]["contract"]["enforced"], model["name"]
        assert model["columns"], model["name"]
        assert all(c.get("data_type") for c in model["columns"].values()), model["name"]


def test_no_personal_column_reaches_a_reporting_model(build: Build) -> None:
    with duckdb.connect(str(build.warehouse), read_only=True) as con:
        for model in _models(build):
            if not model["name"].startswith("rpt_"):
                continue
            assert not any(_is_personal(c) for c in model["columns"].values()), model["name"]
            built = _built_columns(con, model["schema"], model["alias"])
            assert built, model["name"]
            assert not built & PERSONAL_COLUMNS, model["name"]


def test_personal_columns_are_marked_wherever_they_appear(build: Build) -> None:
    relations = [(m["name"], m["schema"], m["alias"], m["columns"]) for m in _models(build)]
    relations += [
        (s["unique_id"], s["schema"], s["identifier"], s["columns"])
        for s in build.manifest["sources"].values()
    ]
    unmarked = []
    with duckdb.connect(str(build.warehouse), read_only=True) as con:
        for name, schema, table, documented in relations:
            for column in sorted(_built_columns(con, schema, table) & PERSONAL_COLUMNS):
                if column not in documented or not _is_personal(documented[column]):
                    unmarked.append(f"{name}.{column}")
    assert not unmarked


def test_sources_and_seeds_are_documented(build: Build) -> None:
    undocumented = [s["unique_id"] for s in build.manifest["sources"].values() if not s.get("description")]
    undocumented += [
        n["unique_id"]
        for n in build.manifest["nodes"].values()
        if n["resource_type"] == "seed" and not n.get("description")
    ]
    assert not undocumented
