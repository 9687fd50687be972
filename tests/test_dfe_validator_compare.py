"""The comparison harness with DfE's validator (tools/dfe_validator): parsing and agreement arithmetic.

Needs neither DfE's validator nor its environment: `run_dfe.py` is imported only for its pure
line-numbering function, and the report is rendered from made-up counts.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from flows.environment import PROJECT_DIR

if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from tools.dfe_validator import run_dfe
from tools.dfe_validator.agreement import (
    Flag,
    SetComparison,
    YearRules,
    combine,
    compare_rule_year,
    compare_sets,
    compare_year,
    fill_children_from_files,
    format_pct,
    normalise_child,
    parse_dfe_errors,
)
from tools.dfe_validator.mutate import mutate_text, shift_date
from tools.dfe_validator.registry import our_rules_by_year
from tools.dfe_validator.report import ReportInput, SizeRun, load_runs, render_report, save_runs, timing_rows

EPISODES_2025 = "815/ssda903/2025/episodes.csv"
EPISODES_2024 = "815/ssda903/2024/episodes.csv"


def flag(code: str, child: str, row: int | None = None, file: str | None = EPISODES_2025) -> Flag:
    return Flag(code, 2025, child, file if row is not None else None, row)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1234", "1234"), (" 1234 ", "1234"), ("1234.0", "1234"), ("1234.00", "1234"), ("AB12.0", "AB12.0")],
)
def test_child_ids_are_normalised_as_the_ingest_does(raw: str, expected: str) -> None:
    assert normalise_child(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "  ", "nan", "<NA>"])
def test_missing_child_ids_become_empty(raw: object) -> None:
    assert normalise_child(raw) == ""


def test_record_lines_skip_blank_lines_like_pandas_but_keep_rows_of_commas() -> None:
    content = b"\xef\xbb\xbfCHILD,SEX\r\n1,M\r\n\r\n   \r\n,\r\n2,F\n3,F\n"
    # header = line 1; lines 3 and 4 are blank (pandas skips them); line 5 (",") is a record.
    assert run_dfe.record_lines(content) == [2, 5, 6, 7]


def test_record_lines_count_a_quoted_line_break_once() -> None:
    content = b'CHILD,NOTE\n1,"two\nlines"\n2,x\n'
    assert run_dfe.record_lines(content) == [2, 4]


def test_quarantine_findings_get_the_child_written_on_their_row(tmp_path: Path) -> None:
    folder = tmp_path / "815" / "ssda903" / "2025"
    folder.mkdir(parents=True)
    (folder / "episodes.csv").write_bytes(b"\xef\xbb\xbfCHILD,DECOM\r\n11,x\r\n\r\n22.0,y\r\n")
    flags = [flag("103", "", 4), flag("103", "", 9), flag("103", "33", 2)]
    filled = fill_children_from_files(flags, tmp_path)
    assert [f.child for f in filled] == ["22", "", "33"]  # line 4 (blank line 3 counted); no line 9


TABLES = {"Header": ["CHILD", "SEX", "DOB", "MC_DOB"], "UASC": ["CHILD", "SEX", "DOB", "DUC"]}


@pytest.mark.parametrize(
    ("header", "table"),
    [
        (["CHILD", "SEX", "DOB"], "Header"),  # an optional column left out
        (["CHILD", "SEX", "DOB", "DUC", "NOTES"], "UASC"),  # an extra column
        (["child", "sex", "dob", "duc"], "UASC"),
        (["SEX", "DOB", "DUC"], None),  # no CHILD
        (["CHILD", "A", "B", "C"], None),
    ],
)
def test_a_file_refused_for_its_columns_is_matched_to_the_nearest_table(header, table) -> None:
    assert run_dfe.nearest_table(header, TABLES) == table


def test_adapted_file_has_the_validators_columns_and_the_same_records() -> None:
    content = b"CHILD,SEX,DOB,DUC,NOTES\r\n1,M,01/01/2010,,x\r\n\r\n2,F,02/02/2011,03/03/2020,y\r\n"
    adapted = run_dfe.adapt_columns(content, TABLES["UASC"])
    assert adapted.decode().splitlines() == [
        "CHILD,SEX,DOB,DUC",
        "1,M,01/01/2010,",
        "2,F,02/02/2011,03/03/2020",
    ]
    assert run_dfe.adapt_columns(b"CHILD,SEX,DOB\n1,M,x\n", TABLES["Header"]).decode() == (
        "CHILD,SEX,DOB,MC_DOB\n1,M,x,\n"
    )


def test_dfe_errors_are_parsed_with_rows_and_normalised_children(tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    errors.write_text(
        "rule_code,table,source_file,source_row,child\n"
        f"103,Header,815/ssda903/2025/header.csv,7,55.0\n"
        f"1001,Episodes_last,{EPISODES_2024},3,\n"
    )
    assert parse_dfe_errors(errors, 2025) == [
        Flag("103", 2025, "55", "815/ssda903/2025/header.csv", 7),
        Flag("1001", 2025, "", EPISODES_2024, 3),
    ]


def test_set_comparison_arithmetic() -> None:
    result = compare_sets({1, 2, 3}, {2, 3, 4, 5})
    assert (result.ours, result.theirs, result.both) == (3, 4, 2)
    assert (result.only_ours, result.only_theirs) == (1, 2)
    assert result.agreement_pct == pytest.approx(100 * 2 / 5)  # both / either


def test_agreement_is_undefined_when_neither_side_flags() -> None:
    assert compare_sets(set(), set()).agreement_pct is None


def test_combine_adds_disjoint_comparisons() -> None:
    total = combine([SetComparison(3, 4, 2), SetComparison(1, 0, 0)])
    assert (total.ours, total.theirs, total.both) == (4, 4, 2)
    assert total.agreement_pct == pytest.approx(100 * 2 / 6)


def test_rule_year_compares_children_and_rows_of_the_return() -> None:
    ours = [flag("501", "A", 2), flag("501", "A", 3), flag("501", "B", 9)]
    theirs = [
        flag("501", "A", 2),
        flag("501", "C", 4),
        Flag("501", 2025, "A", EPISODES_2024, 5),  # a row of last year's return: not compared
    ]
    result = compare_rule_year("501", 2025, ours, theirs)
    assert (result.children.ours, result.children.theirs, result.children.both) == (2, 2, 1)
    assert result.rows is not None
    assert (result.rows.ours, result.rows.theirs, result.rows.both) == (3, 2, 1)
    assert result.rows_in_previous_return == 1


def test_disagreements_about_children_with_a_quarantined_row_are_counted() -> None:
    ours = [flag("562", "A", 2), flag("562", "B", 3)]
    theirs = [flag("562", "C", 4), flag("562", "D", 5)]
    quarantined = frozenset({(2025, "A"), (2024, "C"), (2023, "D")})  # D: two years back, not counted
    result = compare_rule_year("562", 2025, ours, theirs, quarantined)
    assert result.disagreeing_quarantined == 2


def test_rows_are_not_compared_when_our_rule_does_not_point_at_rows() -> None:
    result = compare_rule_year("1001", 2025, [flag("1001", "A")], [flag("1001", "A", 2)])
    assert result.rows is None
    assert result.children.agreement_pct == 100.0


def test_rows_without_a_child_count_as_rows_only() -> None:
    result = compare_rule_year("101", 2025, [], [flag("101", "", 8)])
    assert result.children.theirs == 0
    assert result.rows is not None and result.rows.theirs == 1


def test_compare_year_takes_shared_rules_only_case_insensitively_and_drops_rules_dfe_did_not_run() -> None:
    rules = YearRules(
        ours={"197A": "197a", "103": "103", "999": "999", "1007": "1007"},
        theirs={"197A": "197a", "103": "103", "1007": "1007", "SW01STG1": "SW01STG1"},
        theirs_not_run={"1007": "crashed"},
    )
    ours = [flag("197a", "A", 2)]
    theirs = [flag("197a", "A", 2), flag("103", "B", 3)]
    results = {r.rule_code: r for r in compare_year(2025, rules, ours, theirs)}
    assert sorted(results) == ["103", "197a"]
    assert results["197a"].children.agreement_pct == 100.0
    assert results["103"].children.only_theirs == 1


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "n/a"), (100.0, "100%"), (99.96, "99.9%"), (50.4, "50%"), (0.0, "0%"), (0.04, "0.1%")],
)
def test_percent_never_rounds_to_full_or_no_agreement(value: float | None, text: str) -> None:
    assert format_pct(value) == text


def test_registry_years_decide_which_rules_are_ours_in_a_year(tmp_path: Path) -> None:
    registry = tmp_path / "validation_rules.csv"
    registry.write_text(
        "rule_code,message,first_year,last_year\n"
        "101,sex code,2017,2024\n"
        "101a,sex code from 2025,2025,\n"
        "SW01STG1,social workers,2024,\n"
    )
    by_year = our_rules_by_year(registry, [2023, 2024, 2025])
    assert by_year[2023] == {"101": "101"}
    assert by_year[2024] == {"101": "101", "SW01STG1": "SW01STG1"}
    assert by_year[2025] == {"101A": "101a", "SW01STG1": "SW01STG1"}


def _run() -> SizeRun:
    return SizeRun(
        size=1,
        rows=1000,
        mutations={"swap": 3},
        years=[2024, 2025],
        results=[
            compare_rule_year("103", 2024, [flag("103", "SECRET-1", 2)], [flag("103", "SECRET-1", 2)]),
            compare_rule_year("103", 2025, [], [flag("103", "OTHER-SECRET", 3)]),
        ],
        timings=[
            {"side": "ours", "year": "all", "step": "ingest", "seconds": 1.0},
            {"side": "ours", "year": "all", "step": "dbt build (validation models)", "seconds": 9.0},
            {"side": "ours", "year": 2024, "step": "ingest", "seconds": 0.5},
            {"side": "ours", "year": 2024, "step": "dbt build (validation models)", "seconds": 7.0},
            {"side": "theirs", "year": 2024, "step": "validate (read + rules)", "seconds": 20.0},
            {"side": "theirs", "year": 2024, "step": "process (start, import, validate)", "seconds": 21.0},
        ],
        dfe_meta={2024: {"validator_version": "0.1.17", "rules_in_year": ["103", "SW01STG1"]}},
        rules_ours={2024: {"103": "103"}, 2025: {"103": "103"}},
    )


def test_timing_rows_sum_the_years_and_show_the_all_years_build() -> None:
    rows = timing_rows(_run())
    assert rows[0] == ["2024", "0.5", "7.0", "7.5", "20.0", "21.0"]
    assert rows[-2][0] == "sum of the years" and rows[-2][3] == "7.5"
    assert rows[-1][0] == "all years in one build (ours)" and rows[-1][3] == "10.0"


def test_saved_runs_load_back_equal(tmp_path: Path) -> None:
    save_runs([_run()], tmp_path / "results.json")
    assert load_runs(tmp_path / "results.json") == [_run()]


def test_report_has_counts_and_no_child_ids(tmp_path: Path) -> None:
    findings = tmp_path / "findings.csv"
    findings.write_text('rule_code,verdict,finding\n103,ours,"Ours is right because the list is the seed."\n')
    text = render_report(
        ReportInput(
            runs=[_run()],
            findings_csv=findings,
            la_code="815",
            out_folder=Path("bench/x"),
            messages={"103": "The ethnicity code is either not valid or has not been entered."},
        )
    )
    assert "SECRET" not in text
    assert "### 103: The ethnicity code" in text
    assert "**ours right.** Ours is right because" in text
    assert "| default | 2025 | 0 | 1 | 0 | 0 | 1 | 0% | 0 | 0 | 1 | 0% | 0 |" in text


@pytest.mark.parametrize(
    ("text", "days", "expected"),
    [
        ("28/02/2024", 1, "29/02/2024"),
        ("31/12/2024", 1, "01/01/2025"),
        ("31/02/2024", 1, None),
        ("x", 1, None),
    ],
)
def test_shift_date(text: str, days: int, expected: str | None) -> None:
    assert shift_date(text, days) == expected


def test_mutation_changes_cells_but_keeps_bom_line_endings_blank_rows_and_ids() -> None:
    rows = "".join(f"{i},0{i % 9 + 1}/0{i % 9 + 1}/2020,A{i % 3}\r\n" for i in range(200))
    text = "\ufeffCHILD,DECOM,PLACE\r\n" + rows + "\r\n,,\r\n7,01/01/2021,B\n"
    changed, mutations = mutate_text(text, 0.2, random.Random(1), "x.csv")
    assert mutations and {m.kind for m in mutations} <= {"swap", "blank", "shift"}
    assert changed.startswith("\ufeffCHILD,DECOM,PLACE\r\n")
    before, after = text.splitlines(keepends=True), changed.splitlines(keepends=True)
    assert len(after) == len(before)
    assert [line[-2:] == "\r\n" for line in after] == [line[-2:] == "\r\n" for line in before]
    assert [line.split(",")[0] for line in after] == [line.split(",")[0] for line in before]  # CHILD kept
    for m in mutations:
        assert m.column in ("DECOM", "PLACE") and before[m.line - 1] != after[m.line - 1]
    assert mutate_text(text, 0.2, random.Random(1), "x.csv")[0] == changed  # seeded
