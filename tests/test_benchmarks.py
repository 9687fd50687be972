"""Benchmarks beside England, region and statistical neighbours, on hand-built rpt_indicators rows.

The rows below stand in for `reporting.rpt_indicators` (same columns and types); dbt then loads the
real reference seeds and builds only the two benchmark models, with their data tests. Every
expected figure is worked out by hand from the seed rows quoted in the comments
(seeds/dfe_published_indicators.csv, seeds/statistical_neighbours.csv, seeds/la_lookup.csv).

Statistical neighbours: the 2025 model for every year; the April 2021 groupings only for an
authority the 2025 model does not have (Cumbria 909). Ranks: 1 + neighbours strictly better.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from flows.dbt_runner import build_command
from flows.ingest.raw_schema import create_raw_tables
from flows.warehouse_layout import BuildPaths

RPT_INDICATORS_COLUMNS = (
    "time_period integer, time_identifier varchar, geographic_level varchar, old_la_code varchar, "
    "new_la_code varchar, la_name varchar, indicator varchar, breakdown_topic varchar, breakdown varchar, "
    "numerator double, denominator double, value double, value_published varchar, unit varchar"
)
SELECTED = (
    "dfe_published_indicators dfe_published_sources la_lookup statistical_neighbours indicator_catalogue "
    "rpt_indicator_neighbour_values rpt_indicator_benchmarks"
)

NY, CAMDEN, CUMBRIA = "815", "202", "909"
LAS = {
    NY: ("E06000065", "North Yorkshire"),
    CAMDEN: ("E09000007", "Camden"),
    CUMBRIA: ("E10000006", "Cumbria"),
}
UNITS = {
    "cla_31mar": "count",
    "cla_rate_31mar": "rate_per_10000",
    "pct_3plus_placements_year": "percent",
    "pct_longterm_stability_u16": "percent",
    "local_only_measure": "percent",
}


def _row(
    year: int,
    la: str,
    indicator: str,
    counts: tuple[float, float | None],
    value: float,
    published: str,
    breakdown: tuple[str, str] = ("Total", "Total"),
) -> tuple:
    """One rpt_indicators row (geographic level and time identifier are added on insert)."""
    return (year, la, *LAS[la], indicator, *breakdown, *counts, value, published, UNITS[indicator])


ROWS = [
    # 582 / 115,721 * 10,000 = 50.29 -> 50 (a neutral rate)
    _row(2025, NY, "cla_rate_31mar", (582, 115_721), 50.29, "50"),
    # 57 / 562 = 10.14% -> 10 (lower is better)
    _row(2025, NY, "pct_3plus_placements_year", (57, 562), 10.14, "10"),
    # denominator 5 -> c
    _row(2025, NY, "pct_longterm_stability_u16", (3, 5), 60.0, "c"),
    # 92 / 128 = 71.9% -> 72 (DfE published 71)
    _row(2024, NY, "pct_longterm_stability_u16", (92, 128), 71.875, "72"),
    # a count equal to DfE's 561
    _row(2025, NY, "cla_31mar", (561, None), 561.0, "561"),
    # a breakdown row: not benchmarked
    _row(2025, NY, "cla_31mar", (250, None), 250.0, "250", breakdown=("Sex", "Female")),
    # a year after the published data
    _row(2026, NY, "cla_rate_31mar", (590, 116_000), 50.86, "51"),
    # an id DfE does not publish at LA level: not benchmarked
    _row(2025, NY, "local_only_measure", (10, 20), 50.0, "50"),
    # 23 / 33 = 69.7% -> 70 (higher is better; one neighbour is c)
    _row(2025, CAMDEN, "pct_longterm_stability_u16", (23, 33), 69.697, "70"),
    # Cumbria: not in the 2025 model
    _row(2022, CUMBRIA, "cla_rate_31mar", (326, 40_000), 81.5, "81"),
]
INSERT = (
    "insert into reporting.rpt_indicators values "
    "(?, 'Reporting year', 'Local authority', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

CLA_2025 = "Children looked after in England including adoptions, 2025 release (reporting years 2021 to 2025)"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    paths = BuildPaths(tmp_path_factory.mktemp("benchmarks"))
    with duckdb.connect(str(paths.database)) as con:
        create_raw_tables(con)  # empty: the seeds' source tests (la codes of raw rows) need them
        con.execute("create schema reporting")
        con.execute(f"create table reporting.rpt_indicators ({RPT_INDICATORS_COLUMNS})")
        con.executemany(INSERT, ROWS)
    paths.dbt_target.mkdir(parents=True)
    result = subprocess.run(
        [*build_command(paths), "--select", *SELECTED.split()],
        cwd=paths.root,
        env={**os.environ, "CSC_WAREHOUSE": paths.database.name},
        capture_output=True,
        text=True,
    )
    # the data tests of both models run here too: uniqueness, ranks in 1..11, consistent differences
    assert result.returncode == 0, result.stdout[-6000:]
    return paths.database


def _benchmarks(database: Path) -> dict[tuple[str, int, str], dict]:
    with duckdb.connect(str(database), read_only=True) as con:
        cursor = con.execute("select * from reporting.rpt_indicator_benchmarks")
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return {(r["old_la_code"], r["time_period"], r["indicator"]): r for r in rows}


@pytest.fixture(scope="module")
def benchmarks(warehouse: Path) -> dict[tuple[str, int, str], dict]:
    return _benchmarks(warehouse)


def test_only_total_rows_of_indicators_dfe_publishes_at_la_level(benchmarks: dict) -> None:
    # the Sex breakdown row and local_only_measure (not in the seed) are left out
    assert sorted(benchmarks) == sorted(
        (la, year, indicator)
        for year, la, _, _, indicator, topic, *_ in ROWS
        if topic == "Total" and indicator != "local_only_measure"
    )


def test_neutral_rate_beside_england_region_and_neighbours(benchmarks: dict) -> None:
    row = benchmarks[(NY, 2025, "cla_rate_31mar")]
    # seed, cla_rate_31mar 2025: England 67, Yorkshire and The Humber (E12000003) 77, North Yorkshire 48.
    # 2025 model neighbours of 815: Shropshire 119, Cheshire East 66, East Riding 58, Staffordshire 75,
    # Gloucestershire 57, Warrington 69, Warwickshire 56, Herefordshire 100, Wiltshire 46, Somerset 55.
    # Sum 701 -> mean 70.1; sorted 46 55 56 57 58 | 66 69 75 100 119 -> median (58 + 66) / 2 = 62.
    assert row["la_value"] == pytest.approx(50.29)
    assert row["la_value_published"] == "50"
    assert row["la_value_for_comparison"] == 50
    assert (row["england_value_published"], row["england_value"], row["diff_from_england"]) == ("67", 67, -17)
    assert (row["region_code"], row["region_name"]) == ("E12000003", "Yorkshire and The Humber")
    assert (row["region_value"], row["diff_from_region"]) == (77, -27)  # 50 - 77
    assert (row["sn_model"], row["neighbours_in_group"], row["neighbours_with_value"]) == ("2025", 10, 10)
    assert row["neighbour_mean"] == pytest.approx(70.1)
    assert row["neighbour_median"] == 62
    assert row["diff_from_neighbour_mean"] == pytest.approx(-20.1)  # 50 - 70.1
    # neutral: not ranked, and the note says why
    assert row["better_direction"] == "neutral"
    assert (row["rank_among_neighbours"], row["ranked_areas"]) == (None, None)
    assert row["benchmark_note"] == "No better direction: not ranked."
    # reconciliation with DfE's own 815 figure: 50 against 48
    assert (row["dfe_published_value_same_la"], row["diff_from_dfe_same_la"]) == ("48", 2)
    assert row["reconciliation"] == "differs"
    assert row["benchmark_source_release"] == CLA_2025
    assert row["benchmark_source_file"] == "cla_number_and_rate_per_10k_children.csv"
    assert "commit 2f5d11a" in row["benchmark_vintage"]


def test_lower_is_better_ranked_with_ties(benchmarks: dict) -> None:
    row = benchmarks[(NY, 2025, "pct_3plus_placements_year")]
    # seed, pct_3plus_placements_year 2025: England 10, region 11, 815 14. Neighbours in the same order
    # as above: 6, 11, 15, 10, 12, 11, 16, 10, 9, 18. Sum 118 -> mean 11.8; sorted
    # 6 9 10 10 11 | 11 12 15 16 18 -> median 11.
    assert row["better_direction"] == "lower"
    assert (row["diff_from_england"], row["diff_from_region"]) == (0, -1)
    assert row["neighbour_mean"] == pytest.approx(11.8)
    assert row["neighbour_median"] == 11
    assert row["diff_from_neighbour_mean"] == pytest.approx(-1.8)
    # Lower is better: strictly lower than 10 are Shropshire 6 and Wiltshire 9, so 815 ranks 3 of 11,
    # tied with Staffordshire and Herefordshire (10), who would also show 3 (DfE's LAIT ranks ties so).
    assert (row["rank_among_neighbours"], row["ranked_areas"]) == (3, 11)
    assert row["benchmark_note"] is None
    assert (row["diff_from_dfe_same_la"], row["reconciliation"]) == (-4, "differs")  # 10 - 14
    assert row["benchmark_source_file"] == "la_cla_placement_stability.csv"


def test_suppressed_neighbour_left_out_and_higher_is_better(benchmarks: dict) -> None:
    row = benchmarks[(CAMDEN, 2025, "pct_longterm_stability_u16")]
    # seed, pct_longterm_stability_u16 2025: England 69, London (E12000007) 68, Camden 56.
    # 2025 model neighbours of 202: Islington 66, Westminster 84, Hammersmith and Fulham 69,
    # Southwark 74, Lambeth 54, Kensington and Chelsea c, Lewisham 64, Haringey 74, Hackney 71,
    # Barnet 63. The c is left out: 9 values, sum 619 -> mean 68.777778 (6 dp);
    # sorted 54 63 64 66 69 71 74 74 84 -> median 69.
    assert (row["neighbours_in_group"], row["neighbours_with_value"]) == (10, 9)
    assert row["neighbour_mean"] == pytest.approx(619 / 9, abs=1e-6)
    assert row["neighbour_median"] == 69
    assert row["diff_from_neighbour_mean"] == pytest.approx(70 - 619 / 9, abs=1e-6)
    assert (row["region_name"], row["diff_from_england"], row["diff_from_region"]) == ("London", 1, 2)
    # Higher is better: strictly above 70 are 84, 74, 74 and 71 -> rank 5 of 10 (the LA + 9 values)
    assert row["better_direction"] == "higher"
    assert (row["rank_among_neighbours"], row["ranked_areas"]) == (5, 10)
    assert (row["dfe_published_value_same_la"], row["reconciliation"]) == ("56", "differs")


def test_suppressed_la_value_has_no_difference_or_rank(benchmarks: dict) -> None:
    row = benchmarks[(NY, 2025, "pct_longterm_stability_u16")]
    # published c: neither the unrounded value nor anything derived from it appears
    assert (row["la_value"], row["la_value_for_comparison"]) == (None, None)
    derived = ("diff_from_england", "diff_from_region", "diff_from_neighbour_mean", "diff_from_dfe_same_la")
    assert [row[name] for name in derived] == [None] * 4
    assert row["rank_among_neighbours"] is None
    assert row["reconciliation"] == "not_comparable"
    assert row["benchmark_note"] == "This authority's figure is published as c: no differences or rank."
    # the benchmarks themselves are still there: England 69, region 69, DfE's 815 figure 73
    assert (row["england_value"], row["region_value"], row["dfe_published_value_same_la"]) == (69, 69, "73")


def test_reconciliation_within_one_point_and_exact_count(benchmarks: dict) -> None:
    # 2024 long-term stability: 72 against DfE's 71 for 815
    row = benchmarks[(NY, 2024, "pct_longterm_stability_u16")]
    assert (row["diff_from_dfe_same_la"], row["reconciliation"]) == (1, "within_one_unit")
    # cla_31mar 2025: 561 against DfE's 561; a count gets no differences from England or a rank
    count = benchmarks[(NY, 2025, "cla_31mar")]
    assert (count["diff_from_dfe_same_la"], count["reconciliation"]) == (0, "match")
    assert (count["england_value_published"], count["diff_from_england"]) == ("81770", None)
    assert (count["diff_from_neighbour_mean"], count["rank_among_neighbours"]) == (None, None)
    assert count["benchmark_note"].startswith("A count")


def test_year_after_the_published_data(benchmarks: dict) -> None:
    row = benchmarks[(NY, 2026, "cla_rate_31mar")]
    assert row["la_value_published"] == "51"
    missing = (
        "england_value_published",
        "region_value_published",
        "neighbour_mean",
        "diff_from_england",
        "rank_among_neighbours",
        "benchmark_source_release",
    )
    assert [row[name] for name in missing] == [None] * len(missing)
    # the group is known, none of it has a 2026 figure
    assert (row["region_code"], row["neighbours_in_group"], row["neighbours_with_value"]) == (
        "E12000003",
        10,
        0,
    )
    assert row["reconciliation"] == "no_dfe_figure"
    assert row["benchmark_note"] == (
        "No DfE figures are published for this year: the reference data for this indicator ends in 2025."
    )


def test_authority_outside_the_2025_model_uses_the_2021_groupings(benchmarks: dict) -> None:
    row = benchmarks[(CUMBRIA, 2022, "cla_rate_31mar")]
    # seed, cla_rate_31mar 2022: England 70, North West 97, Cumbria 81. April 2021 groupings of 909:
    # Lincolnshire 51, Norfolk 65, Derbyshire 60, Nottinghamshire 59, Staffordshire 77,
    # Worcestershire 76, Suffolk 62, North Northamptonshire 66, Shropshire 104, Devon 57 -> sum 677,
    # mean 67.7.
    assert (row["sn_model"], row["neighbours_with_value"]) == ("2021", 10)
    assert row["neighbour_mean"] == pytest.approx(67.7)
    assert (row["region_name"], row["diff_from_region"]) == ("North West", -16)  # 81 - 97
    assert row["reconciliation"] == "match"


def test_long_form_lists_each_comparator_in_order(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select comparator_order, comparator_type, comparator_code, neighbour_rank, value_published
            from reporting.rpt_indicator_neighbour_values
            where old_la_code = '815' and time_period = 2025 and indicator = 'pct_3plus_placements_year'
            order by comparator_order
            """
        ).fetchall()
    assert rows[:3] == [
        (0, "dfe_same_la", "815", None, "14"),
        (1, "england", "E92000001", None, "10"),
        (2, "region", "E12000003", None, "11"),
    ]
    neighbours = ["893", "895", "811", "860", "916", "877", "937", "884", "865", "933"]
    values = ["6", "11", "15", "10", "12", "11", "16", "10", "9", "18"]
    assert rows[3:] == [
        (rank + 2, "statistical_neighbour", code, rank, value)
        for rank, (code, value) in enumerate(zip(neighbours, values, strict=True), start=1)
    ]
